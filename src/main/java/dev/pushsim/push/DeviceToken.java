package dev.pushsim.push;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A device token as APNs knows it: which app it belongs to, through which registration
 * (UserNotifications or PushKit), in which environment, whether it is still valid, and who holds
 * it on the device side. Immutable; a change of validity is a new instance.
 *
 * <p>The token's value is kept as its bytes, not as hex text: a world of a million tokens holds
 * 48 bytes per value instead of 120 (see the README's scale run). {@link #hex()} formats it.
 *
 * <p>One thing changes in place: the count of pushes in the current rate window
 * ({@link TokenRateLimiter}). Counting on the token itself costs 8 bytes per token and no lookup,
 * where a map of windows cost a hash and 64 bytes per token pushed to in the last window.
 */
public final class DeviceToken {

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** The token's value; read by {@link TokenTable}'s probe, never written after construction. */
  final byte[] bytes;
  private final String bundleId;
  private final Channel channel;
  private final Environment environment;
  private final Instant invalidatedAt;
  private final Instant expiresAt;
  private final TokenHolder holder;
  /** {@link TokenRateLimiter}'s state: the window's start and the pushes counted in it, packed. */
  private volatile long rateWindow;

  private static final VarHandle RATE_WINDOW;

  static {
    try {
      RATE_WINDOW = MethodHandles.lookup().findVarHandle(DeviceToken.class, "rateWindow", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

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
    byte[] text = new byte[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      text[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xF];
      text[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xF];
    }
    return new String(text, StandardCharsets.ISO_8859_1);
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

  long rateWindow() {
    return rateWindow;
  }

  boolean compareAndSetRateWindow(long expected, long next) {
    return RATE_WINDOW.compareAndSet(this, expected, next);
  }

  /** True when {@code value} is this token's value. */
  boolean hasValue(byte[] value) {
    return Arrays.equals(bytes, value);
  }

  /** The hash of the token's value, as {@link #hashOf} gives it for the bytes alone. */
  int valueHash() {
    return hashOf(bytes);
  }

  /**
   * {@link Arrays#hashCode(byte[])} spread by Murmur3's finalizer: tokens from world files can be
   * sequential, and the table probes linearly.
   */
  static int hashOf(byte[] value) {
    int hash = Arrays.hashCode(value);
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
