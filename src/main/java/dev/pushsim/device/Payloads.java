package dev.pushsim.device;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * How PushSim reads a call and an alert out of a payload, following the conventions of the seed
 * vendors and common practice. An app behaviour may ignore this and report what it likes.
 */
public final class Payloads {

  /** Localized strings every simulated app knows; an app may add its own. */
  public static final Map<String, String> DEFAULT_LOCALIZATIONS = Map.of(
      "SIN_INCOMING_CALL_DISPLAY_NAME", "Incoming call from %@",
      "SIN_INCOMING_CALL", "Incoming call");

  private static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  /** Checks that {@code json} is one JSON object, as APNs accepts them; throws IllegalArgumentException saying why not and where. */
  static void requireObject(byte[] json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new IllegalArgumentException("The payload is not valid JSON" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException("The payload is empty: send a JSON object such as {\"aps\":{\"alert\":\"Hello\"}}.");
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("The payload must be a JSON object, not " + node.getNodeType().name().toLowerCase(Locale.ROOT) + ".");
    }
  }

  /**
   * The call a VoIP payload describes. Display name: {@code caller}, {@code callerName},
   * {@code displayName}, Tencent's {@code ext.entity.nickname}, then {@code aps.alert.loc-args[0]}
   * (Sinch); handle: {@code handle}, {@code callerId}, Tencent's {@code ext.entity.sender}, else the
   * display name; UUID: {@code callId}/{@code callUUID}/{@code uuid} when it is a UUID, else
   * the APNs id (itself a UUID), so that the same push always gives the same call.
   */
  public static CallUpdate suggestedCall(ObjectNode payload, String apnsId) {
    JsonNode tencent = tencentEntity(payload);
    String name = firstText(payload, "caller", "callerName", "displayName");
    if (name == null && tencent != null) {
      name = text(tencent.get("nickname"));
    }
    if (name == null) {
      JsonNode args = payload.path("aps").path("alert").path("loc-args");
      name = args.isArray() && args.size() > 0 ? text(args.get(0)) : null;
    }
    String handle = firstText(payload, "handle", "callerId", "from");
    if (handle == null && tencent != null) {
      handle = text(tencent.get("sender"));
    }
    return new CallUpdate(callUuid(payload, apnsId), handle == null ? name : handle, name == null ? "Unknown" : name);
  }

  /** The text an alert push shows: {@code aps.alert} as a string, its title/body, or its loc-key resolved. */
  public static AlertText alertText(ObjectNode payload, Map<String, String> localizations) {
    JsonNode alert = payload.path("aps").path("alert");
    if (alert.isTextual()) {
      return new AlertText(null, alert.asText());
    }
    if (!alert.isObject()) {
      return null;
    }
    String title = text(alert.get("title"));
    String body = text(alert.get("body"));
    String locKey = text(alert.get("loc-key"));
    if (locKey != null) {
      body = format(localizations.getOrDefault(locKey, DEFAULT_LOCALIZATIONS.getOrDefault(locKey, locKey)), alert.get("loc-args"));
    }
    return title == null && body == null ? null : new AlertText(title, body);
  }

  /** An alert's title and body as the lock screen shows them. */
  public record AlertText(String title, String body) {
    @Override
    public String toString() {
      return title == null ? body : title + ": " + body;
    }
  }

  /** Replaces each {@code %@} (and {@code %1$@}...) with the next argument, as iOS does. */
  static String format(String template, JsonNode args) {
    List<String> values = new ArrayList<>();
    if (args != null && args.isArray()) {
      args.forEach(arg -> values.add(arg.asText()));
    }
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '%' && i + 1 < template.length() && template.charAt(i + 1) == '@') {
        out.append(next < values.size() ? values.get(next++) : "");
        i++;
      } else if (c == '%' && i + 3 < template.length() && Character.isDigit(template.charAt(i + 1))
          && template.charAt(i + 2) == '$' && template.charAt(i + 3) == '@') {
        int index = template.charAt(i + 1) - '1';
        out.append(index >= 0 && index < values.size() ? values.get(index) : "");
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static UUID callUuid(ObjectNode payload, String apnsId) {
    String id = firstText(payload, "callId", "callUUID", "uuid");
    if (id != null) {
      try {
        return UUID.fromString(id);
      } catch (IllegalArgumentException notAUuid) {
        return UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return UUID.fromString(apnsId); // APNs ids are UUIDs: the call and the push share theirs
    } catch (IllegalArgumentException notAUuid) {
      return UUID.nameUUIDFromBytes(apnsId.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Tencent IM puts its entity in {@code ext}, either as an object or as a JSON string. */
  private static JsonNode tencentEntity(ObjectNode payload) {
    JsonNode ext = payload.get("ext");
    if (ext == null) {
      return null;
    }
    if (ext.isTextual()) {
      try {
        ext = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ext.asText());
      } catch (java.io.IOException notJson) {
        return null;
      }
    }
    JsonNode entity = ext.get("entity");
    return entity != null && entity.isObject() ? entity : null;
  }

  private static String firstText(JsonNode node, String... keys) {
    for (String key : keys) {
      String value = text(node.get(key));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String text(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText() : null;
  }
}
