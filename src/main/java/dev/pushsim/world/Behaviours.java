package dev.pushsim.world;

import dev.pushsim.app.WebhookBehaviour;
import dev.pushsim.device.AppBehaviour;
import java.time.Duration;
import java.util.Locale;

/** App behaviours as a world file (and the admin API) writes them: {@code report}, {@code report after 2s}, {@code never report}, ... */
public final class Behaviours {

  /** Appended to any behaviour: the app also implements iOS 26.4's metadata delegate. */
  private static final String METADATA_SUFFIX = " with metadata delegate";

  private Behaviours() {}

  /** @throws IllegalArgumentException naming the accepted forms */
  public static AppBehaviour parse(String text) {
    String value = text.trim();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.endsWith(METADATA_SUFFIX) && lower.length() > METADATA_SUFFIX.length()) {
      return AppBehaviour.withMetadataDelegate(parse(value.substring(0, value.length() - METADATA_SUFFIX.length())));
    }
    if (lower.equals("report when mustreport")) {
      return AppBehaviour.reportWhenMustReport();
    }
    if (lower.equals("report via livecommunicationkit")) {
      return AppBehaviour.reportThroughLiveCommunicationKit();
    }
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
        + "': use report, report after <duration>, never report, report when mustReport,"
        + " report via LiveCommunicationKit, block <duration>, crash or webhook <url>,"
        + " optionally followed by ' with metadata delegate'");
  }

  private static Duration duration(String text, String behaviour) {
    return Durations.parse(text, "in behaviour '" + behaviour + "'");
  }
}
