package dev.pushsim.push;

import java.util.Locale;

/**
 * An APNs environment. Each has its own server and its own device tokens: a token minted for
 * one is a bad device token on the other.
 */
public enum Environment {
  /** {@code api.sandbox.push.apple.com}: apps signed for development ({@code aps-environment = development}). */
  SANDBOX("development", "api.sandbox.push.apple.com"),
  /** {@code api.push.apple.com}: apps signed for distribution ({@code aps-environment = production}). */
  PRODUCTION("production", "api.push.apple.com");

  private final String apsEnvironment;
  private final String appleHost;

  Environment(String apsEnvironment, String appleHost) {
    this.apsEnvironment = apsEnvironment;
    this.appleHost = appleHost;
  }

  /** The {@code aps-environment} entitlement value of apps signed for this environment. */
  public String apsEnvironment() {
    return apsEnvironment;
  }

  /** The host name Apple serves this environment on. */
  public String appleHost() {
    return appleHost;
  }

  /**
   * Reads {@code sandbox}, {@code development}, {@code production}, in any case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Environment parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (value) {
      case "sandbox":
      case "development":
        return SANDBOX;
      case "production":
        return PRODUCTION;
      default:
        throw new IllegalArgumentException(
            "Unknown APNs environment '" + text + "': use sandbox (development) or production.");
    }
  }
}
