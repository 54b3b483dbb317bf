package dev.pushsim.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The phone reads every payload APNs' check lets through: Jackson's defaults must not be stricter. */
class AcceptedPushTest {

  private static AcceptedPush withPayload(String json) {
    DeviceToken token = new TokenRegistry(java.time.InstantSource.system())
        .issue("com.example.app", Channel.VOIP, Environment.SANDBOX);
    return new AcceptedPush("00000000-0000-0000-0000-000000000000", token, PushType.VOIP, "com.example.app.voip", 10, 0L,
        null, json.getBytes(StandardCharsets.UTF_8), Environment.SANDBOX);
  }

  @Test
  void aNumberOf2000Digits_parses() {
    String digits = "9".repeat(2000);
    assertThat(withPayload("{\"aps\":{},\"n\":" + digits + "}").payload().path("n").bigIntegerValue().toString())
        .isEqualTo(digits);
    assertThat(withPayload("{\"aps\":{},\"n\":1." + digits + "e5}").payload().path("n").isNumber()).isTrue();
  }

  @Test
  void nestingAsDeepAsApnsAllows_parses() {
    int arrays = AcceptedPush.MAX_DEPTH - 1; // the outer object is one level
    String json = "{\"a\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}";
    assertThat(withPayload(json).payload().path("a").isArray()).isTrue();
  }
}
