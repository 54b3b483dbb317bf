package dev.pushsim.apns;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A device token as APNs knows it: which app it belongs to, through which registration
 * (UserNotifications or PushKit), in which environment, whether it is still valid, and who holds
 * it on the device side. Immutable; a change of validity is a new instance.
 *
 * <p>The token's value is kept as its bytes, not as hex text: a world of a million tokens holds
 * 48 bytes per value instead of 120 (see the README's scale run). {@link #hex()} formats it.
 */
public final class DeviceToken {

  private final byte[] bytes;
  private final String bundleId;
  private final Channel channel;
  private final Environment environment;
  private final Instant invalidatedAt;
  private final Instant expiresAt;
  private final TokenHolder holder;

  DeviceToken(byte[] bytes, String bundleId, Channel channel, Environment environment, TokenHolder holder) {
    this(bytes, bundleId, channel, environment, null, null, holder);
  }

  private DeviceToken(byte[] bytes, String bundleId, Channel channel, Environment environment,
      Instant invalidatedAt, Instant expiresAt, TokenHolder holder) {
    this.bytes = bytes;
    this.bundleId = bundleId;
    this.channel = channel;
    this.environment = environment;
    this.invalidatedAt = invalidatedAt;
    this.expiresAt = expiresAt;
    this.holder = holder;
  }

  /** The token as providers send it in the path: lower-case hex (formatted on each call). */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** The app the token was issued to. */
  public String bundleId() {
    return bundleId;
  }

  /** The registration on the device that produced it. */
  public Channel channel() {
    return channel;
  }

  /** The APNs environment it is valid in. */
  public Environment environment() {
    return environment;
  }

  /** When the token stopped being valid (app uninstalled), or null. */
  public Instant invalidatedAt() {
    return invalidatedAt;
  }

  /** End of a token's lifetime (a Live Activity's), or null for none. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** The app on a simulated device that holds the token, or null for a token no device holds. */
  public TokenHolder holder() {
    return holder;
  }

  /** True once the token was invalidated (its app uninstalled). */
  public boolean isUnregistered() {
    return invalidatedAt != null;
  }

  /** True when the token's lifetime ended at or before {@code nowMillis}. */
  public boolean isExpiredAt(long nowMillis) {
    return expiresAt != null && expiresAt.toEpochMilli() <= nowMillis;
  }

  DeviceToken invalidated(Instant at) {
    return new DeviceToken(bytes, bundleId, channel, environment, at, expiresAt, holder);
  }

  DeviceToken expiringAt(Instant at) {
    return new DeviceToken(bytes, bundleId, channel, environment, invalidatedAt, at, holder);
  }

  /** True when {@code hex} (well-formed, either case) is this token's value. */
  boolean hasHex(CharSequence hex) {
    if (hex.length() != bytes.length * 2) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != byteAt(hex, i)) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code other} has the same value (bytes), whatever its validity. */
  boolean sameValue(DeviceToken other) {
    return Arrays.equals(bytes, other.bytes);
  }

  /** The hash of the token's value; {@link #hashOfHex} gives the same from its hex form. */
  int valueHash() {
    int hash = 1;
    for (byte b : bytes) {
      hash = 31 * hash + b;
    }
    return spread(hash);
  }

  /** {@link #valueHash()} of the token whose hex (well-formed, either case) this is, without parsing it. */
  static int hashOfHex(CharSequence hex) {
    int hash = 1;
    for (int i = 0; i < hex.length() / 2; i++) {
      hash = 31 * hash + byteAt(hex, i);
    }
    return spread(hash);
  }

  private static byte byteAt(CharSequence hex, int index) {
    return (byte) ((Character.digit(hex.charAt(2 * index), 16) << 4) | Character.digit(hex.charAt(2 * index + 1), 16));
  }

  /** Murmur3's finalizer: tokens from world files can be sequential, and the table probes linearly. */
  private static int spread(int hash) {
    hash ^= hash >>> 16;
    hash *= 0x85ebca6b;
    hash ^= hash >>> 13;
    hash *= 0xc2b2ae35;
    return hash ^ (hash >>> 16);
  }

  /** Equal when value, app, channel, environment and validity are; the holder does not count. */
  @Override
  public boolean equals(Object other) {
    return other instanceof DeviceToken token
        && Arrays.equals(bytes, token.bytes)
        && bundleId.equals(token.bundleId)
        && channel == token.channel
        && environment == token.environment
        && Objects.equals(invalidatedAt, token.invalidatedAt)
        && Objects.equals(expiresAt, token.expiresAt);
  }

  @Override
  public int hashCode() {
    return valueHash();
  }

  @Override
  public String toString() {
    return hex() + " (" + bundleId + ", " + channel + ", " + environment
        + (invalidatedAt == null ? "" : ", unregistered at " + invalidatedAt) + ")";
  }
}
