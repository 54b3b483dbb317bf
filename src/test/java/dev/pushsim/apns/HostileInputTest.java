package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pushsim.journal.EventPattern;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.testing.Curl;
import dev.pushsim.testing.H2Client;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.world.Simulator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Providers with bugs: each hostile request gets a precise answer (Apple's reason, or the HTTP/2
 * protocol's), is journaled, and the server goes on serving the next, correct request. Attacks on
 * the HTTP/2 layer itself (malformed header blocks, oversized header lists, floods) are in
 * {@link Http2AttackTest}.
 */
class HostileInputTest {

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  TestProvider provider;

  @BeforeEach
  void setUp() {
    provider = TestProvider.in(pushsim.simulator(), dir);
  }

  private void stillServes() {
    assertThat(provider.alert(provider.sandboxToken()).sendWithCurl().status()).as("a correct push after the hostile one").isEqualTo(200);
  }

  @Test
  void plainHttpOnTheTlsPort_isRejectedAndJournaled() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", pushsim.simulator().sandbox().port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write("POST /3/device/00 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[1024];
      int read;
      while ((read = in.read(buffer)) > 0) {
        assertThat(new String(buffer, 0, read, StandardCharsets.ISO_8859_1)).doesNotContain("200");
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() ->
        !pushsim.simulator().journal().find(EventPattern.type(ApnsService.CONNECTION_REJECTED_EVENT)).isEmpty());
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.CONNECTION_REJECTED_EVENT)).get(0).get("why").toString())
        .contains("SSL");
    stillServes();
  }

  @Test
  void aBodyThatIsNotUtf8_isBadPayload() {
    byte[] latin1 = "{\"aps\":{\"alert\":\"caf\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1);
    Curl.Response response = provider.curl(provider.sandboxToken())
        .header("authorization", provider.bearer())
        .header("apns-topic", TestProvider.BUNDLE_ID)
        .body(latin1)
        .send();
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.reason()).isEqualTo("BadPayload");
    stillServes();
  }

  @Test
  void deeplyNestedJson_isBadPayload_notAStackOverflow() {
    String nested = "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
    assertThat(provider.alert(provider.sandboxToken()).body(nested).sendWithCurl().reason()).isEqualTo("BadPayload");
    stillServes();
  }

  static Stream<Arguments> payloadsThatAreNotOneUtf8JsonObject() {
    return Stream.of(
        Arguments.of("unterminated", "{\"aps\":{}".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("trailing garbage", "{\"aps\":{}}x".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("two objects", "{}{}".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("a string", "\"aps\"".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("a number", "42".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("null", "null".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("an array of objects", "[{\"aps\":{}}]".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("single quotes", "{'aps':{}}".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("a comment", "{/* hi */\"aps\":{}}".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("NaN", "{\"aps\":{},\"n\":NaN}".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("a lone surrogate escape is fine JSON, raw invalid UTF-8 is not", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'}),
        Arguments.of("UTF-16", "{\"aps\":{}}".getBytes(StandardCharsets.UTF_16LE)),
        Arguments.of("UTF-32", "{\"aps\":{}}".getBytes(Charset.forName("UTF-32BE"))),
        Arguments.of("whitespace only", "   ".getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("payloadsThatAreNotOneUtf8JsonObject")
  void aPayloadThatIsNotOneUtf8JsonObject_isBadPayload(String what, byte[] payload) {
    Curl.Response response = provider.curl(provider.sandboxToken())
        .header("authorization", provider.bearer())
        .header("apns-topic", TestProvider.BUNDLE_ID)
        .body(payload)
        .send();
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.reason()).isEqualTo("BadPayload");
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.REQUEST_EVENT).withApnsId(response.apnsId())))
        .singleElement().satisfies(event -> assertThat(event.get("reason")).isEqualTo("BadPayload"));
    stillServes();
  }

  @Test
  void theLimitCountsBytes_notCharacters() {
    // 4096 bytes of which many are two-byte characters: at the limit, accepted; one byte more is not.
    String prefix = "{\"aps\":{\"alert\":\"";
    String suffix = "\"}}";
    int room = ApnsSettings.APPLE_MAX_PAYLOAD_BYTES - prefix.length() - suffix.length();
    String atTheLimit = prefix + "\u00e9".repeat(room / 2) + "x".repeat(room % 2) + suffix;
    assertThat(atTheLimit.getBytes(StandardCharsets.UTF_8)).hasSize(ApnsSettings.APPLE_MAX_PAYLOAD_BYTES);

    assertThat(provider.alert(provider.sandboxToken()).body(atTheLimit).sendWithCurl().status()).isEqualTo(200);
    Curl.Response over = provider.alert(provider.sandboxToken()).body(atTheLimit.replace("\"}}", "y\"}}")).sendWithCurl();
    assertThat(over.status()).isEqualTo(413);
    assertThat(over.reason()).isEqualTo("PayloadTooLarge");
  }

  @Test
  void aPushThePhonesFailOn_keepsItsAnswer_andTheConnection() throws Exception {
    Path own = java.nio.file.Files.createDirectories(dir.resolve("failing-phones"));
    try (Simulator sim = Simulator.builder().router(push -> {
          throw new IllegalStateException("a bug in the device model");
        }).build().start();
        H2Client client = H2Client.connect("localhost", sim.sandbox().port(), sim.ca().certificate())) {
      TestProvider failing = TestProvider.in(sim, own);
      for (int i = 0; i < 2; i++) {
        var push = failing.alert(failing.sandboxToken());
        assertThat(push.sendWith(client).get(10, TimeUnit.SECONDS).status())
            .as("push %d on the same connection", i).isEqualTo(200);
      }
      assertThat(sim.journal().find(EventPattern.type(ApnsService.ROUTE_FAILED_EVENT)))
          .hasSize(2)
          .allSatisfy(event -> assertThat(event.get("why").toString()).contains("a bug in the device model"));
    }
  }
}
