package dev.pushsim.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.provider.SendAttempt.Decision;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which answers are retried, and when. */
class RetryPolicyTest {

  final RetryPolicy policy = RetryPolicy.DEFAULT;

  @ParameterizedTest(name = "{0} on attempt {1} -> {2}")
  @CsvSource({
      "200, 1, ACCEPTED",
      "410, 1, TOKEN_DROPPED",
      "429, 1, RETRYING", "500, 3, RETRYING", "503, 1, RETRYING", "0, 2, RETRYING",
      "503, 4, GAVE_UP", "0, 4, GAVE_UP",
      "400, 1, FAILED", "403, 1, FAILED", "404, 1, FAILED", "405, 1, FAILED", "413, 1, FAILED"})
  void decide(int status, int attempt, Decision expected) {
    assertThat(policy.decide(status, attempt)).isEqualTo(expected);
  }

  @Test
  void theBackoffDoublesFromOneSecond() {
    assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void nonsense_isRefusedWithASentence() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), 2)).hasMessage("A push takes at least 1 attempt, not 0.");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(-1), 2)).hasMessageStartingWith("The initial backoff must be zero or more");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 0.5)).hasMessageStartingWith("The backoff multiplier must be");
  }
}
