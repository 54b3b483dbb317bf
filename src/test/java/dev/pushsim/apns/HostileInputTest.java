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
}
