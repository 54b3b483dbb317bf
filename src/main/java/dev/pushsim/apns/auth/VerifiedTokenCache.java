package dev.pushsim.apns.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, least-recently-used map from token string to verified claims, shared by all
 * connections: providers use one token on many connections for up to an hour.
 */
final class VerifiedTokenCache {

  private final int capacity;
  private final Map<String, VerifiedToken> entries;

  VerifiedTokenCache(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, VerifiedToken> eldest) {
            return size() > VerifiedTokenCache.this.capacity;
          }
        };
  }

  synchronized VerifiedToken get(String token) {
    return capacity == 0 ? null : entries.get(token);
  }

  synchronized void put(String token, VerifiedToken verified) {
    if (capacity > 0) {
      entries.put(token, verified);
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
