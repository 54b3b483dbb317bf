package dev.pushsim.apns.auth;

import dev.pushsim.clock.SimClock;
import dev.pushsim.push.Environment;
import dev.pushsim.push.Reason;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks the {@code authorization: bearer <JWT>} header of APNs requests the way Apple does, and
 * answers with Apple's reasons. Thread-safe; one instance serves every connection.
 *
 * <p>Checks run in this order and the first failure decides:
 *
 * <ol>
 *   <li>no header, or no token after {@code bearer}: {@code MissingProviderToken};
 *   <li>not {@code bearer <token>}, a token over 8 KiB, not a JWT, bad JSON, or an {@code alg}
 *       other than ES256: {@code InvalidProviderToken};
 *   <li>a {@code kid} the server does not know: {@code InvalidProviderToken};
 *   <li>an {@code iss} other than the team owning the key: {@code InvalidProviderToken};
 *   <li>a signature that does not verify (raw r‖s, or DER unless the policy is strict):
 *       {@code InvalidProviderToken};
 *   <li>an {@code iat} more than {@link TokenAuthPolicy#maxClockSkew()} in the future:
 *       {@code InvalidProviderToken}. Apple documents no such rule; it is PushSim's model choice,
 *       so that a provider with a fast clock learns of it here rather than in production;
 *   <li>an {@code iat} older than {@link TokenAuthPolicy#maxTokenAge()}: {@code
 *       ExpiredProviderToken};
 *   <li>a key limited to the other environment: {@code BadEnvironmentKeyInToken} as APNs sends it
 *       (or the {@code BadEnvironmentKeyIdInToken} of Apple's table: {@link TokenAuthPolicy});
 *   <li>a key id other than that of the connection's first token: {@code UnrelatedKeyIdInToken};
 *   <li>a new token less than {@link TokenAuthPolicy#minRefreshInterval()} after the
 *       connection's previous change of token: 429 {@code TooManyProviderTokenUpdates}. The
 *       first token of a connection is not an update.
 * </ol>
 *
 * <p>A refused token leaves the session as it was. ECDSA verification is slow, so verified
 * tokens are kept in a bounded LRU cache shared by all connections, and a connection that repeats
 * its previous token skips even that cache (and its lock): only the time checks run again.
 */
public final class TokenAuthenticator {

  private static final String BEARER = "bearer";

  private final ProviderDirectory directory;
  private final SimClock clock;
  private final TokenAuthPolicy policy;
  private final VerifiedTokenCache cache;
  private final LongAdder verifications = new LongAdder();

  public TokenAuthenticator(ProviderDirectory directory, SimClock clock, TokenAuthPolicy policy) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.cache = new VerifiedTokenCache(policy.verifiedCacheSize());
  }

  /** An authenticator with {@link TokenAuthPolicy#defaults()}. */
  public TokenAuthenticator(ProviderDirectory directory, SimClock clock) {
    this(directory, clock, TokenAuthPolicy.defaults());
  }

  /** Fresh token state for a new HTTP/2 connection. */
  public TokenSession newSession() {
    return new TokenSession();
  }

  public TokenAuthPolicy policy() {
    return policy;
  }

  public ProviderDirectory directory() {
    return directory;
  }

  /** How many ECDSA verifications ran: cache and fast-path hits do not count. */
  public long signatureVerifications() {
    return verifications.sum();
  }

  /** How many verified tokens the shared cache holds. */
  public int cachedTokens() {
    return cache.size();
  }

  /**
   * Decides whether a request on the connection of {@code session}, to the server of {@code
   * environment}, may proceed. Never throws on bad input: every problem is a decision.
   *
   * @param authorizationHeaderValue the {@code authorization} header, or null when absent
   */
  public AuthDecision authenticate(
      String authorizationHeaderValue, Environment environment, TokenSession session) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(session, "session");
    TokenSession.State state = session.state();
    if (state != null && authorizationHeaderValue != null
        && authorizationHeaderValue.equals(session.acceptedHeader())) {
      // Hot path: providers repeat one header for up to an hour; skip stripping and slicing it.
      return remember(session, authorizationHeaderValue, decideSafely(state.token(), environment, session));
    }
    String header = authorizationHeaderValue == null ? "" : authorizationHeaderValue.strip();
    if (header.isEmpty()) {
      return reject(Reason.MISSING_PROVIDER_TOKEN, null, "request has no authorization header");
    }
    if (header.length() > ProviderTokenParser.MAX_TOKEN_CHARS + BEARER.length() + 1) {
      return reject(
          Reason.INVALID_PROVIDER_TOKEN,
          null,
          "authorization header is " + header.length() + " characters; tokens over "
              + ProviderTokenParser.MAX_TOKEN_CHARS + " are refused unread");
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || (header.length() > BEARER.length()
            && !Character.isWhitespace(header.charAt(BEARER.length())))) {
      return reject(
          Reason.INVALID_PROVIDER_TOKEN, null, "authorization header is not 'bearer <token>'");
    }
    String token = header.substring(BEARER.length()).strip();
    if (token.isEmpty()) {
      return reject(Reason.MISSING_PROVIDER_TOKEN, null, "authorization header has no token");
    }
    return remember(session, authorizationHeaderValue, decideSafely(token, environment, session));
  }

  private static AuthDecision remember(TokenSession session, String header, AuthDecision decision) {
    if (decision.accepted()) {
      session.acceptedHeader(header);
    }
    return decision;
  }

  private AuthDecision decideSafely(String token, Environment environment, TokenSession session) {
    try {
      return decide(token, environment, session);
    } catch (RuntimeException e) {
      // A bug must not become a 500 loop for a provider: refuse the token and say why.
      return reject(
          Reason.INVALID_PROVIDER_TOKEN,
          null,
          "token could not be checked: " + e.getClass().getSimpleName());
    }
  }

  private AuthDecision decide(String token, Environment environment, TokenSession session) {
    TokenSession.State state = session.state();
    boolean sameAsLast = state != null && token.equals(state.token());
    VerifiedToken verified = sameAsLast ? state.verified() : cache.get(token);
    SigningKey key = verified == null ? null : currentKey(verified);
    if (key == null) {
      // Not seen, or the key changed since: parse and verify from scratch.
      Verification verification = verify(token);
      if (verification.rejection() != null) {
        return verification.rejection();
      }
      verified = verification.verified();
      key = verification.key();
      cache.put(token, verified);
    }
    long now = clock.millis();
    AuthDecision timing = checkTime(verified, key, now);
    if (timing != null) {
      return timing;
    }
    if (!key.usableIn(environment)) {
      return reject(
          policy.badEnvironmentKeyReason(),
          key,
          "key " + key.keyId() + " is limited to " + names(key) + " and cannot be used on "
              + name(environment));
    }
    if (sameAsLast) {
      return state.repeated();
    }
    if (state != null) {
      if (!state.teamId().equals(key.teamId())) {
        // Apple binds a connection to the team of its first token; its table has no reason of its
        // own for another team, and a key of another team is unrelated by definition.
        return reject(
            Reason.UNRELATED_KEY_ID_IN_TOKEN,
            key,
            "token of team " + key.teamId() + " (key " + key.keyId() + ") on a connection bound to team "
                + state.teamId() + " by its first token (key " + state.boundKeyId()
                + "); one connection carries one team's tokens: open another");
      }
      if (!state.boundKeyId().equals(key.keyId())) {
        return reject(
            Reason.UNRELATED_KEY_ID_IN_TOKEN,
            key,
            "key id " + key.keyId() + " differs from key id " + state.boundKeyId()
                + " of the first token on this connection");
      }
      long sinceChange = now - state.changedAtMillis();
      if (sinceChange < policy.minRefreshInterval().toMillis()) {
        return reject(
            Reason.TOO_MANY_PROVIDER_TOKEN_UPDATES,
            key,
            "token changed " + Detail.elapsed(sinceChange)
                + " after the previous change; a connection may change its token once every "
                + Detail.duration(policy.minRefreshInterval()));
      }
      session.state(
          new TokenSession.State(
              token, verified, state.boundKeyId(), state.teamId(), now, repeated(key, verified)));
      return accept(key, verified, "token updated on this connection");
    }
    session.state(
        new TokenSession.State(
            token, verified, key.keyId(), key.teamId(), now, repeated(key, verified)));
    return accept(key, verified, "first token on this connection");
  }

  /** The directory's key for a verified token, or null when it is gone or was replaced. */
  private SigningKey currentKey(VerifiedToken verified) {
    SigningKey key = directory.findKey(verified.keyId()).orElse(null);
    // Same public key object: a limitedTo copy keeps it, a new key with the same id does not.
    return key != null && key.publicKey() == verified.verifiedWith() ? key : null;
  }

  /** Either the verified claims of a token and its key, or the decision refusing it. */
  private record Verification(VerifiedToken verified, SigningKey key, AuthDecision rejection) {
    static Verification refused(Reason reason, SigningKey key, String detail) {
      return new Verification(null, null, reject(reason, key, detail));
    }
  }

  private Verification verify(String token) {
    ParsedToken parsed;
    try {
      parsed = ProviderTokenParser.parse(token, policy.acceptDerSignatures());
    } catch (MalformedTokenException e) {
      return Verification.refused(Reason.INVALID_PROVIDER_TOKEN, null, e.getMessage());
    }
    SigningKey key = directory.findKey(parsed.keyId()).orElse(null);
    if (key == null) {
      return Verification.refused(
          Reason.INVALID_PROVIDER_TOKEN,
          null,
          "JWT kid " + Detail.quote(parsed.keyId()) + " is not a key known to this server");
    }
    if (!key.teamId().equals(parsed.teamId())) {
      return Verification.refused(
          Reason.INVALID_PROVIDER_TOKEN,
          key,
          "JWT iss " + Detail.quote(parsed.teamId()) + " is not team " + key.teamId()
              + ", which owns key " + key.keyId());
    }
    if (!signatureVerifies(parsed, key)) {
      return Verification.refused(
          Reason.INVALID_PROVIDER_TOKEN,
          key,
          "JWT " + (parsed.der() ? "DER " : "") + "signature does not verify with key "
              + key.keyId() + " of team " + key.teamId());
    }
    return new Verification(
        new VerifiedToken(key.keyId(), key.teamId(), parsed.issuedAtSeconds(), key.publicKey()),
        key,
        null);
  }

  private boolean signatureVerifies(ParsedToken parsed, SigningKey key) {
    verifications.increment();
    try {
      // Signature objects are not thread-safe and cheap next to the verification itself.
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(key.publicKey());
      verifier.update(parsed.signingInput());
      return verifier.verify(parsed.rawSignature());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private AuthDecision checkTime(VerifiedToken verified, SigningKey key, long nowMillis) {
    long issuedMillis = verified.issuedAtSeconds() * 1000;
    long aheadMillis = issuedMillis - nowMillis;
    if (aheadMillis > policy.maxClockSkew().toMillis()) {
      return reject(
          Reason.INVALID_PROVIDER_TOKEN,
          key,
          "iat " + Instant.ofEpochSecond(verified.issuedAtSeconds()) + " is "
              + Detail.plural(ceilSeconds(aheadMillis), "second")
              + " in the future; PushSim allows " + Detail.duration(policy.maxClockSkew())
              + " of clock skew");
    }
    long ageMillis = nowMillis - issuedMillis;
    if (ageMillis > policy.maxTokenAge().toMillis()) {
      return reject(
          Reason.EXPIRED_PROVIDER_TOKEN,
          key,
          "iat " + Instant.ofEpochSecond(verified.issuedAtSeconds()) + " is "
              + Detail.elapsed(ageMillis)
              + " old; tokens live " + Detail.duration(policy.maxTokenAge()));
    }
    return null;
  }

  private AuthDecision repeated(SigningKey key, VerifiedToken verified) {
    return accept(key, verified, "token unchanged on this connection");
  }

  private AuthDecision accept(SigningKey key, VerifiedToken verified, String why) {
    return AuthDecision.success(
        key.teamId(),
        key.keyId(),
        "token of key " + key.keyId() + " of team " + key.teamId() + " issued at "
            + Instant.ofEpochSecond(verified.issuedAtSeconds()) + " accepted: " + why,
        verified.issuedAtSeconds());
  }

  private static AuthDecision reject(Reason reason, SigningKey key, String detail) {
    return AuthDecision.reject(
        reason, key == null ? null : key.teamId(), key == null ? null : key.keyId(), detail);
  }

  private static long ceilSeconds(long millis) {
    return (millis + 999) / 1000;
  }

  private static String names(SigningKey key) {
    StringBuilder out = new StringBuilder();
    for (Environment environment : key.environments()) {
      out.append(out.length() == 0 ? "" : " and ").append(name(environment));
    }
    return out.toString();
  }

  private static String name(Environment environment) {
    return environment.name().toLowerCase(Locale.ROOT);
  }
}
