package dev.pushsim.device;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model choices of {@link DeviceRules} by name, as a world file's {@code model:} section and a
 * scenario's step write them: {@code strikeLimit: 5}, {@code reportDeadline: 10s},
 * {@code forceQuitVoip: withhold}. One table, so that every way in accepts the same words.
 */
public final class ModelKnobs {

  private static final Pattern DURATION =
      Pattern.compile("(\\d{1,9})\\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)");

  private ModelKnobs() {}

  /** The knobs' names, each with its current value: what docs and the admin API list. */
  public static Map<String, String> of(DeviceRules rules) {
    Map<String, String> knobs = new LinkedHashMap<>();
    knobs.put("strikeLimit", String.valueOf(rules.strikeLimit()));
    knobs.put("strikeDecay", word(rules.strikeDecay()));
    knobs.put("reportDeadline", text(rules.reportDeadline()));
    knobs.put("ringTimeout", text(rules.ringTimeout()));
    knobs.put("forceQuitVoip", word(rules.forceQuitVoip()));
    knobs.put("offlineStore", word(rules.offlineStore()));
    knobs.put("offlineCap", text(rules.offlineCap()));
    knobs.put("staleAfter", text(rules.staleAfter()));
    return knobs;
  }

  /**
   * {@code rules} with the knob {@code name} set to {@code value}.
   *
   * @throws IllegalArgumentException naming the knob, the value and what is accepted
   */
  public static DeviceRules set(DeviceRules rules, String name, String value) {
    String v = value == null ? "" : value.trim();
    return switch (name == null ? "" : name.trim()) {
      case "strikeLimit" -> rules.withStrikeLimit(count(name, v));
      case "strikeDecay" -> rules.withStrikeDecay(choice(StrikeDecay.class, name, v));
      case "reportDeadline" -> rules.withReportDeadline(duration(name, v));
      case "ringTimeout" -> rules.withRingTimeout(duration(name, v));
      case "forceQuitVoip" -> rules.withForceQuitVoip(choice(ForceQuitVoip.class, name, v));
      case "offlineStore" -> rules.withOfflineStore(choice(OfflineStore.class, name, v));
      case "offlineCap" -> rules.withOfflineCap(duration(name, v));
      case "staleAfter" -> rules.withStaleAfter(duration(name, v));
      default -> throw new IllegalArgumentException(
          "'" + name + "' is not a model knob; use one of " + of(rules).keySet());
    };
  }

  /** {@code rules} with every knob of {@code values} set, in order. */
  public static DeviceRules set(DeviceRules rules, Map<String, String> values) {
    DeviceRules result = rules;
    for (Map.Entry<String, String> knob : values.entrySet()) {
      result = set(result, knob.getKey(), knob.getValue());
    }
    return result;
  }

  private static int count(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is a whole number, not '" + value + "'");
    }
  }

  private static Duration duration(String name, String value) {
    Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException(name + " is a duration like 500ms, 7s, 2m, 1h or 30d, not '" + value + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2);
    if (unit.equals("ms") || unit.startsWith("milli")) {
      return Duration.ofMillis(amount);
    }
    return switch (unit.charAt(0)) {
      case 'm' -> Duration.ofMinutes(amount);
      case 's' -> Duration.ofSeconds(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String name, String value) {
    String constant = value.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (E option : type.getEnumConstants()) {
      if (option.name().equals(constant)) {
        return option;
      }
    }
    StringBuilder options = new StringBuilder();
    for (E option : type.getEnumConstants()) {
      options.append(options.length() == 0 ? "" : ", ").append(word(option));
    }
    throw new IllegalArgumentException(name + " is one of " + options + ", not '" + value + "'");
  }

  /** An enum constant as people write it: {@code one-per-topic}. */
  private static String word(Enum<?> option) {
    return option.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String text(Duration duration) {
    if (duration.toMillis() % 86_400_000 == 0) {
      return duration.toDays() + "d";
    }
    if (duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + "ms";
    }
    return duration.toSeconds() + "s";
  }
}
