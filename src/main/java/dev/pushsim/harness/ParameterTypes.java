package dev.pushsim.harness;

import dev.pushsim.apns.Environment;
import dev.pushsim.apns.tls.CertificateKind;
import io.cucumber.java.ParameterType;
import java.time.Duration;
import java.util.Locale;

/** The domain words of the step library: durations, environments, APNs answers. */
public final class ParameterTypes {

  /** "61 minutes", "7 seconds", "500 ms", "1 hour", "2 days". */
  @ParameterType("(\\d+) (milliseconds?|ms|seconds?|minutes?|hours?|days?)")
  public Duration duration(String amount, String unit) {
    long value = Long.parseLong(amount);
    String singular = unit.toLowerCase(Locale.ROOT).replaceAll("s$", "");
    return switch (singular) {
      case "m", "millisecond" -> Duration.ofMillis(value);
      case "second" -> Duration.ofSeconds(value);
      case "minute" -> Duration.ofMinutes(value);
      case "hour" -> Duration.ofHours(value);
      case "day" -> Duration.ofDays(value);
      default -> throw new IllegalArgumentException("Unknown unit '" + unit + "': use ms, seconds, minutes, hours or days.");
    };
  }

  /** "development" (or "sandbox") and "production": the APS environment of a signing or a host. */
  @ParameterType("development|sandbox|production")
  public Environment environment(String name) {
    return Environment.parse(name);
  }

  /** An APNs answer as Apple's docs write it: "200", "410 Unregistered", "400 BadDeviceToken". */
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

  @ParameterType("\"(\\d{3})(?: ([A-Za-z]+))?\"")
  public ExpectedAnswer answer(String status, String reason) {
    return new ExpectedAnswer(Integer.parseInt(status), reason);
  }

  /** What a step expects APNs to answer. */
  public record ExpectedAnswer(int status, String reason) {
    @Override
    public String toString() {
      return reason == null ? String.valueOf(status) : status + " " + reason;
    }
  }
}
