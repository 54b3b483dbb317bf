package dev.pushsim.apns.auth;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The provider teams the simulated APNs server knows, with their keys and bundle IDs.
 * Thread-safe: lookups are lock-free, so the authentication hot path can use them.
 *
 * <p>As at Apple, a Key ID and a bundle ID each belong to one team only.
 */
public final class ProviderDirectory {

  private final ConcurrentMap<String, Team> teams = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Team> keyOwners = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Team> bundleOwners = new ConcurrentHashMap<>();
  private final Team.Registry registry = new Claims();

  /**
   * The team with {@code teamId}, created empty if absent.
   *
   * @throws IllegalArgumentException when {@code teamId} is not 10 characters of A-Z and 0-9
   */
  public Team team(String teamId) {
    SigningKey.requireAppleId(teamId, "Team ID");
    return teams.computeIfAbsent(teamId, id -> new Team(id, registry));
  }

  /** Adds {@code key} to its team (created if absent) and returns the team. */
  public Team addKey(SigningKey key) {
    return team(key.teamId()).addKey(key);
  }

  public Optional<Team> findTeam(String teamId) {
    return teamId == null ? Optional.empty() : Optional.ofNullable(teams.get(teamId));
  }

  /** The key with {@code keyId}, whichever team owns it. */
  public Optional<SigningKey> findKey(String keyId) {
    if (keyId == null) {
      return Optional.empty();
    }
    Team owner = keyOwners.get(keyId);
    return owner == null ? Optional.empty() : owner.key(keyId);
  }

  /** The team that added {@code bundleId}. */
  public Optional<Team> ownerOf(String bundleId) {
    return bundleId == null ? Optional.empty() : Optional.ofNullable(bundleOwners.get(bundleId));
  }

  /** A snapshot of the known teams. */
  public Collection<Team> teams() {
    return List.copyOf(teams.values());
  }

  @Override
  public String toString() {
    return "ProviderDirectory{teams=" + teams.keySet() + "}";
  }

  private final class Claims implements Team.Registry {
    @Override
    public void claimKeyId(Team team, String keyId) {
      Team owner = keyOwners.putIfAbsent(keyId, team);
      if (owner != null && owner != team) {
        throw new IllegalArgumentException(
            "Key ID " + keyId + " already belongs to team " + owner.teamId()
                + "; it cannot be added to team " + team.teamId() + ".");
      }
    }

    @Override
    public void claimBundleId(Team team, String bundleId) {
      Team owner = bundleOwners.putIfAbsent(bundleId, team);
      if (owner != null && owner != team) {
        throw new IllegalArgumentException(
            "Bundle ID " + bundleId + " already belongs to team " + owner.teamId()
                + "; it cannot be added to team " + team.teamId() + ".");
      }
    }
  }
}
