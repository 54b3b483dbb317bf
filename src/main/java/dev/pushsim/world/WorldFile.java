package dev.pushsim.world;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.device.AppBehaviour;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.Capabilities;
import dev.pushsim.push.Environment;
import dev.pushsim.push.TokenRegistry;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A world described in YAML ({@code simulator/world.yaml}): the provider teams with their keys and
 * apps, and the simulated devices with what is installed on them. Every mistake is reported with
 * the file, line and column and what is wrong; each record checks its own fields so that Jackson
 * can point at them.
 */
public record WorldFile(
    Apns apns, List<TeamSpec> teams, List<DeviceSpec> devices, Map<String, String> model, Webhooks webhooks) {

  public WorldFile {
    webhooks = webhooks == null ? new Webhooks(null) : webhooks;
    model = model == null ? Map.of() : Map.copyOf(model); // the knobs of dev.pushsim.device.ModelKnobs
    apns = apns == null ? new Apns(null, null) : apns;
    teams = teams == null ? List.of() : List.copyOf(teams);
    devices = devices == null ? List.of() : List.copyOf(devices);
  }

  /**
   * The webhook origins apps may use ({@link WebhookAllowList}):
   * {@code webhooks: { allow: [http://127.0.0.1:9000] }}.
   */
  public record Webhooks(List<String> allow) {
    public Webhooks {
      allow = new WebhookAllowList(allow).origins();
    }

    public WebhookAllowList allowList() {
      return new WebhookAllowList(allow);
    }
  }

  /** The APNs ports; absent means the command line's (or its defaults). */
  public record Apns(Integer sandboxPort, Integer productionPort) {
    public Apns {
      for (Integer port : new Integer[] {sandboxPort, productionPort}) {
        if (port != null && (port < 0 || port > 65_535)) {
          throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
        }
      }
    }
  }

  /** A provider team: its signing keys and the bundle ids it may push to. */
  public record TeamSpec(String teamId, List<KeySpec> keys, List<String> apps) {
    public TeamSpec {
      SigningKey.requireAppleId(teamId, "Team ID");
      keys = keys == null || keys.isEmpty() ? List.of(new KeySpec(null, null, null)) : List.copyOf(keys);
      apps = apps == null ? List.of() : List.copyOf(apps);
    }
  }

  /**
   * A signing key: {@code p8} (relative to the world file) to load Apple's key file, else a new key
   * is minted at start and written to the data directory.
   *
   * @param environment "sandbox" or "production" for a key limited to one environment; absent for both
   */
  public record KeySpec(String keyId, String p8, String environment) {
    public KeySpec {
      if (keyId != null) {
        SigningKey.requireAppleId(keyId, "Key ID");
      }
      if (p8 != null && keyId == null) {
        throw new IllegalArgumentException("a key loaded from p8 needs its keyId (Apple's 10-character Key ID)");
      }
      if (environment != null) {
        Environment.parse(environment);
      }
    }
  }

  /** A simulated iPhone and the apps installed on it. */
  public record DeviceSpec(String name, String ios, List<AppInstall> apps, boolean offline, boolean doNotDisturb) {
    /** iOS's numbering: a major version, then up to a minor and a patch ({@code 17}, {@code 26.4.1}). */
    static final String IOS_VERSION = "[1-9][0-9]?(?:\\.[0-9]{1,2}){0,2}";

    public DeviceSpec {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a device needs a name");
      }
      ios = ios == null ? "17.5" : ios;
      if (!ios.matches(IOS_VERSION)) {
        throw new IllegalArgumentException("ios is an iOS version major[.minor[.patch]] such as 17.5 or 26.4.1, not '"
            + ios + "'");
      }
      apps = apps == null ? List.of() : List.copyOf(apps);
    }
  }

  /**
   * An installed app.
   *
   * @param signedFor development (sandbox tokens) or production
   * @param behaviour what its PushKit delegate does: {@code report}, {@code report after 2s},
   *     {@code never report}, {@code block 10s}, {@code crash}, {@code webhook <url>}
   * @param capabilities any of {@code push}, {@code voip}, {@code callkit}; absent means all three
   * @param apnsToken the UserNotifications token this installation gets, in hex; absent: derived
   * @param voipToken the PushKit VoIP token this installation gets, in hex; absent: derived
   */
  public record AppInstall(
      String bundleId, String signedFor, String behaviour, List<String> capabilities,
      String apnsToken, String voipToken) {
    public AppInstall {
      if (bundleId == null || bundleId.isBlank()) {
        throw new IllegalArgumentException("an app needs its bundleId");
      }
      signedFor = signedFor == null ? "development" : signedFor;
      Environment.parse(signedFor);
      behaviour = behaviour == null ? "report" : behaviour;
      Behaviours.parse(behaviour);
      capabilities = capabilities == null ? List.of("push", "voip", "callkit") : List.copyOf(capabilities);
      for (String capability : capabilities) {
        if (!List.of("push", "voip", "callkit").contains(capability)) {
          throw new IllegalArgumentException("unknown capability '" + capability + "': use push, voip or callkit");
        }
      }
      requireHexToken("apnsToken", apnsToken);
      requireHexToken("voipToken", voipToken);
      if (apnsToken != null && !capabilities.contains("push")) {
        throw new IllegalArgumentException("apnsToken is pinned, but an app without the push capability gets no token");
      }
      if (voipToken != null && !capabilities.contains("voip")) {
        throw new IllegalArgumentException(
            "voipToken is pinned, but an app without the voip capability gets no VoIP token");
      }
    }

    private static void requireHexToken(String field, String hex) {
      if (hex != null && !hex.matches("(?:[0-9a-fA-F]{2}){1," + TokenRegistry.MAX_TOKEN_HEX_LENGTH / 2 + "}")) {
        throw new IllegalArgumentException(field + " must be an even number of hex digits (at most "
            + TokenRegistry.MAX_TOKEN_HEX_LENGTH + "), not '" + hex + "'");
      }
    }

    public Environment environment() {
      return Environment.parse(signedFor);
    }

    public AppBehaviour appBehaviour() {
      return Behaviours.parse(behaviour);
    }

    public Capabilities appCapabilities() {
      return new Capabilities(
          capabilities.contains("push"), capabilities.contains("voip"), capabilities.contains("callkit"));
    }

    /** The build to install. */
    public AppSpec toSpec() {
      return new AppSpec(bundleId, environment(), appCapabilities(), appBehaviour(), Map.of());
    }
  }

  /**
   * Reads a world file.
   *
   * @param source the file's name, for messages
   * @throws InvalidFileException naming the file, line, column and what is wrong
   */
  public static WorldFile read(InputStream yaml, String source) {
    WorldFile world = YamlFiles.read(yaml, source, WorldFile.class);
    return Objects.requireNonNullElseGet(world, () -> new WorldFile(null, null, null, null, null));
  }
}
