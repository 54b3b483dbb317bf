package dev.pushsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.tls.ServerNames;
import dev.pushsim.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --tls-name}, the URLs {@code serve} prints, and {@code PUSHSIM_*} environment defaults. */
class ServeTlsNamesTest {

  @TempDir Path dir;

  @Test
  void aTlsName_isInTheServerCertificate_andCurlReachesTheServerUnderIt() throws Exception {
    Tools.require(Tools.onPath("curl"), "curl is not installed");
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--sandbox-port", "0", "--production-port", "0", "--admin-port", "0",
        "--data-dir", dir.toString(), "--tls-name", "pushsim.test", "--tls-name", "10.11.12.13,fd00::7");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    try (ServeCommand.Running running = serve.start(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      X509Certificate leaf = running.sim().ca().serverCredentials().certificate();
      List<String> names = leaf.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList();
      assertThat(names).contains("localhost", "api.push.apple.com", "127.0.0.1", "pushsim.test", "10.11.12.13", "fd00:0:0:0:0:0:0:7");

      // A client that knows the server as pushsim.test (a compose service, say) verifies the certificate.
      int port = running.sim().sandbox().port();
      Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--http2",
          "--cacert", dir.resolve("pushsim-ca.pem").toString(), "--resolve", "pushsim.test:" + port + ":127.0.0.1",
          "-X", "POST", "https://pushsim.test:" + port + "/3/device/00").redirectErrorStream(true).start();
      assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // 403 MissingProviderToken: TLS verified under the new name, and APNs answered.
      assertThat(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("403");
    }
  }

  @Test
  void aTlsNameThatIsNeitherADnsNameNorAnIp_exits2_withASentence() {
    for (String bad : new String[] {"pushsim_1", "-pushsim", "a..b", "999.1.1.1", "fe80::zz", ""}) {
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      CommandLine command = PushSimCommand.commandLine();
      command.setErr(new PrintWriter(errors, true, StandardCharsets.UTF_8));

      int exit = command.execute("serve", "--tls-name", bad, "--data-dir", dir.toString());

      assertThat(exit).as(bad).isEqualTo(2);
      assertThat(errors.toString(StandardCharsets.UTF_8)).as(bad)
          .startsWith("Invalid value for option '--tls-name': TLS name '" + bad + "' is neither a DNS name nor an IP");
    }
  }

  @Test
  void serverNames_sortDnsNamesFromAddresses_andDropDuplicates() {
    ServerNames names = ServerNames.parse(List.of("PushSim", "*.svc.cluster.local", "192.168.0.2", "[::1]", "pushsim"));

    assertThat(names.dnsNames()).containsExactly("pushsim", "*.svc.cluster.local");
    assertThat(names.ipAddresses()).containsExactly("192.168.0.2", "::1");
    assertThat(names.first()).isEqualTo("pushsim");
  }

  @Test
  void aServerOnEveryAddress_isPrintedUnderTheFirstTlsName_elseLocalhost_neverAs0000() {
    ReachableUrls named = new ReachableUrls(ServerNames.parse(List.of("pushsim")));
    ReachableUrls unnamed = new ReachableUrls(ServerNames.NONE);

    assertThat(named.url("https", "0.0.0.0", 2197)).isEqualTo("https://pushsim:2197");
    assertThat(named.url("http", "::", 8197)).isEqualTo("http://pushsim:8197");
    assertThat(unnamed.url("https", "0.0.0.0", 2197)).isEqualTo("https://localhost:2197");
    assertThat(unnamed.url("https", "127.0.0.1", 2197)).isEqualTo("https://localhost:2197");
    assertThat(unnamed.url("http", "127.0.0.1", 8197)).isEqualTo("http://127.0.0.1:8197");
    assertThat(unnamed.url("https", "fd00::7", 2197)).isEqualTo("https://[fd00::7]:2197");
  }

  @Test
  void pushsimEnvironmentVariables_areDefaults_andAFlagWins() {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve)
        .setDefaultValueProvider(new EnvironmentDefaults(Map.of("PUSHSIM_SANDBOX_PORT", "0", "PUSHSIM_HOST", "0.0.0.0",
            "PUSHSIM_TLS_NAME", "pushsim,10.0.0.7", "PUSHSIM_DATA_DIR", "/data", "PUSHSIM_PLAINTEXT", "true",
            "PUSHSIM_ADMIN_PORT", "9000")))
        .parseArgs("--admin-port", "9001");

    assertThat(serve.sandboxPort).isZero();
    assertThat(serve.host).isEqualTo("0.0.0.0");
    assertThat(serve.tlsNames).containsExactly("pushsim", "10.0.0.7");
    assertThat(serve.dataDir).isEqualTo(Path.of("/data"));
    assertThat(serve.plaintext).isTrue();
    assertThat(serve.adminPort).isEqualTo(9001);
    assertThat(serve.productionPort).isNull();
  }

  @Test
  void aBadEnvironmentValue_isTheSameClearErrorAsABadFlag() {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    CommandLine command = new CommandLine(new ServeCommand())
        .setDefaultValueProvider(new EnvironmentDefaults(Map.of("PUSHSIM_SANDBOX_PORT", "many")));
    command.setErr(new PrintWriter(errors, true, StandardCharsets.UTF_8));

    assertThat(command.execute()).isEqualTo(2);
    assertThat(errors.toString(StandardCharsets.UTF_8)).contains("'--sandbox-port'", "'many' is not an int");
  }
}
