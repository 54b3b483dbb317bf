package dev.pushsim.world;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.auth.Team;
import dev.pushsim.device.Device;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.device.ModelKnobs;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import dev.pushsim.world.WorldFile.AppInstall;
import dev.pushsim.world.WorldFile.DeviceSpec;
import dev.pushsim.world.WorldFile.KeySpec;
import dev.pushsim.world.WorldFile.TeamSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Builds a {@link WorldFile} into a running {@link Simulator}: teams and keys (loading {@code .p8}
 * files, or minting keys and writing them where providers can read them), apps, devices and what
 * is installed on them, and the device model's knobs.
 */
public final class WorldLoader {

  private WorldLoader() {}

  /** What was built, for the operator's welcome text. */
  public record LoadedWorld(List<LoadedKey> keys, List<InstalledApp> installed) {}

  /** A signing key and where its {@code .p8} is. */
  public record LoadedKey(SigningKey key, Path p8) {}

  /**
   * @param source the world file's name, for messages
   * @param worldDir the world file's directory: {@code p8} paths are relative to it
   * @param dataDir where minted keys are written
   * @throws YamlFiles.InvalidFileException naming the file and the entry that cannot be built
   */
  public static LoadedWorld load(WorldFile world, String source, Simulator sim, Path worldDir, Path dataDir) {
    sim.webhooks(world.webhooks().allowList());
    entry(source, "model", () -> {
      sim.deviceRules(ModelKnobs.set(sim.deviceRules(), new TreeMap<>(world.model())));
      return null;
    });
    List<LoadedKey> keys = new ArrayList<>();
    for (int t = 0; t < world.teams().size(); t++) {
      TeamSpec spec = world.teams().get(t);
      Team team = entry(source, "teams[" + t + "]", () -> sim.team(spec.teamId()));
      for (int a = 0; a < spec.apps().size(); a++) {
        String bundleId = spec.apps().get(a);
        entry(source, "teams[" + t + "].apps[" + a + "]", () -> team.addBundleId(bundleId));
      }
      for (int k = 0; k < spec.keys().size(); k++) {
        KeySpec keySpec = spec.keys().get(k);
        int index = k;
        keys.add(entry(source, "teams[" + t + "].keys[" + k + "]", () -> {
          LoadedKey loaded = keySpec.p8() != null
              ? loadKey(keySpec, spec.teamId(), worldDir)
              : mintedKey(keySpec, spec.teamId(), index, dataDir);
          SigningKey key = keySpec.environment() == null ? loaded.key() : loaded.key().limitedTo(Environment.parse(keySpec.environment()));
          team.addKey(key);
          return new LoadedKey(key, loaded.p8());
        }));
      }
    }
    List<InstalledApp> installed = new ArrayList<>();
    for (int d = 0; d < world.devices().size(); d++) {
      DeviceSpec spec = world.devices().get(d);
      Device device = entry(source, "devices[" + d + "]", () -> sim.addDevice(spec.name(), spec.ios()));
      for (int a = 0; a < spec.apps().size(); a++) {
        AppInstall app = spec.apps().get(a);
        installed.add(entry(source, "devices[" + d + "].apps[" + a + "]", () -> {
          String firstInstallation = Device.installation(spec.name(), app.bundleId(), 1);
          if (app.apnsToken() != null) {
            sim.tokens().pin(firstInstallation, Channel.APNS, app.apnsToken());
          }
          if (app.voipToken() != null) {
            sim.tokens().pin(firstInstallation, Channel.VOIP, app.voipToken());
          }
          sim.webhooks().check(app.appBehaviour());
          return device.install(app.toSpec());
        }));
      }
      device.setDoNotDisturb(spec.doNotDisturb());
      if (spec.offline()) {
        device.goOffline();
      }
    }
    return new LoadedWorld(keys, installed);
  }

  /** Builds one entry; a failure names the file and the entry, as a mistake in the YAML does. */
  private static <T> T entry(String source, String path, Supplier<T> build) {
    try {
      return build.get();
    } catch (RuntimeException e) {
      throw new YamlFiles.InvalidFileException(source + " (" + path + "): " + e.getMessage(), e);
    }
  }

  private static LoadedKey loadKey(KeySpec spec, String teamId, Path worldDir) {
    Path p8 = worldDir.resolve(spec.p8()).toAbsolutePath();
    return new LoadedKey(SigningKey.fromP8(p8, teamId, spec.keyId()), p8);
  }

  /**
   * The key minted for the {@code index}-th key entry of {@code teamId}: the one minted at an earlier
   * start with this data directory, so that a provider configured with its {@code .p8} keeps working
   * after a restart, else a new one, written there and remembered in {@link MintedKeys}.
   */
  private static LoadedKey mintedKey(KeySpec spec, String teamId, int index, Path dataDir) {
    MintedKeys minted = MintedKeys.in(dataDir);
    String keyId = spec.keyId() != null ? spec.keyId() : minted.keyId(teamId, index);
    if (keyId != null) {
      Path p8 = dataDir.resolve(SigningKey.p8FileName(keyId)).toAbsolutePath();
      if (Files.isRegularFile(p8)) {
        return new LoadedKey(SigningKey.fromP8(p8, teamId, keyId), p8);
      }
    }
    SigningKey key = keyId == null ? SigningKey.generate(teamId) : SigningKey.generate(teamId, keyId);
    Path p8 = dataDir.resolve(SigningKey.p8FileName(key.keyId())).toAbsolutePath();
    key.writeP8(p8);
    minted.remember(teamId, index, key.keyId());
    return new LoadedKey(key, p8);
  }

}
