package dev.pushsim.world;

import dev.pushsim.apns.Environment;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.auth.Team;
import dev.pushsim.device.Device;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.world.WorldFile.AppInstall;
import dev.pushsim.world.WorldFile.DeviceSpec;
import dev.pushsim.world.WorldFile.KeySpec;
import dev.pushsim.world.WorldFile.TeamSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link WorldFile} into a running {@link Simulator}: teams and keys (loading {@code .p8}
 * files, or minting keys and writing them where providers can read them), apps, devices and what
 * is installed on them.
 */
public final class WorldLoader {

  private WorldLoader() {}

  /** What was built, for the operator's welcome text. */
  public record LoadedWorld(List<LoadedKey> keys, List<InstalledApp> installed) {}

  /** A signing key and where its {@code .p8} is. */
  public record LoadedKey(SigningKey key, Path p8) {}

  /**
   * @param worldDir the world file's directory: {@code p8} paths are relative to it
   * @param dataDir where minted keys are written
   */
  public static LoadedWorld load(WorldFile world, Simulator sim, Path worldDir, Path dataDir) {
    List<LoadedKey> keys = new ArrayList<>();
    for (TeamSpec spec : world.teams()) {
      Team team = sim.team(spec.teamId());
      spec.apps().forEach(team::addBundleId);
      for (KeySpec keySpec : spec.keys()) {
        LoadedKey loaded = keySpec.p8() != null
            ? loadKey(keySpec, spec.teamId(), worldDir)
            : mintKey(keySpec, spec.teamId(), dataDir);
        SigningKey key = keySpec.environment() == null ? loaded.key() : loaded.key().limitedTo(Environment.parse(keySpec.environment()));
        team.addKey(key);
        keys.add(new LoadedKey(key, loaded.p8()));
      }
    }
    List<InstalledApp> installed = new ArrayList<>();
    for (DeviceSpec spec : world.devices()) {
      Device device = sim.addDevice(spec.name(), spec.ios());
      for (AppInstall app : spec.apps()) {
        installed.add(device.install(app.toSpec()));
      }
      device.setDoNotDisturb(spec.doNotDisturb());
      if (spec.offline()) {
        device.goOffline();
      }
    }
    return new LoadedWorld(keys, installed);
  }

  private static LoadedKey loadKey(KeySpec spec, String teamId, Path worldDir) {
    Path p8 = worldDir.resolve(spec.p8()).toAbsolutePath();
    return new LoadedKey(SigningKey.fromP8(p8, teamId, spec.keyId()), p8);
  }

  private static LoadedKey mintKey(KeySpec spec, String teamId, Path dataDir) {
    SigningKey key = spec.keyId() == null ? SigningKey.generate(teamId) : SigningKey.generate(teamId, spec.keyId());
    Path p8 = dataDir.resolve("AuthKey_" + key.keyId() + ".p8").toAbsolutePath();
    key.writeP8(p8);
    return new LoadedKey(key, p8);
  }
}
