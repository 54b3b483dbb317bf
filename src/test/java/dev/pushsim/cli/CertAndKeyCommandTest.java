package dev.pushsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.tls.ClientCertificateVerifier;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.clock.SimClock;
import dev.pushsim.push.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CertAndKeyCommandTest {

  @TempDir Path dir;

  private int run(String... args) {
    return PushSimCommand.run(args);
  }

  @Test
  void cert_mintsAP12FromTheDataDirectorysCa_whichServeKeepsUsing() throws Exception {
    Path p12 = dir.resolve("voip.p12");
    assertThat(run("cert", "--bundle-id", "com.example.voip", "--data-dir", dir.toString(), "--out", p12.toString(), "--password", "s3cret")).isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(p12)) {
      store.load(in, "s3cret".toCharArray());
    }
    X509Certificate leaf = (X509Certificate) store.getCertificate(store.aliases().nextElement());
    DevelopmentCa sameCa = DevelopmentCa.loadOrCreate(dir, SimClock.system());
    ClientCertificateVerifier.Verification verification =
        new ClientCertificateVerifier(sameCa.certificate(), SimClock.system()).verify(new X509Certificate[] {leaf});
    assertThat(verification.trusted()).as(verification.detail()).isTrue();
    assertThat(verification.identity().topics()).containsExactly("com.example.voip.voip");
    assertThat(verification.identity().environments()).containsExactlyInAnyOrder(Environment.SANDBOX, Environment.PRODUCTION);
    assertThat(Files.readString(dir.resolve(DevelopmentCa.CERTIFICATE_FILE))).isEqualTo(sameCa.certificatePem());
  }

  @Test
  void key_writesAnAppleStyleP8ThatLoadsBack() {
    assertThat(run("key", "--team-id", "TEAM123456", "--key-id", "ABC123DEFG", "--out-dir", dir.toString())).isZero();
    SigningKey key = SigningKey.fromP8(dir.resolve("AuthKey_ABC123DEFG.p8"), "TEAM123456", "ABC123DEFG");
    assertThat(key.privateKey()).isPresent();
  }

  @Test
  void badValues_areClearErrors() {
    StringWriter errors = new StringWriter();
    CommandLine command = new CommandLine(new PushSimCommand());
    command.setErr(new PrintWriter(errors, true));
    command.setExecutionExceptionHandler((exception, line, result) -> {
      line.getErr().println("pushsim: " + exception.getMessage());
      return 1;
    });

    assertThat(command.execute("cert", "--bundle-id", "com.x", "--kind", "enterprise", "--data-dir", dir.toString())).isEqualTo(1);
    assertThat(command.execute("key", "--team-id", "team")).isEqualTo(1);
    assertThat(command.execute("cert")).isEqualTo(2);

    assertThat(errors.toString())
        .contains("Unknown certificate kind 'enterprise': use development, production, universal or voip-services.")
        .contains("Team ID 'team' is not valid")
        .contains("Missing required option: '--bundle-id=<bundleId>'");
  }
}
