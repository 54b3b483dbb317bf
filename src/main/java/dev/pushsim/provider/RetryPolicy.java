package dev.pushsim.provider;

import dev.pushsim.provider.SendAttempt.Decision;
import java.time.Duration;

/**
 * How the {@link ReferenceProvider} answers APNs' answers: 410 drops the token, 429/500/503 and
 * network failures are retried with exponential backoff, everything else is final. Apple asks
 * providers to retry only the "try again later" statuses; a 400 or 403 repeats itself forever.
 *
 * @param maxAttempts how many sends one push may take in all, the first included (1 = no retry)
 * @param initialBackoff the wait before the first retry
 * @param multiplier how much each further wait grows (2 = 1 s, 2 s, 4 s, ...)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier) {

  /** Four attempts, waiting 1 s, 2 s, then 4 s. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1), 2.0);

  /** Status 0 stands for "no answer": the connection failed or the wait ran out. */
  public static final int NO_ANSWER = 0;

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("A push takes at least 1 attempt, not " + maxAttempts + ".");
    }
    if (initialBackoff == null || initialBackoff.isNegative()) {
      throw new IllegalArgumentException("The initial backoff must be zero or more, not " + initialBackoff + ".");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("The backoff multiplier must be a finite number of at least 1, not "
          + multiplier + ".");
    }
  }

  /** True for the answers that say "try again later", and for no answer at all. */
  public static boolean retryable(int status) {
    return status == NO_ANSWER || status == 429 || status == 500 || status == 503;
  }

  /** What to do after attempt number {@code attempt} (from 1) got {@code status}. */
  public Decision decide(int status, int attempt) {
    if (status == 200) {
      return Decision.ACCEPTED;
    }
    if (status == 410) {
      return Decision.TOKEN_DROPPED;
    }
    if (retryable(status)) {
      return attempt < maxAttempts ? Decision.RETRYING : Decision.GAVE_UP;
    }
    return Decision.FAILED;
  }

  /** The wait between attempt {@code attempt} (from 1) and the next: initialBackoff × multiplier^(attempt-1). */
  public Duration backoffAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("Attempts count from 1, not " + attempt + ".");
    }
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
    return Duration.ofMillis(millis >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(millis));
  }

  @Override
  public String toString() {
    return "RetryPolicy{" + maxAttempts + " attempts, backoff " + initialBackoff.toMillis() + " ms x" + multiplier
        + "}";
  }
}
