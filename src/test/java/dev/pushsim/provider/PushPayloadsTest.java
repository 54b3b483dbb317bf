package dev.pushsim.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The payloads' shapes, and the size limits they never exceed. */
class PushPayloadsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String CALL_ID = "6f1c1d1e-0000-4000-8000-000000000001";

  @Test
  void aVoipPayload_carriesTheCallersNameAndTheCallId() throws Exception {
    JsonNode payload = JSON.readTree(PushPayloads.voipCall(CALL_ID, "alice", "Alice"));

    assertThat(payload.path("aps").isObject()).isTrue();
    assertThat(payload.path("caller").asText()).isEqualTo("Alice");
    assertThat(payload.path("callId").asText()).isEqualTo(CALL_ID);
    assertThat(payload.path("from").asText()).isEqualTo("alice");
  }

  @Test
  void aLongName_isCutOnACodePoint_toExactlyFitTheLimit() throws Exception {
    String name = "\uD83D\uDCDE".repeat(3_000); // emoji: 4 bytes, two chars each

    String payload = PushPayloads.voipCall(CALL_ID, "alice", name);

    assertThat(PushPayloads.size(payload)).isLessThanOrEqualTo(PushPayloads.VOIP_LIMIT).isGreaterThan(PushPayloads.VOIP_LIMIT - 8);
    String caller = JSON.readTree(payload).path("caller").asText();
    assertThat(caller).endsWith(PushPayloads.ELLIPSIS);
    assertThat(caller.codePoints().limit(caller.codePointCount(0, caller.length()) - 1)).containsOnly(0x1F4DE);
  }

  @Test
  void escapedCharacters_countAsTheyAreSent() {
    String payload = PushPayloads.voipCall(CALL_ID, "alice", "\"\\\n".repeat(5_000));

    assertThat(PushPayloads.size(payload)).isLessThanOrEqualTo(PushPayloads.VOIP_LIMIT);
  }

  @Test
  void aCallBanner_isSinchsDisplayNameFormat_orPlainWithoutAName() throws Exception {
    JsonNode named = JSON.readTree(PushPayloads.callAlert(CALL_ID, "alice", "Alice"));
    assertThat(named.path("aps").path("alert").path("loc-key").asText()).isEqualTo("SIN_INCOMING_CALL_DISPLAY_NAME");
    assertThat(named.path("aps").path("alert").path("loc-args").get(0).asText()).isEqualTo("Alice");
    assertThat(named.path("sin").asText()).isNotBlank();

    JsonNode unnamed = JSON.readTree(PushPayloads.callAlert(CALL_ID, "alice", null));
    assertThat(unnamed.path("aps").path("alert").path("loc-key").asText()).isEqualTo("SIN_INCOMING_CALL");
    assertThat(unnamed.path("aps").path("alert").has("loc-args")).isFalse();
  }

  @Test
  void aMessage_isTitleAndBody_within4096Bytes() throws Exception {
    String payload = PushPayloads.message("alice", "x".repeat(10_000));

    JsonNode alert = JSON.readTree(payload).path("aps").path("alert");
    assertThat(alert.path("title").asText()).isEqualTo("alice");
    assertThat(alert.path("body").asText()).startsWith("xxx").endsWith(PushPayloads.ELLIPSIS);
    assertThat(PushPayloads.size(payload)).isLessThanOrEqualTo(PushPayloads.ALERT_LIMIT);
  }
}
