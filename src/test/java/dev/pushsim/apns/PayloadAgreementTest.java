package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.push.AcceptedPush;
import dev.pushsim.push.Channel;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Environment;
import dev.pushsim.push.PushType;
import dev.pushsim.push.TokenRegistry;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * APNs' payload check and the phone's parser agree: whatever {@link JsonObjects} lets through
 * (and so APNs answers 200 for) the device model can read, however long its numbers or deep its
 * nesting, up to the largest payload APNs takes.
 */
class PayloadAgreementTest {

  private static final DeviceToken TOKEN =
      new TokenRegistry(InstantSource.system()).issue("com.example.app", Channel.VOIP, Environment.SANDBOX);

  @Property(tries = 300)
  void everyPayloadApnsAccepts_theDeviceCanParse(@ForAll("payloads") String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    if (JsonObjects.problemWith(body) != null) {
      return; // APNs refuses it: the phone never sees it
    }
    AcceptedPush push = new AcceptedPush("00000000-0000-0000-0000-000000000000", TOKEN, PushType.VOIP, "com.example.app.voip",
        10, 0L, null, body, Environment.SANDBOX);
    assertThat(push.payload().isObject()).isTrue();
  }

  @Provide
  Arbitrary<String> payloads() {
    Arbitrary<String> longNumbers = Arbitraries.integers().between(900, 5100)
        .map(digits -> "{\"aps\":{},\"n\":" + "7".repeat(digits) + "}");
    Arbitrary<String> longFractions = Arbitraries.integers().between(900, 5000)
        .map(digits -> "{\"n\":-0." + "3".repeat(digits) + "E+12}");
    Arbitrary<String> deepArrays = Arbitraries.integers().between(990, 1010)
        .map(depth -> "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
    Arbitrary<String> deepObjects = Arbitraries.integers().between(990, 1010)
        .map(depth -> "{\"o\":".repeat(depth) + "{}" + "}".repeat(depth));
    return Arbitraries.oneOf(longNumbers, longFractions, deepArrays, deepObjects);
  }
}
