package dev.pushsim.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.testing.Tools;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The image as an operator runs it (issue 20): {@code src/container/smoke-test.sh} builds it from
 * target/pushsim.jar, starts it with PUSHSIM_* variables and a mounted data directory holding the
 * world file, waits for its health check, pushes from the host with curl over HTTP/2 trusting the CA
 * from the data directory (200), restarts it and pushes again with the same token and JWT (200).
 */
class ContainerImageIT {

  @Test
  void servesAPushFromTheHostAndKeepsItsTokensAcrossARestart() {
    Tools.require(Tools.onPath("podman"), "podman is not installed");
    Tools.require(Tools.onPath("curl"), "curl is not installed");
    Tools.require(Tools.onPath("openssl"), "openssl is not installed");

    Scripts.Run smoke = Scripts.run(Duration.ofMinutes(10), "smoke-test.sh");

    assertThat(smoke.exitCode()).as("smoke-test.sh's exit code; it printed:%n%s", smoke.output()).isZero();
    assertThat(smoke.output()).contains("push from the host answered 200, and 200 again with the same token");
  }
}
