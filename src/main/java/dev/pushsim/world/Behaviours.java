package dev.pushsim.world;

import dev.pushsim.device.AppBehaviour;
import dev.pushsim.device.WebhookBehaviour;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** App behaviours as a world file writes them: {@code report}, {@code report after 2s}, {@code never report}, ... */
final class Behaviours {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Behaviours() {}

  static AppBehaviour parse(String text) {
    String value = text.trim();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.equals("report")) {
      return AppBehaviour.reportImmediately();
    }
    if (lower.startsWith("report after ")) {
      return AppBehaviour.reportAfter(duration(value.substring("report after ".length()), text));
    }
    if (lower.equals("never report")) {
      return AppBehaviour.neverReport();
    }
    if (lower.startsWith("block ")) {
      return AppBehaviour.blockDelegate(duration(value.substring("block ".length()), text));
    }
    if (lower.equals("crash")) {
      return AppBehaviour.crash("EXC_BAD_ACCESS in the PushKit delegate");
    }
    if (lower.startsWith("webhook ")) {
      return WebhookBehaviour.at(value.substring("webhook ".length()).trim());
    }
    throw new IllegalArgumentException("unknown behaviour '" + text
        + "': use report, report after <duration>, never report, block <duration>, crash or webhook <url>");
  }

  private static Duration duration(String text, String behaviour) {
    Matcher matcher = DURATION.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + text.trim() + "' in behaviour '" + behaviour + "' is not a duration like 500ms, 2s, 1m or 1h");
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
