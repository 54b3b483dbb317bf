package dev.pushsim.world;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pushsim.apns.Environment;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.device.AppBehaviour;
import dev.pushsim.device.Capabilities;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * A world described in YAML ({@code simulator/world.yaml}): the provider teams with their keys and
 * apps, and the simulated devices with what is installed on them. Every mistake is reported with
 * the file, line and column and what is wrong; each record checks its own fields so that Jackson
 * can point at them.
 */
public record WorldFile(Apns apns, List<TeamSpec> teams, List<DeviceSpec> devices) {

  public WorldFile {
    apns = apns == null ? new Apns(null, null) : apns;
    teams = teams == null ? List.of() : List.copyOf(teams);
    devices = devices == null ? List.of() : List.copyOf(devices);
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
    public DeviceSpec {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a device needs a name");
      }
      ios = ios == null ? "17.5" : ios;
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
   */
  public record AppInstall(String bundleId, String signedFor, String behaviour, List<String> capabilities) {
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
    }

    public Environment environment() {
      return Environment.parse(signedFor);
    }

    public AppBehaviour appBehaviour() {
      return Behaviours.parse(behaviour);
    }

    public Capabilities appCapabilities() {
      return new Capabilities(capabilities.contains("push"), capabilities.contains("voip"), capabilities.contains("callkit"));
    }
  }

  /**
   * Reads a world file.
   *
   * @param source the file's name, for messages
   * @throws InvalidWorldException naming the file, line, column and what is wrong
   */
  public static WorldFile read(InputStream yaml, String source) {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // a key given twice is a mistake, not "the last wins"
    try {
      WorldFile world = mapper.readValue(yaml, WorldFile.class);
      return Objects.requireNonNullElseGet(world, () -> new WorldFile(null, null, null));
    } catch (JsonProcessingException e) {
      throw InvalidWorldException.from(source, e);
    } catch (IOException e) {
      throw new InvalidWorldException(source + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** A world file that cannot be used, with where and why. */
  public static final class InvalidWorldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidWorldException(String message, Throwable cause) {
      super(message, cause);
    }

    static InvalidWorldException from(String source, JsonProcessingException e) {
      String where = e.getLocation() == null ? source : source + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
      String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping ? yamlPath(mapping.getPath()) : "";
      if (!path.isEmpty()) {
        // A record's own check fails once its block is read, so the line can be the next one: the path says exactly which entry.
        where += " (" + path + ")";
      }
      String what;
      if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
        what = "unknown field '" + unknown.getPropertyName() + "'; this entry takes " + unknown.getKnownPropertyIds();
      } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
        what = e.getCause().getMessage();
      } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
        what = "expected " + expected(mismatch.getTargetType()) + " here, found " + found(mismatch);
      } else {
        what = e.getOriginalMessage();
      }
      return new InvalidWorldException(where + ": " + firstLine(what), e);
    }

    /** What a YAML author calls the shape Jackson wanted, instead of a Java type. */
    private static String expected(Class<?> type) {
      if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
        return "a list";
      } else if (type == String.class) {
        return "text";
      } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
        return "a whole number";
      } else if (type == Boolean.class || type == boolean.class) {
        return "true or false";
      }
      return "an entry of named fields";
    }

    private static String found(MismatchedInputException mismatch) {
      if (mismatch instanceof InvalidFormatException invalid) {
        return "'" + invalid.getValue() + "'";
      }
      JsonToken token = mismatch.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
      if (token == null) {
        return "something else";
      }
      return switch (token) {
        case START_OBJECT -> "an entry of named fields";
        case START_ARRAY -> "a list";
        case VALUE_NULL -> "nothing";
        case VALUE_TRUE, VALUE_FALSE -> "true or false";
        default -> "'" + text((JsonParser) mismatch.getProcessor()) + "'";
      };
    }

    private static String text(JsonParser parser) {
      try {
        return parser.getText();
      } catch (IOException unreadable) {
        return "an unreadable value";
      }
    }

    private static String yamlPath(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> path) {
      StringBuilder out = new StringBuilder();
      for (var reference : path) {
        if (reference.getIndex() >= 0) {
          out.append('[').append(reference.getIndex()).append(']');
        } else if (reference.getFieldName() != null) {
          out.append(out.length() == 0 ? "" : ".").append(reference.getFieldName());
        }
      }
      return out.toString();
    }

    private static String firstLine(String text) {
      int newline = text == null ? -1 : text.indexOf('\n');
      return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
    }
  }
}
