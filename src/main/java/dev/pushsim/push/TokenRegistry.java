package dev.pushsim.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every device token APNs has issued: token → app, channel, environment, validity. The device
 * model mints tokens here when an app registers; the APNs server looks them up for each push.
 * Thread-safe; lookups do not lock.
 */
public final class TokenRegistry {

  /** Apple's device tokens are 32 bytes today; providers must not assume so, and nor do we. */
  public static final int TOKEN_BYTES = 32;

  /** Longest token PushSim accepts in a path, in hex digits (Apple allows tokens to grow to 100 bytes). */
  public static final int MAX_TOKEN_HEX_LENGTH = 200;

  /**
   * The value of each ASCII hex digit, -1 (and so a negative result, even shifted) for anything
   * else: a table, because tokens are random and branching on digit or letter mispredicts.
   */
  private static final int[] HEX_VALUES = new int[128];

  static {
    Arrays.fill(HEX_VALUES, -1);
    for (int i = 0; i < 16; i++) {
      HEX_VALUES["0123456789abcdef".charAt(i)] = i;
      HEX_VALUES["0123456789ABCDEF".charAt(i)] = i;
    }
  }

  private final InstantSource clock;
  private final TokenTable tokens = new TokenTable();
  private final SecureRandom random = new SecureRandom();
  /** Derives an installation's tokens, so that a restarted world hands out the same ones; null: random tokens. */
  private final byte[] secret;
  /** Token values fixed ahead of an installation (a world file's pins), by installation and channel. */
  private final Map<String, byte[]> pins = new ConcurrentHashMap<>();

  /** A registry that issues random tokens: every world starts with new ones. */
  public TokenRegistry(InstantSource clock) {
    this(clock, null);
  }

  /**
   * A registry whose tokens are derived from {@code secret} and the installation they are issued
   * to: a phone keeps its tokens across restarts of the simulator, as a real phone keeps them
   * across launches of the app, and gets new ones when the app is installed again.
   */
  public TokenRegistry(InstantSource clock, byte[] secret) {
    this.clock = clock;
    this.secret = secret == null ? null : secret.clone();
    if (secret != null && secret.length < 16) {
      throw new IllegalArgumentException("A token secret needs at least 16 bytes, not " + secret.length);
    }
  }

  /**
   * Fixes the value of the token that {@code installation} will be issued on {@code channel}, as a
   * world file pins one.
   *
   * @throws IllegalArgumentException when the value is not hex
   */
  public void pin(String installation, Channel channel, String hex) {
    byte[] value = parse(hex);
    if (value == null) {
      throw new IllegalArgumentException(
          "A device token is an even number of hex digits (at most " + MAX_TOKEN_HEX_LENGTH + "), not '" + hex + "'");
    }
    pins.put(installation + '|' + channel, value);
  }

  /** Issues a new random token for {@code bundleId} on {@code channel} in {@code environment}, held by no device. */
  public DeviceToken issue(String bundleId, Channel channel, Environment environment) {
    return issue(bundleId, channel, environment, null);
  }

  /** Issues a new random token that {@code holder} (an app on a simulated device) receives pushes through. */
  public DeviceToken issue(String bundleId, Channel channel, Environment environment, TokenHolder holder) {
    return issue(bundleId, channel, environment, holder, null);
  }

  /**
   * Issues the token of one installation of an app ({@code installation} names the device, the app
   * and how many times it was installed there): its pinned value, else one derived from this
   * registry's secret, else a random one.
   *
   * @throws IllegalStateException when a pinned value is already another token's
   */
  public DeviceToken issue(String bundleId, Channel channel, Environment environment, TokenHolder holder, String installation) {
    byte[] pinned = installation == null ? null : pins.remove(installation + '|' + channel);
    if (pinned != null) {
      DeviceToken token = new DeviceToken(pinned, bundleId, channel, environment, holder);
      DeviceToken existing = tokens.putIfAbsent(token);
      if (existing != null) {
        throw new IllegalStateException("The pinned token " + token.hex() + " of " + installation + " is already " + existing);
      }
      return token;
    }
    for (int attempt = 0; ; attempt++) {
      byte[] bytes = secret != null && installation != null
          ? derived(installation + '|' + channel + '|' + environment + '|' + attempt)
          : randomBytes();
      DeviceToken token = new DeviceToken(bytes, bundleId, channel, environment, holder);
      if (tokens.putIfAbsent(token) == null) {
        return token;
      }
    }
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return bytes;
  }

