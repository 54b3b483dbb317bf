package dev.pushsim.apns;

import java.time.Instant;

/**
 * A device token as APNs knows it: which app it belongs to, through which registration
 * (UserNotifications or PushKit), in which environment, and whether it is still valid.
 *
 * @param hex the token as providers send it in the path, lower-case hex
 * @param bundleId the app the token was issued to
 * @param channel the registration on the device that produced it
 * @param environment the APNs environment it is valid in
 * @param invalidatedAt when the token stopped being valid (app uninstalled), or null
 * @param expiresAt end of a token's lifetime (a Live Activity's), or null for none
 */
public record DeviceToken(
    String hex,
    String bundleId,
    Channel channel,
    Environment environment,
    Instant invalidatedAt,
    Instant expiresAt) {

  /** True once the token was invalidated (its app uninstalled). */
  public boolean isUnregistered() {
    return invalidatedAt != null;
  }

  /** True when the token's lifetime ended at or before {@code nowMillis}. */
  public boolean isExpiredAt(long nowMillis) {
    return expiresAt != null && expiresAt.toEpochMilli() <= nowMillis;
  }

  DeviceToken invalidated(Instant at) {
    return new DeviceToken(hex, bundleId, channel, environment, at, expiresAt);
  }

  DeviceToken expiringAt(Instant at) {
    return new DeviceToken(hex, bundleId, channel, environment, invalidatedAt, at);
  }

  @Override
  public String toString() {
    return hex + " (" + bundleId + ", " + channel + ", " + environment
        + (invalidatedAt == null ? "" : ", unregistered at " + invalidatedAt) + ")";
  }
}
