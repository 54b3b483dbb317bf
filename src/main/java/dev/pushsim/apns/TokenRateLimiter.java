package dev.pushsim.apns;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Apple answers 429 TooManyRequests when one device token receives too many pushes in a short
 * time, without publishing the numbers. PushSim counts pushes per token in fixed windows, and
 * forgets windows that have ended, so memory follows the tokens pushed to recently, not every
 * token ever pushed to.
 */
final class TokenRateLimiter {

  private final int limit;
  private final long windowMillis;
  private final ConcurrentHashMap<DeviceToken, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong lastSweepMillis = new AtomicLong(Long.MIN_VALUE / 2);

  TokenRateLimiter(ApnsSettings settings) {
    this.limit = settings.tokenRateLimit();
    this.windowMillis = settings.tokenRateWindow().toMillis();
  }

  /** Counts one push to {@code token}; false when it is over the limit. */
  boolean admit(DeviceToken token, long nowMillis) {
    if (limit == 0) {
      return true;
    }
    sweepEndedWindows(nowMillis);
    Window window = windows.get(token);
    if (window == null) {
      window = windows.computeIfAbsent(token, key -> new Window());
    }
    synchronized (window) {
      if (nowMillis - window.startMillis >= windowMillis) {
        window.startMillis = nowMillis;
        window.count = 0;
      }
      return ++window.count <= limit;
    }
  }

  /**
   * Once per window length, one caller drops the windows that ended: a later push opens a new one
   * anyway. A push racing the sweep may count in a dropped window, which lets one push more through.
   */
  private void sweepEndedWindows(long nowMillis) {
    long last = lastSweepMillis.get();
    if (nowMillis - last < windowMillis || !lastSweepMillis.compareAndSet(last, nowMillis)) {
      return;
    }
    windows.values().removeIf(window -> {
      synchronized (window) {
        return nowMillis - window.startMillis >= windowMillis;
      }
    });
  }

  /** Windows held now: tokens pushed to within the last window. */
  int size() {
    return windows.size();
  }

  private static final class Window {
    long startMillis = Long.MIN_VALUE / 2;
    int count;
  }
}
