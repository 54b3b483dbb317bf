package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pushsim.testing.Tools;
import dev.pushsim.world.Simulator;
import io.netty.util.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What is secure by default: TLS unless plain h2c is asked for by name, a Netty with the rapid-reset
 * fix, and no private key or keystore in the repository (they are minted at run time).
 */
class SecurityDefaultsTest {

  /** A PEM private key with its base64 body, not just code that writes the label. */
  private static final Pattern PEM_PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----\\s+[A-Za-z0-9+/=\\s]{40,}");

  @Test
  void tlsIsTheDefault_plainH2cOnlyWhenAskedFor() {
    try (Simulator sim = Simulator.builder().build().start()) {
      assertThat(sim.sandbox().isTls()).isTrue();
      assertThat(sim.production().url()).startsWith("https://");
      assertThatThrownBy(() -> ApnsServer.builder(sim.sandbox().service()).build())
          .hasMessage("No TLS credentials given: call tls(...), or plaintext() for h2c.");
    }
    try (Simulator plain = Simulator.builder().plaintext(true).build().start()) {
      assertThat(plain.sandbox().isTls()).isFalse();
    }
  }

  @Test
  void nettyHasTheRapidResetFix_cve202344487() {
    // Netty 4.1.100.Final added the RST_STREAM rate limit that ApnsChannelInitializer sets.
    String version = Version.identify().get("netty-codec-http2").artifactVersion();
    String[] parts = version.split("[.]");
    assertThat(Integer.parseInt(parts[0]) * 1_000_000 + Integer.parseInt(parts[1]) * 1_000 + Integer.parseInt(parts[2]))
        .as("netty-codec-http2 %s", version)
        .isGreaterThanOrEqualTo(4_001_100);
  }

  @Test
  void noPrivateKeyOrKeystoreIsCommitted() throws Exception {
    List<String> tracked = trackedFiles();
    List<String> secrets = new ArrayList<>();
    for (String name : tracked) {
      Path file = Path.of(name);
      if (name.matches(".*\\.(p8|p12|pfx|jks|keystore|key|pem)$")) {
        secrets.add(name + " (a key or keystore file)");
      } else if (Files.isRegularFile(file) && Files.size(file) < 5_000_000
          && PEM_PRIVATE_KEY.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).find()) {
        secrets.add(name + " (contains a PEM private key)");
      }
    }
    assertThat(tracked).as("files tracked by git").isNotEmpty();
    assertThat(secrets).isEmpty();
  }

  /** The files git tracks in this checkout; the test is skipped outside a git checkout. */
  private static List<String> trackedFiles() throws IOException, InterruptedException {
    Process git;
    try {
      git = new ProcessBuilder("git", "ls-files").redirectErrorStream(true).start();
    } catch (IOException noGit) {
      Tools.require(false, "git is not installed");
      return List.of();
    }
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0, "not a git checkout: " + output);
    return output.lines().filter(line -> !line.isBlank()).toList();
  }
}
