package dev.pushsim.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/**
 * The payloads the reference provider sends, each kept within Apple's size limit by shortening
 * the one free-text field (display name or message text), never by dropping a key.
 */
final class PushPayloads {

  /** Apple's limit for {@code voip} payloads. */
  static final int VOIP_LIMIT = 5120;
  /** Apple's limit for every other payload. */
  static final int ALERT_LIMIT = 4096;
  /** Sinch's localization key for a call banner with a display name. */
  static final String SIN_DISPLAY_NAME_KEY = "SIN_INCOMING_CALL_DISPLAY_NAME";
  /** Sinch's localization key for a call banner without one. */
  static final String SIN_NO_NAME_KEY = "SIN_INCOMING_CALL";
  /** Appended to a shortened text, so that a reader sees it was cut. */
  static final String ELLIPSIS = "\u2026";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PushPayloads() {}

  /**
   * A VoIP push for a call: {@code {"aps":{},"caller":<name>,"callId":<uuid>,"from":<user>}}. The
   * device reports {@code caller} to CallKit as the display name, {@code from} as the handle and
   * {@code callId} as the call's UUID.
   */
  static String voipCall(String callId, String from, String displayName) {
    return fit(VOIP_LIMIT, displayName, name -> {
      ObjectNode payload = JSON.createObjectNode();
      payload.putObject("aps");
      payload.put("caller", name);
      payload.put("callId", callId);
      payload.put("from", from);
      return payload;
    });
  }

  /**
   * A call banner in Sinch's display-name format, for a callee without a VoIP token:
   * {@code aps.alert.loc-key = SIN_INCOMING_CALL_DISPLAY_NAME} with the name in {@code loc-args},
   * or {@code SIN_INCOMING_CALL} when there is no name, plus Sinch's opaque {@code sin} key.
   */
  static String callAlert(String callId, String from, String displayName) {
    String opaque = Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"type\":\"call\",\"callId\":\"" + callId + "\"}").getBytes(StandardCharsets.UTF_8));
    if (displayName == null || displayName.isBlank()) {
      ObjectNode payload = JSON.createObjectNode();
      payload.putObject("aps").putObject("alert").put("loc-key", SIN_NO_NAME_KEY);
      payload.put("sin", opaque);
      return write(payload);
    }
    return fit(ALERT_LIMIT, displayName, name -> {
      ObjectNode payload = JSON.createObjectNode();
      ObjectNode alert = payload.putObject("aps").putObject("alert");
      alert.put("loc-key", SIN_DISPLAY_NAME_KEY);
      alert.putArray("loc-args").add(name);
      payload.put("sin", opaque);
      return payload;
    });
  }

  /** A message as a plain alert: {@code {"aps":{"alert":{"title":<from>,"body":<text>}}}}. */
  static String message(String from, String text) {
    return fit(ALERT_LIMIT, text, body -> {
      ObjectNode payload = JSON.createObjectNode();
      ObjectNode alert = payload.putObject("aps").putObject("alert");
      alert.put("title", from);
      alert.put("body", body);
      return payload;
    });
  }

  /** UTF-8 bytes of {@code payload}. */
  static int size(String payload) {
    return payload.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The payload {@code build} makes from {@code text}; when that exceeds {@code limit} bytes, from
   * the longest prefix of {@code text} (whole code points) plus an ellipsis that fits. The other
   * fields are bounded by the callers (user ids), so an empty text always fits.
   */
  static String fit(int limit, String text, Function<String, ObjectNode> build) {
    String whole = write(build.apply(text));
    if (size(whole) <= limit) {
      return whole;
    }
    int[] codePoints = text.codePoints().toArray();
    int low = 0;
    int high = codePoints.length - 1;
    String best = write(build.apply(ELLIPSIS));
    if (size(best) > limit) {
      throw new IllegalStateException("Even an empty text does not fit in " + limit + " bytes: " + best.length()
          + " chars.");
    }
    // Binary search on the prefix length: the payload grows with it, never shrinks.
    while (low <= high) {
      int middle = (low + high) >>> 1;
      String candidate = write(build.apply(new String(codePoints, 0, middle) + ELLIPSIS));
      if (size(candidate) <= limit) {
        best = candidate;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return best;
  }

  private static String write(ObjectNode payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a payload", e);
    }
  }
}
