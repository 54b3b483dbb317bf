package dev.pushsim.device;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Do Not Disturb's call filter with the Focus settings iOS offers: calls from allowed people
 * (Favorites, a chosen list) ring through, and with Repeated Calls on a second call from the same
 * caller within {@link #REPEATED_CALL_WINDOW} is not silenced (iPhone User Guide, "Allow calls");
 * everyone else fails with {@code filteredByDoNotDisturb}. Called with the device lock held.
 */
final class FocusFilter {

  /** Apple's Repeated Calls window: a call within three minutes of the previous one from that caller. */
  static final Duration REPEATED_CALL_WINDOW = Duration.ofMinutes(3);

  private final Set<String> allowedCallers = new HashSet<>();
  private final Map<String, Instant> lastCallFrom = new HashMap<>();
  private boolean repeatedCalls = true;

  void allow(String caller) {
    allowedCallers.add(caller);
  }

  void repeatedCalls(boolean on) {
    repeatedCalls = on;
  }

  /**
   * True when a call from {@code update}'s caller at {@code now} is silenced; every call is
   * remembered, filtered or not, since Repeated Calls counts the attempt.
   */
  boolean silences(CallUpdate update, Instant now) {
    String caller = update.handle() != null ? update.handle() : update.displayName();
    boolean allowed = allowedCallers.contains(update.handle()) || allowedCallers.contains(update.displayName());
    Instant previous = caller == null ? null : lastCallFrom.put(caller, now);
    boolean repeated = repeatedCalls && previous != null && !now.isAfter(previous.plus(REPEATED_CALL_WINDOW));
    return !allowed && !repeated;
  }

  void clear() {
    allowedCallers.clear();
    lastCallFrom.clear();
    repeatedCalls = true;
  }
}
