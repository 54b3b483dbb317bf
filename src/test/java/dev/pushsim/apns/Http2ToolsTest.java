package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.journal.EventPattern;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Environment;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.testing.Tools;
import dev.pushsim.world.Simulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake APNs answers nghttp2's tools, {@code nghttp} and {@code h2load}, over TLS with ALPN h2
 * and, when asked for, plain h2c. Skipped where nghttp2-client is not installed ({@code .ci/run}
 * installs it).
 */
class Http2ToolsTest {

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  TestProvider provider;
  Path payload;

  @BeforeEach
  void setUp() throws IOException {
    provider = TestProvider.in(pushsim.simulator(), dir);
    payload = dir.resolve("payload.json");
    Files.writeString(payload, "{\"aps\":{},\"caller\":\"Alice\"}");
  }

  @Test
  void nghttp_sendsAVoipPush_overTls() throws Exception {
    Tools.require(Tools.onPath("nghttp"), "nghttp (nghttp2-client) is not installed");
    DeviceToken token = provider.voipToken();

    // nghttp verifies nothing about the certificate; it speaks h2 via ALPN and prints the answer.
    String output = run(List.of("nghttp", "-v", "-d", payload.toString(),
        "-H", "authorization: " + provider.bearer(),
        "-H", "apns-topic: " + TestProvider.BUNDLE_ID + ".voip",
        "-H", "apns-push-type: voip",
        provider.url(Environment.SANDBOX, token)));

    assertThat(output).contains(":status: 200").contains("apns-id: ");
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.REQUEST_EVENT).withDeviceToken(token.hex()).with("status", 200)))
        .hasSize(1);
  }

  @Test
  void h2load_manyStreamsOnSeveralConnections_allAccepted() throws Exception {
    Tools.require(Tools.onPath("h2load"), "h2load (nghttp2-client) is not installed");
    List<String> command = new ArrayList<>(List.of("h2load", "-n", "400", "-c", "2", "-m", "20", "-t", "1", "-d", payload.toString(),
        "-H", "authorization: " + provider.bearer(),
        "-H", "apns-topic: " + TestProvider.BUNDLE_ID + ".voip",
        "-H", "apns-push-type: voip"));
    for (int i = 0; i < 20; i++) {
      command.add(provider.url(Environment.SANDBOX, provider.voipToken()));
    }

    String output = run(command);

    assertThat(output).contains("400 succeeded, 0 failed, 0 errored").contains("status codes: 400 2xx");
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.REQUEST_EVENT).with("status", 200))).hasSize(400);
  }

  @Test
  void h2load_tenStreamsAtOnce_againstAStreamLimitOfOne_keepsItsConnection() throws Exception {
    Tools.require(Tools.onPath("h2load"), "h2load (nghttp2-client) is not installed");
    pushsim.simulator().faults().maxConcurrentStreams(1);
    DeviceToken token = provider.voipToken();

    String output = run(List.of("h2load", "-n", "20", "-c", "1", "-m", "10", "-t", "1", "-d", payload.toString(),
        "-H", "authorization: " + provider.bearer(),
        "-H", "apns-topic: " + TestProvider.BUNDLE_ID + ".voip",
        "-H", "apns-push-type: voip",
        provider.url(Environment.SANDBOX, token)));

    // h2load opens its first 10 streams before it reads SETTINGS: the server answers one and
    // refuses the others with REFUSED_STREAM, which h2load counts as failed and does not retry.
    // It then keeps to the limit of 1 on the same connection, so the rest all succeed.
    Matcher counts = Pattern.compile("20 done, (\\d+) succeeded, (\\d+) failed, \\d+ errored, 0 timeout")
        .matcher(output);
    assertThat(counts.find()).as("h2load finished every request:%n%s", output).isTrue();
    int succeeded = Integer.parseInt(counts.group(1));
    int refused = Integer.parseInt(counts.group(2));
    assertThat(succeeded + refused).isEqualTo(20);
    assertThat(succeeded).as("at least the 10 sent after SETTINGS was read").isGreaterThanOrEqualTo(10);
    assertThat(output).contains("status codes: " + succeeded + " 2xx");
    var journal = pushsim.simulator().journal();
    assertThat(journal.find(EventPattern.type(ApnsService.REQUEST_EVENT).with("status", 200))).hasSize(succeeded);
    assertThat(journal.find(EventPattern.type(ApnsService.STREAM_REJECTED_EVENT).with("error", "REFUSED_STREAM")))
        .hasSize(refused);
    assertThat(journal.find(EventPattern.type(ApnsService.CONNECTION_OPENED_EVENT))).as("one connection throughout")
        .hasSize(1);
  }

  @Test
  void h2load_plaintextH2c_whenTheSimulatorIsAskedForIt() throws Exception {
    Tools.require(Tools.onPath("h2load"), "h2load (nghttp2-client) is not installed");
    try (Simulator plain = Simulator.builder().plaintext(true).build().start()) {
      TestProvider plainProvider = TestProvider.in(plain, dir.resolve("plain"));
      String url = plainProvider.url(Environment.SANDBOX, plainProvider.voipToken());
      assertThat(url).startsWith("http://");

      String output = run(List.of("h2load", "-n", "10", "-c", "1", "-d", payload.toString(),
          "-H", "authorization: " + plainProvider.bearer(),
          "-H", "apns-topic: " + TestProvider.BUNDLE_ID + ".voip",
          "-H", "apns-push-type: voip",
          url));

      assertThat(output).contains("10 succeeded, 0 failed");
    }
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish in 60 s: " + command);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("exit code of %s; output:%n%s", command.get(0), output).isZero();
    return output;
  }
}
