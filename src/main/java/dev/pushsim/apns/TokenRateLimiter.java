package dev.pushsim.apns;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Apple answers 429 TooManyRequests when one device token receives too many pushes in a short
 * time, without publishing the numbers. PushSim counts pushes per token in fixed windows.
 */
final class TokenRateLimiter {

  private final int limit;
  private final long windowMillis;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  TokenRateLimiter(ApnsSettings settings) {
    this.limit = settings.tokenRateLimit();
    this.windowMillis = settings.tokenRateWindow().toMillis();
  }

  /** Counts one push to {@code token}; false when it is over the limit. */
  boolean admit(String token, long nowMillis) {
    if (limit == 0) {
      return true;
    }
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

  private static final class Window {
    long startMillis = Long.MIN_VALUE / 2;
    int count;
  }
}
