package dev.pushsim.apns.auth;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An Apple Developer team: its Team ID, the authentication keys it created, and the bundle IDs
 * (apps, hence topics) it may push to. Thread-safe.
 *
 * <p>Teams are made by {@link ProviderDirectory#team(String)}, which keeps Key IDs and bundle IDs
 * unique across teams, as Apple does.
 */
public final class Team {

  /** How a team tells its directory about a new key or bundle ID before taking it. */
  interface Registry {
    void claimKeyId(Team team, String keyId);

    void claimBundleId(Team team, String bundleId);
  }

  private final String teamId;
  private final Registry registry;
  private final ConcurrentMap<String, SigningKey> keys = new ConcurrentHashMap<>();
  private final Set<String> bundleIds = ConcurrentHashMap.newKeySet();

  Team(String teamId, Registry registry) {
    this.teamId = SigningKey.requireAppleId(teamId, "Team ID");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  public String teamId() {
    return teamId;
  }

  /**
   * Adds {@code key}, or replaces this team's key with the same Key ID (e.g. by its
   * {@link SigningKey#limitedTo} copy).
   *
   * @throws IllegalArgumentException when the key belongs to another team, or its Key ID is
   *     already another team's
   */
  public Team addKey(SigningKey key) {
    Objects.requireNonNull(key, "key");
    if (!teamId.equals(key.teamId())) {
      throw new IllegalArgumentException(
          "Key " + key.keyId() + " belongs to team " + key.teamId() + ", not to team " + teamId + ".");
    }
    registry.claimKeyId(this, key.keyId());
    keys.put(key.keyId(), key);
    return this;
  }

  /** This team's key with {@code keyId}, if it has one. */
  public Optional<SigningKey> key(String keyId) {
    return keyId == null ? Optional.empty() : Optional.ofNullable(keys.get(keyId));
  }

  /** A snapshot of this team's keys. */
  public Collection<SigningKey> keys() {
    return List.copyOf(keys.values());
  }

  /**
   * Lets this team push to {@code bundleId} (an app; its topics are derived from it elsewhere).
   *
   * @throws IllegalArgumentException when the bundle ID is blank or another team's
   */
  public Team addBundleId(String bundleId) {
    if (bundleId == null || bundleId.isBlank() || !bundleId.strip().equals(bundleId)) {
      throw new IllegalArgumentException(
          "Bundle ID " + (bundleId == null ? "null" : "'" + bundleId + "'")
              + " is not valid: it must be non-blank, without surrounding spaces.");
    }
    registry.claimBundleId(this, bundleId);
    bundleIds.add(bundleId);
    return this;
  }

  /** A snapshot of the bundle IDs this team may push to. */
  public Set<String> bundleIds() {
    return Set.copyOf(bundleIds);
  }

  /** True when {@code bundleId} was added to this team, exactly as spelled. */
  public boolean owns(String bundleId) {
    return bundleId != null && bundleIds.contains(bundleId);
  }

  @Override
  public String toString() {
    return "Team{teamId=" + teamId + ", keys=" + keys.keySet() + ", bundleIds=" + bundleIds + "}";
  }
}
