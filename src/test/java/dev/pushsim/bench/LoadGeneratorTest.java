package dev.pushsim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.ApnsService;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Environment;
import dev.pushsim.testing.TestProvider;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The benchmark's load generator against the real server: counts, statuses, and a client certificate on the wire. */
class LoadGeneratorTest {

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  TestProvider provider;
  Path uris;
  Path payload;

  @BeforeEach
  void setUp() throws IOException {
    provider = TestProvider.in(pushsim.simulator(), dir);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      DeviceToken token = provider.voipToken();
      lines.add(provider.url(Environment.SANDBOX, token) + "\tapns-topic: " + TestProvider.BUNDLE_ID + ".voip\tapns-push-type: voip");
    }
    uris = Files.write(dir.resolve("uris.txt"), lines);
    payload = Files.writeString(dir.resolve("payload.json"), "{\"aps\":{},\"caller\":\"Alice\"}");
  }

  Properties run(String... options) throws IOException {
    Path result = dir.resolve("result.properties");
    List<String> args = new ArrayList<>(List.of("-i", uris.toString(), "-d", payload.toString(), "--cacert", provider.caPem.toString(),
        "-c", "2", "-m", "5", "-n", "60", "--max-time", "60", "--result", result.toString()));
    args.addAll(List.of(options));
    int exit = new CommandLine(new LoadGenerator()).execute(args.toArray(String[]::new));
    assertThat(exit).isZero();
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(result)) {
      properties.load(reader);
    }
    return properties;
  }

  List<JournalEvent> requests() {
    return pushsim.simulator().journal().find(EventPattern.type(ApnsService.REQUEST_EVENT));
  }

  @Test
  void tokenAuth_everyRequestAnswered_andCounted() throws IOException {
    // The server runs in this JVM: watching this process's CPU exercises the /proc reading.
    Properties result = run("-H", "authorization: " + provider.bearer(), "-H", "apns-priority: 10", "--cpu-of", String.valueOf(ProcessHandle.current().pid()));

    assertThat(result.getProperty("completed")).isEqualTo("60");
    assertThat(result.getProperty("status_2xx")).isEqualTo("60");
    assertThat(result.getProperty("failed")).isEqualTo("0");
    assertThat(result.getProperty("tls")).startsWith("TLSv1.3");
    assertThat(Double.parseDouble(result.getProperty("server_cpu_cores"))).isNotNegative();
    assertThat(Double.parseDouble(result.getProperty("generator_cpu_cores"))).isPositive();
    assertThat(requests()).hasSize(60).allSatisfy(event -> {
      assertThat(event.get("status")).isEqualTo(200);
      assertThat(event.get("auth")).isEqualTo("token " + TestProvider.TEAM_ID + "/" + provider.key.keyId());
    });
    // Round-robin over the URI file: each of the 10 tokens got 6 pushes.
    assertThat(requests().stream().map(JournalEvent::deviceToken).distinct()).hasSize(10);
  }

  @Test
  void presentsAClientCertificate() throws IOException {
    ClientCertificate certificate = provider.certificate(CertificateKind.VOIP_SERVICES);
    Path cert = dir.resolve("client.pem");
    Path key = dir.resolve("client.key");
    certificate.writePem(cert, key);

    Properties result = run("--cert", cert.toString(), "--key", key.toString());

    assertThat(result.getProperty("status_2xx")).isEqualTo("60");
    assertThat(requests()).hasSize(60).allSatisfy(event -> assertThat((String) event.get("auth")).startsWith("certificate "));
  }

  @Test
  void refusalsAreCountedByStatus_notAsFailures() throws IOException {
    Properties result = run(); // no authorization header, no certificate: 403 MissingProviderToken

    assertThat(result.getProperty("status_4xx")).isEqualTo("60");
    assertThat(result.getProperty("status_2xx")).isEqualTo("0");
    assertThat(result.getProperty("failed")).isEqualTo("0");
    assertThat(requests()).allSatisfy(event -> assertThat(event.get("reason")).isEqualTo("MissingProviderToken"));
  }
}
