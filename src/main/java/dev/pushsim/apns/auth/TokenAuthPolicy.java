package dev.pushsim.apns.auth;

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
 */
public record TokenAuthPolicy(
    Duration maxTokenAge,
    Duration minRefreshInterval,
    Duration maxClockSkew,
    boolean acceptDerSignatures,
    int verifiedCacheSize) {

  public TokenAuthPolicy {
    requireNotNegative(maxTokenAge, "maxTokenAge");
    requireNotNegative(minRefreshInterval, "minRefreshInterval");
    requireNotNegative(maxClockSkew, "maxClockSkew");
    if (verifiedCacheSize < 0) {
      throw new IllegalArgumentException(
          "verifiedCacheSize " + verifiedCacheSize + " is negative; use 0 to disable the cache.");
    }
  }

  /** Apple's rules: 1 h token life, 20 min between updates; 60 s skew, DER accepted, 10,000 cached. */
  public static TokenAuthPolicy defaults() {
    return new TokenAuthPolicy(
        Duration.ofHours(1), Duration.ofMinutes(20), Duration.ofSeconds(60), true, 10_000);
  }

  public TokenAuthPolicy withMaxTokenAge(Duration value) {
    return new TokenAuthPolicy(
        value, minRefreshInterval, maxClockSkew, acceptDerSignatures, verifiedCacheSize);
  }

  public TokenAuthPolicy withMinRefreshInterval(Duration value) {
    return new TokenAuthPolicy(
        maxTokenAge, value, maxClockSkew, acceptDerSignatures, verifiedCacheSize);
  }

  public TokenAuthPolicy withMaxClockSkew(Duration value) {
    return new TokenAuthPolicy(
        maxTokenAge, minRefreshInterval, value, acceptDerSignatures, verifiedCacheSize);
  }

  public TokenAuthPolicy withAcceptDerSignatures(boolean value) {
    return new TokenAuthPolicy(
        maxTokenAge, minRefreshInterval, maxClockSkew, value, verifiedCacheSize);
  }

  public TokenAuthPolicy withVerifiedCacheSize(int value) {
    return new TokenAuthPolicy(
        maxTokenAge, minRefreshInterval, maxClockSkew, acceptDerSignatures, value);
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " " + value + " is negative.");
    }
  }
}