  /** HMAC-SHA256 of the installation under the secret: 32 bytes, like Apple's tokens today. */
  private byte[] derived(String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /**
   * Enters a token with a given value, as a world file or a test may fix one.
   *
   * @throws IllegalArgumentException when the value is not hex or is already taken
   */
  public DeviceToken register(String hex, String bundleId, Channel channel, Environment environment) {
    byte[] value = parse(hex);
    if (value == null) {
      throw new IllegalArgumentException(
          "A device token is an even number of hex digits (at most " + MAX_TOKEN_HEX_LENGTH + "), not '" + hex + "'");
    }
    if (bundleId == null || bundleId.isBlank()) {
      throw new IllegalArgumentException("A device token belongs to an app: give its bundle id.");
    }
    DeviceToken token = new DeviceToken(value, bundleId, channel, environment, null);
    DeviceToken existing = tokens.putIfAbsent(token);
    if (existing != null) {
      throw new IllegalArgumentException("Device token " + token.hex() + " is already registered: " + existing);
    }
    return token;
  }

  /**
   * Marks a token as no longer valid (its app was uninstalled): pushes to it then answer
   * 410 Unregistered with this instant as the timestamp.
   */
  public DeviceToken unregister(String hex) {
    Instant now = clock.instant();
    return update(hex, token -> token.isUnregistered() ? token : token.invalidated(now));
  }

  /** Gives a token a lifetime: from {@code at} on, pushes to it answer 410 ExpiredToken. */
  public DeviceToken expireAt(String hex, Instant at) {
    return update(hex, token -> token.expiringAt(at));
  }

  /** The token with this value (any case), if APNs ever issued it. */
  public Optional<DeviceToken> find(String hex) {
    return Optional.ofNullable(hex == null ? null : lookup(hex));
  }

  /** Lookup for the request path: null when the text is not a token's hex or no token has that value. */
  public DeviceToken lookup(String hex) {
    byte[] value = parse(hex);
    return value == null ? null : tokens.get(value);
  }

  /** The tokens issued to {@code bundleId}. */
  public List<DeviceToken> tokensOf(String bundleId) {
    return tokens.values().stream().filter(token -> token.bundleId().equals(bundleId)).collect(Collectors.toList());
  }

  public Collection<DeviceToken> all() {
    return Collections.unmodifiableList(tokens.values()); // already a fresh copy
  }

  public int size() {
    return tokens.size();
  }

  /** Forgets every token. */
  public void clear() {
    tokens.clear();
  }

  /** The bytes a token's hex text (either case) stands for, in one pass; null when it is not one. */
  static byte[] parse(String hex) {
    int length = hex.length();
    if (length == 0 || length % 2 != 0 || length > MAX_TOKEN_HEX_LENGTH) {
      return null;
    }
    byte[] value = new byte[length / 2];
    for (int i = 0; i < value.length; i++) {
      char high = hex.charAt(2 * i);
      char low = hex.charAt(2 * i + 1);
      int digits = high < 128 && low < 128 ? HEX_VALUES[high] << 4 | HEX_VALUES[low] : -1;
      if (digits < 0) {
        return null;
      }
      value[i] = (byte) digits;
    }
    return value;
  }

  private DeviceToken update(String hex, UnaryOperator<DeviceToken> change) {
    byte[] value = parse(hex);
    DeviceToken updated = value == null ? null : tokens.update(value, change);
    if (updated == null) {
      throw new IllegalArgumentException("No device token " + hex + " was ever issued.");
    }
    return updated;
  }

  @Override
  public String toString() {
    return "TokenRegistry{tokens=" + size() + "}";
  }
}
