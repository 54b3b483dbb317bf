package dev.pushsim.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushsim.device.CallUpdate;
import dev.pushsim.device.VoipPush;
import dev.pushsim.device.VoipReaction;
import java.time.Duration;
import java.util.UUID;

/**
 * The JSON a {@link WebhookBehaviour} sends for a VoIP push and the answer it reads back: the
 * webhook protocol in one place, with every way an answer can be unusable named in a sentence.
 */
final class WebhookMessages {

  static final String REPORT = "report";
  static final String RETURN_WITHOUT_REPORT = "returnWithoutReport";
  static final String CRASH = "crash";

  private WebhookMessages() {}

  /** An answer the app cannot act on; the message follows "webhook &lt;url&gt; ". */
  static final class Unusable extends Exception {
    Unusable(String why) {
      super(why, null, false, false);
    }
  }

  /** {@code {"device", "bundleId", "apnsId", "launchedForPush", "payload", "suggestedCall"}}. */
  static ObjectNode request(VoipPush push) {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    body.put("device", push.device());
    body.put("bundleId", push.bundleId());
    body.put("apnsId", push.apnsId());
    body.put("launchedForPush", push.launchedForPush());
    body.set("payload", push.payload() == null ? JsonPost.JSON.createObjectNode() : push.payload().deepCopy());
    body.set("suggestedCall", call(push.suggestedCall()));
    return body;
  }

  static ObjectNode call(CallUpdate call) {
    ObjectNode node = JsonPost.JSON.createObjectNode();
    node.put("callUuid", call.callUuid().toString());
    node.put("handle", call.handle());
    node.put("displayName", call.displayName());
    return node;
  }

  /**
   * What the delegate does, from an answer body: {@code {"action", "afterMillis", "call",
   * "reason"}}. A reported call starts from {@code suggested}; each field the answer's
   * {@code call} gives replaces the suggested one.
   */
  static VoipReaction reaction(String body, CallUpdate suggested, String url) throws Unusable {
    JsonNode answer = parse(body);
    Duration after = afterMillis(answer.get("afterMillis"));
    JsonNode action = answer.get("action");
    if (action == null || action.isNull()) {
      throw new Unusable("answered without an action (expected " + expectedActions() + ")");
    }
    switch (action.asText()) {
      case REPORT:
        return new VoipReaction.Report(after, merged(suggested, answer.get("call")));
      case RETURN_WITHOUT_REPORT:
        return new VoipReaction.ReturnWithoutReport(after);
      case CRASH:
        JsonNode reason = answer.get("reason");
        return new VoipReaction.Crash(after, text(reason) == null ? "webhook " + url + " asked for a crash" : reason.asText());
      default:
        throw new Unusable("answered unknown action '" + action.asText() + "' (expected " + expectedActions() + ")");
    }
  }

  private static JsonNode parse(String body) throws Unusable {
    JsonNode answer;
    try {
      answer = body == null || body.isBlank() ? null : JsonPost.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Unusable("answered a body that is not JSON: " + new JsonPost.Answer(200, body).quoted());
    }
    if (answer == null) {
      throw new Unusable("answered an empty body (expected a JSON object with an action)");
    }
    if (!answer.isObject()) {
      throw new Unusable("answered " + new JsonPost.Answer(200, body).quoted() + ", not a JSON object");
    }
    return answer;
  }

  private static Duration afterMillis(JsonNode node) throws Unusable {
    if (node == null || node.isNull()) {
      return Duration.ZERO;
    }
    if (!node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < 0) {
      throw new Unusable("answered afterMillis " + node + " (expected a whole number of milliseconds, 0 or more)");
    }
    return Duration.ofMillis(node.asLong());
  }

  private static CallUpdate merged(CallUpdate suggested, JsonNode call) throws Unusable {
    if (call == null || call.isNull()) {
      return suggested;
    }
    if (!call.isObject()) {
      throw new Unusable("answered call " + call + " (expected an object with callUuid, handle, displayName)");
    }
    UUID uuid = suggested.callUuid();
    String uuidText = text(call.get("callUuid"));
    if (uuidText != null) {
      try {
        uuid = UUID.fromString(uuidText);
      } catch (IllegalArgumentException notAUuid) {
        // CallKit takes an NSUUID: an app whose UUID string does not parse has no call to report.
        throw new Unusable("answered callUuid '" + uuidText + "', which is not a UUID");
      }
    }
    String handle = text(call.get("handle"));
    String displayName = text(call.get("displayName"));
    return new CallUpdate(uuid, handle == null ? suggested.handle() : handle, displayName == null ? suggested.displayName() : displayName);
  }

  private static String text(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  private static String expectedActions() {
    return REPORT + ", " + RETURN_WITHOUT_REPORT + " or " + CRASH;
  }
}
