package dev.pushsim.apns.auth;

import java.time.Duration;

/** Helpers for the human sentences of {@link AuthDecision#detail()}. */
final class Detail {

  private static final int MAX_QUOTED = 24;

  private Detail() {}

  /**
   * A provider-supplied value, quoted, cut short and stripped of control characters: it comes
   * from an untrusted token and ends up in logs.
   */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 5).append('\'');
    for (int i = 0; i < value.length() && i < MAX_QUOTED; i++) {
      char c = value.charAt(i);
      out.append(c < 0x20 || c == 0x7f || c == '\'' ? '?' : c);
    }
    if (value.length() > MAX_QUOTED) {
      out.append("...");
    }
    return out.append('\'').toString();
  }

  /** "60 minutes", "90 seconds", "60 seconds": minutes only from two minutes up. */
  static String duration(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 60 == 0 && seconds >= 120) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  /** "61 minutes", "20 minutes 30 seconds", "45 seconds": whole seconds, rounded down. */
  static String elapsed(long millis) {
    long seconds = Math.max(0, millis) / 1000;
    if (seconds < 60) {
      return plural(seconds, "second");
    }
    String minutes = plural(seconds / 60, "minute");
    return seconds % 60 == 0 ? minutes : minutes + " " + plural(seconds % 60, "second");
  }

  static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}
