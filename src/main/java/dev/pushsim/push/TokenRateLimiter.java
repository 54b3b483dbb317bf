package dev.pushsim.push;

import java.time.Duration;

/**
 * Apple answers 429 TooManyRequests when one device token receives too many pushes in a short
 * time, without publishing the numbers. PushSim counts pushes per token in fixed windows, on the
 * token itself ({@link DeviceToken#rateWindow()}): no map to look up, nothing to forget.
 */
public final class TokenRateLimiter {

  /** The low bits count pushes (saturating past the limit); the high bits hold the window's start in milliseconds. */
  private static final int COUNT_BITS = 20;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

  private final int limit;
  private final long windowMillis;

  /** At most {@code limit} pushes per token in each {@code window}; a limit of 0 admits everything. */
  public TokenRateLimiter(int limit, Duration window) {
    this.limit = limit;
    this.windowMillis = window.toMillis();
    if (limit >= COUNT_MASK) {
      throw new IllegalArgumentException("The per-token rate limit must be below " + COUNT_MASK + ", not " + limit);
    }
  }

  /** Counts one push to {@code token}; false when it is over the limit. */
  public boolean admit(DeviceToken token, long nowMillis) {
    if (limit == 0) {
      return true;
    }
    while (true) {
      long state = token.rateWindow();
      long start = state >>> COUNT_BITS;
      long count = state & COUNT_MASK;
      if (state == 0 || nowMillis - start >= windowMillis) {
        start = nowMillis;
        count = 0;
      }
      if (count > limit) {
        return false; // over the limit already: the count stays where it is
      }
      if (token.compareAndSetRateWindow(state, (start << COUNT_BITS) | (count + 1))) {
        return count + 1 <= limit;
      }
    }
  }
}
