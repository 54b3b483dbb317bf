package dev.pushsim.harness;

import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.push.Environment;
import dev.pushsim.push.Reason;
import io.cucumber.java.ParameterType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The domain words of the step library: durations, environments, APNs answers. */
public final class ParameterTypes {

  /** The longest duration a step takes: a century, so that no simulated instant overflows. */
  static final Duration LONGEST = Duration.ofDays(36_525);

  /** "61 minutes", "7 seconds", "500 ms", "1 hour", "2 days". */
  @ParameterType("(\\d+) (milliseconds?|ms|seconds?|minutes?|hours?|days?)")
  public Duration duration(String amount, String unit) {
    Duration duration;
    try {
      long value = Long.parseLong(amount);
      String singular = unit.toLowerCase(Locale.ROOT).replaceAll("s$", "");
      duration = switch (singular) {
        case "m", "millisecond" -> Duration.ofMillis(value);
        case "second" -> Duration.ofSeconds(value);
        case "minute" -> Duration.ofMinutes(value);
        case "hour" -> Duration.ofHours(value);
        case "day" -> Duration.ofDays(value);
        default -> throw new IllegalArgumentException("Unknown unit '" + unit + "': use ms, seconds, minutes, hours or days.");
      };
    } catch (NumberFormatException | ArithmeticException tooLong) {
      duration = null;
    }
    if (duration == null || duration.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("'" + amount + " " + unit + "' is longer than a scenario can simulate: at most " + LONGEST.toDays() + " days.");
    }
    return duration;
  }

  /**
   * A whole number: "3 strikes", "5121 bytes". Cucumber's own {@code {int}} reports one too large
   * without naming it or the step's line; this one says what is wrong, at the step.
   */
  @ParameterType(value = "-?\\d+", useForSnippets = false)
  public Integer count(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException tooLarge) {
      throw new IllegalArgumentException("'" + text + "' is larger than a step takes (at most " + Integer.MAX_VALUE + ").");
    }
  }

  /** "development" (or "sandbox") and "production": the APS environment of a signing or a host. */
  @ParameterType("development|sandbox|production")
  public Environment environment(String name) {
    return Environment.parse(name);
  }

  /** Apple's kinds of APNs client certificate, as the developer portal names them. */
  @ParameterType("development|production|universal|VoIP Services")
  public CertificateKind certificate(String name) {
    return switch (name) {
      case "development" -> CertificateKind.DEVELOPMENT;
      case "production" -> CertificateKind.PRODUCTION;
      case "universal" -> CertificateKind.UNIVERSAL;
      default -> CertificateKind.VOIP_SERVICES;
    };
  }

  /**
   * An APNs answer as Apple's docs write it: "200", "410 Unregistered", "400 BadDeviceToken". Only
   * Apple's answers are taken, so that a misspelt reason fails at once instead of never matching.
   */
  @ParameterType("\"(\\d{3})(?: ([A-Za-z]+))?\"")
  public ExpectedAnswer answer(String status, String reason) {
    int code = Integer.parseInt(status);
    List<String> reasons = Arrays.stream(Reason.values()).filter(known -> known.status() == code).map(Reason::wireString).toList();
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("APNs never answers " + status + ": its statuses are 200, 400, 403, 404, 405, 410, 413, 429, 500 and 503.");
    }
    boolean known = reason == null ? code == 200 : reasons.contains(reason);
    if (!known) {
      throw new IllegalArgumentException("\"" + status + (reason == null ? "" : " " + reason) + "\" is not one of Apple's answers; with "
          + status + " APNs says " + String.join(", ", reasons) + ".");
    }
    return new ExpectedAnswer(code, reason);
  }

  /** What a step expects APNs to answer. */
  public record ExpectedAnswer(int status, String reason) {
    @Override
    public String toString() {
      return reason == null ? String.valueOf(status) : status + " " + reason;
    }
  }
}
