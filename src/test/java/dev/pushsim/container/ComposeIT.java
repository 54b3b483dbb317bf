package dev.pushsim.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.testing.Tools;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code src/container/compose.yaml} under podman-compose ({@code src/container/compose-test.sh}):
 * the provider service reaches {@code https://pushsim:2197} by its service name, verifying TLS with the
 * CA from the shared volume, and APNs answers it.
 */
class ComposeIT {

  @Test
  void theProviderServiceReachesPushSimByItsServiceName() {
    Tools.require(Tools.onPath("podman-compose"), "podman-compose is not installed");
    Scripts.buildImage();

    Scripts.Run compose = Scripts.run(Duration.ofMinutes(5), "compose-test.sh");

    assertThat(compose.exitCode()).as("compose-test.sh's exit code; it printed:%n%s", compose.output()).isZero();
    assertThat(compose.output()).contains("TLS verified: {\"reason\":\"MissingProviderToken\"}");
  }
}
