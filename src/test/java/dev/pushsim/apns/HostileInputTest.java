package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pushsim.journal.EventPattern;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.testing.Curl;
import dev.pushsim.testing.H2Client;
import dev.pushsim.testing.TestProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers with bugs: each hostile request gets a precise answer (Apple's reason, or the HTTP/2
 * protocol's), is journaled, and the server goes on serving the next, correct request.
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

  @Test
  void aHugeHeader_isRefusedByTheProtocol_andOtherConnectionsGoOn() throws Exception {
    try (H2Client client = H2Client.connect("localhost", pushsim.simulator().sandbox().port(), pushsim.simulator().ca().certificate())) {
      var push = provider.alert(provider.sandboxToken()).header("apns-collapse-id", "x".repeat(64 * 1024));
      var response = client.send(push.method(), push.path(), push.headerList(), push.body());
      try {
        H2Client.Response answer = response.get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).as("a header list over the announced limit is not accepted").isNotEqualTo(200);
      } catch (ExecutionException refused) {
        assertThat(refused.getCause()).isNotNull(); // the stream or the connection was reset: the HTTP/2 answer
      }
    }
    stillServes();
  }

  @Test
  void headerValuesWithControlCharacters_neverReachTheChecks() throws Exception {
    try (H2Client client = H2Client.connect("localhost", pushsim.simulator().sandbox().port(), pushsim.simulator().ca().certificate())) {
      var push = provider.alert(provider.sandboxToken());
      List<String[]> headers = push.headerList();
      headers.add(new String[] {"apns-collapse-id", "bad\u0000value"});
      var response = client.send(push.method(), push.path(), headers, push.body());
      try {
        assertThat(response.get(10, TimeUnit.SECONDS).status()).isNotEqualTo(200);
      } catch (ExecutionException refused) {
        assertThat(refused.getCause()).isNotNull();
      }
    }
    // Netty resets the stream whose header it cannot accept; the body that follows then names a
    // stream that never opened, which HTTP/2 makes a connection error. Either way it is journaled.
    await().atMost(Duration.ofSeconds(10)).until(() ->
        pushsim.simulator().journal().find(EventPattern.type(ApnsService.CONNECTION_CLOSED_EVENT)).stream()
                .anyMatch(closed -> String.valueOf(closed.get("why")).startsWith("error: "))
            || !pushsim.simulator().journal().find(EventPattern.type(ApnsService.STREAM_REJECTED_EVENT)).isEmpty());
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.REQUEST_EVENT)))
        .as("the forbidden header never reached the APNs checks").isEmpty();
    stillServes();
  }
}
