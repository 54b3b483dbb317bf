package dev.pushsim.apns.auth;

import dev.pushsim.push.Reason;
import java.time.Duration;
import java.util.Objects;

/**
 * The rules {@link TokenAuthenticator} applies to provider tokens; {@link #defaults()} are
 * Apple's.
 *
 * @param maxTokenAge a token whose {@code iat} is older is {@code ExpiredProviderToken} (Apple:
 *     1 hour)
 * @param minRefreshInterval a connection that changes its token sooner after its previous change
 *     gets {@code TooManyProviderTokenUpdates} (Apple: 20 minutes)
 * @param maxClockSkew how far in the future an {@code iat} may be before the token is
 *     {@code InvalidProviderToken}; Apple documents no such limit, this is PushSim's choice
 *     (default 60 seconds) so that a provider with a fast clock is caught
 * @param acceptDerSignatures true to accept ASN.1 DER signatures (as Pushy sends) besides JOSE's
 *     raw r‖s; false for a strict server that follows RFC 7518 to the letter
 * @param verifiedCacheSize how many verified tokens are remembered across connections, so the
 *     hot path need not verify ECDSA again; 0 disables the cache
 * @param badEnvironmentKeyReason the reason for a key limited to the other environment: by
 *     default {@code BadEnvironmentKeyInToken}, what APNs sends on the wire (APNSwift pull request
 *     229), so that a provider meets here what it meets in production; {@code
 *     BadEnvironmentKeyIdInToken}, the spelling of Apple's table, for a provider written against
 *     the documentation
 */
public record TokenAuthPolicy(
    Duration maxTokenAge,
    Duration minRefreshInterval,
    Duration maxClockSkew,
    boolean acceptDerSignatures,
    int verifiedCacheSize,
    Reason badEnvironmentKeyReason) {

  public TokenAuthPolicy {
    requireNotNegative(maxTokenAge, "maxTokenAge");
    requireNotNegative(minRefreshInterval, "minRefreshInterval");
    requireNotNegative(maxClockSkew, "maxClockSkew");
    if (verifiedCacheSize < 0) {
      throw new IllegalArgumentException(
          "verifiedCacheSize " + verifiedCacheSize + " is negative; use 0 to disable the cache.");
    }
    if (badEnvironmentKeyReason != Reason.BAD_ENVIRONMENT_KEY_IN_TOKEN
        && badEnvironmentKeyReason != Reason.BAD_ENVIRONMENT_KEY_ID_IN_TOKEN) {
      throw new IllegalArgumentException("badEnvironmentKeyReason must be BadEnvironmentKeyInToken or"
          + " BadEnvironmentKeyIdInToken, not " + badEnvironmentKeyReason);
    }
  }

  /**
   * Apple's rules: 1 h token life, 20 min between updates; 60 s skew, DER accepted, 10,000 cached;
   * BadEnvironmentKeyInToken as APNs spells it on the wire.
   */
  public static TokenAuthPolicy defaults() {
    return new TokenAuthPolicy(Duration.ofHours(1), Duration.ofMinutes(20), Duration.ofSeconds(60), true, 10_000,
        Reason.BAD_ENVIRONMENT_KEY_IN_TOKEN);
  }

  public TokenAuthPolicy withBadEnvironmentKeyReason(Reason value) {
    return new TokenAuthPolicy(
        maxTokenAge, minRefreshInterval, maxClockSkew, acceptDerSignatures, verifiedCacheSize, value);
  }

  public TokenAuthPolicy withMaxTokenAge(Duration value) {
    return new TokenAuthPolicy(
        value, minRefreshInterval, maxClockSkew, acceptDerSignatures, verifiedCacheSize,
        badEnvironmentKeyReason);
  }

  public TokenAuthPolicy withMinRefreshInterval(Duration value) {
    return new TokenAuthPolicy(
        maxTokenAge, value, maxClockSkew, acceptDerSignatures, verifiedCacheSize, badEnvironmentKeyReason);
  }

  public TokenAuthPolicy withMaxClockSkew(Duration value) {
    return new TokenAuthPolicy(
        maxTokenAge, minRefreshInterval, value, acceptDerSignatures, verifiedCacheSize, badEnvironmentKeyReason);
  }

  public TokenAuthPolicy withAcceptDerSignatures(boolean value) {
    return new TokenAuthPolicy(
        maxTokenAge, minRefreshInterval, maxClockSkew, value, verifiedCacheSize, badEnvironmentKeyReason);
  }

  public TokenAuthPolicy withVerifiedCacheSize(int value) {
    return new TokenAuthPolicy(
        maxTokenAge, minRefreshInterval, maxClockSkew, acceptDerSignatures, value, badEnvironmentKeyReason);
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " " + value + " is negative.");
    }
  }
}
