package dev.pushsim.provider;

import dev.pushsim.app.TokenRegistration;
import dev.pushsim.push.Channel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider's device tokens and who is online. A token belongs to one user at a time: when
 * another user registers it (a new login on the same phone), it moves to that user.
 * Thread-safe.
 */
final class TokenBook {

  /** Registrations by token, in registration order. */
  private final Map<String, TokenRegistration> byToken = new LinkedHashMap<>();
  private final Set<String> online = ConcurrentHashMap.newKeySet();

  /** Stores {@code registration}, replacing any earlier one of the same token. */
  synchronized void register(TokenRegistration registration) {
    // Remove first, so that a re-registration counts as the newest.
    byToken.remove(registration.token());
    byToken.put(registration.token(), registration);
  }

  /** Forgets {@code token} if {@code userId} holds it; true when it did. */
  synchronized boolean unregister(String userId, String token) {
    TokenRegistration registration = byToken.get(token);
    if (registration == null || !registration.userId().equals(userId)) {
      return false;
    }
    byToken.remove(token);
    return true;
  }

  /** Forgets {@code token} whoever holds it (APNs said 410); the registration it was, or null. */
  synchronized TokenRegistration drop(String token) {
    return byToken.remove(token);
  }

  /** True while {@code userId} holds {@code token}. */
  synchronized boolean holds(String userId, String token) {
    TokenRegistration registration = byToken.get(token);
    return registration != null && registration.userId().equals(userId);
  }

  /** {@code userId}'s registrations on {@code channel}, oldest first. */
  synchronized List<TokenRegistration> of(String userId, Channel channel) {
    List<TokenRegistration> found = new ArrayList<>();
    for (TokenRegistration registration : byToken.values()) {
      if (registration.userId().equals(userId) && registration.channel() == channel) {
        found.add(registration);
      }
    }
    return found;
  }

  synchronized Set<String> tokensOf(String userId) {
    Set<String> tokens = new LinkedHashSet<>();
    for (TokenRegistration registration : byToken.values()) {
      if (registration.userId().equals(userId)) {
        tokens.add(registration.token());
      }
    }
    return Collections.unmodifiableSet(tokens);
  }

  synchronized int size() {
    return byToken.size();
  }

  void setOnline(String userId, boolean isOnline) {
    if (isOnline) {
      online.add(userId);
    } else {
      online.remove(userId);
    }
  }

  boolean isOnline(String userId) {
    return online.contains(userId);
  }

  @Override
  public synchronized String toString() {
    return byToken.size() + " token(s), " + online.size() + " user(s) online";
  }
}
