package dev.pushsim.world;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in world files and admin requests: {@code 500ms}, {@code 7s}, {@code 2m}, {@code 1h}. */
public final class Durations {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

  private Durations() {}

  /** @throws IllegalArgumentException naming the accepted forms */
  public static Duration parse(String text) {
    return parse(text, "");
  }

  /**
   * As {@link #parse(String)}; a failure's message names {@code context} right after the text,
   * as in {@code 'soon' in behaviour 'report after soon' is not a duration like ...}.
   */
  public static Duration parse(String text, String context) {
    Matcher matcher = DURATION.matcher(text == null ? "" : text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + (text == null ? "" : text.trim()) + "'" + (context.isEmpty() ? "" : " " + context)
          + " is not a duration like 500ms, 2s, 1m or 1h");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }
}
