package dev.pushsim.apns.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.auth.ProviderTokens.SignatureEncoding;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.VirtualClock;
import dev.pushsim.push.Environment;
import dev.pushsim.push.Reason;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenAuthenticatorTest {

  static final String TEAM = "TEAM123456";
  static final String OTHER_TEAM = "OTHER12345";
  static final String KEY_ID = "ABC123DEFG";
  static final String KEY_ID_2 = "XYZ987WVUT";
  static final String OTHER_KEY_ID = "OTH111KEY1";

  // Key generation is fast, but sharing keys keeps the suite quick; each test gets a new directory.
  static final SigningKey KEY = SigningKey.generate(TEAM, KEY_ID);
  static final SigningKey KEY_2 = SigningKey.generate(TEAM, KEY_ID_2);
  static final SigningKey OTHER_TEAM_KEY = SigningKey.generate(OTHER_TEAM, OTHER_KEY_ID);

  // A fixed start, so that details can be compared whole.
  final VirtualClock clock = SimClock.virtual(Instant.parse("2026-01-01T09:00:00Z"));
  final ProviderDirectory directory = new ProviderDirectory();
  TokenAuthenticator auth;

  @BeforeEach
  void setUp() {
    directory.addKey(KEY);
    directory.addKey(KEY_2);
    directory.addKey(OTHER_TEAM_KEY);
    auth = new TokenAuthenticator(directory, clock, TokenAuthPolicy.defaults());
  }

  String token() {
    return ProviderTokens.sign(KEY, clock.now());
  }

  AuthDecision check(String token) {
    return check(auth, token);
  }

  AuthDecision check(TokenAuthenticator authenticator, String token) {
    return authenticator.authenticate(
        ProviderTokens.authorizationHeader(token), Environment.SANDBOX, authenticator.newSession());
  }

  AuthDecision check(String token, TokenSession session) {
    return auth.authenticate(ProviderTokens.authorizationHeader(token), Environment.SANDBOX, session);
  }

  static String handMade(Map<String, Object> header, Map<String, Object> claims, byte[] signature) {
    return ProviderTokens.segment(header)
        + "."
        + ProviderTokens.segment(claims)
        + "."
        + ProviderTokens.base64Url(signature);
  }

  static Map<String, Object> header(String alg, String kid) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", alg);
    header.put("kid", kid);
    return header;
  }

  Map<String, Object> claims(String iss) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", iss);
    claims.put("iat", clock.now().getEpochSecond());
    return claims;
  }

  static byte[] ecdsa(PrivateKey key, String algorithm, String signingInput) throws Exception {
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signer.sign();
  }

  static String signingInput(Map<String, Object> header, Map<String, Object> claims) {
    return ProviderTokens.segment(header) + "." + ProviderTokens.segment(claims);
  }

  static void assertInvalid(AuthDecision decision, String detailFragment) {
    assertThat(decision.accepted()).isFalse();
    assertThat(decision.reason()).isEqualTo(Reason.INVALID_PROVIDER_TOKEN);
    assertThat(decision.detail()).contains(detailFragment);
  }

  @Nested
  class ValidTokens {

    @Test
    void rawSignatureIsAccepted() {
      String token = token();
      assertThat(Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)))
          .hasSize(64);

      AuthDecision decision = check(token);

      assertThat(decision.accepted()).isTrue();
      assertThat(decision.reason()).isEqualTo(Reason.SUCCESS);
      assertThat(decision.teamId()).isEqualTo(TEAM);
      assertThat(decision.keyId()).isEqualTo(KEY_ID);
      assertThat(decision.detail()).contains(KEY_ID).doesNotContain(token);
    }

    @Test
    void derSignatureIsAcceptedByDefault() {
      String token = ProviderTokens.sign(KEY, clock.now(), SignatureEncoding.DER);
      assertThat(Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1))[0])
          .isEqualTo((byte) 0x30);

      assertThat(check(token).accepted()).isTrue();
    }

    @Test
    void strictPolicyRefusesDerButAcceptsRaw() {
      TokenAuthenticator strict =
          new TokenAuthenticator(
              directory, clock, TokenAuthPolicy.defaults().withAcceptDerSignatures(false));

      assertInvalid(
          check(strict, ProviderTokens.sign(KEY, clock.now(), SignatureEncoding.DER)),
          "refuses DER");
      assertThat(check(strict, ProviderTokens.sign(KEY, clock.now())).accepted()).isTrue();
    }

    @Test
    void schemeIsCaseInsensitiveAndTypHeaderIsTolerated() throws Exception {
      Map<String, Object> header = header("ES256", KEY_ID);
      header.put("typ", "JWT");
      Map<String, Object> claims = claims(TEAM);
      String input = signingInput(header, claims);
      String token =
          input
              + "."
              + ProviderTokens.base64Url(
                  ecdsa(KEY.privateKey().orElseThrow(), "SHA256withECDSAinP1363Format", input));

      AuthDecision decision =
          auth.authenticate("Bearer " + token, Environment.PRODUCTION, auth.newSession());

      assertThat(decision.accepted()).isTrue();
    }

    @Test
    void tokenExactlyOneHourOldIsStillAccepted() {
      String token = token();
      clock.advance(Duration.ofMinutes(60));

      assertThat(check(token).accepted()).isTrue();
    }

    @Test
    void iatUpToSixtySecondsAheadIsAccepted() {
      assertThat(check(ProviderTokens.sign(KEY, clock.now().plusSeconds(60))).accepted()).isTrue();
    }
  }

  @Nested
  class MissingOrGarbageHeader {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "bearer", "Bearer   "})
    void noTokenIsMissingProviderToken(String headerValue) {
      AuthDecision decision = auth.authenticate(headerValue, Environment.SANDBOX, auth.newSession());

      assertThat(decision.reason()).isEqualTo(Reason.MISSING_PROVIDER_TOKEN);
      assertThat(decision.accepted()).isFalse();
      assertThat(decision.teamId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Basic dXNlcjpwYXNzd29yZA==",
          "bearerX.Y.Z",
          "bearer not-a-jwt",
          "bearer a.b",
          "bearer a.b.c.d",
          "token eyJhbGciOiJFUzI1NiJ9.e30.AAAA"
        })
    void garbageIsInvalidProviderToken(String headerValue) {
      AuthDecision decision = auth.authenticate(headerValue, Environment.SANDBOX, auth.newSession());

      assertThat(decision.reason()).isEqualTo(Reason.INVALID_PROVIDER_TOKEN);
    }
  }

  @Nested
  class InvalidTokens {

    @Test
    void algNoneIsRefused() {
      String token =
          ProviderTokens.segment(header("none", KEY_ID))
              + "."
              + ProviderTokens.segment(claims(TEAM))
              + ".";

      assertInvalid(check(token), "alg 'none'");
      assertThat(auth.signatureVerifications()).isZero();
    }

    @Test
    void algHs256IsRefused() throws Exception {
      // The classic confusion attack: an HMAC keyed with the server's public key.
      Map<String, Object> header = header("HS256", KEY_ID);
      String input = signingInput(header, claims(TEAM));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY.publicKey().getEncoded(), "HmacSHA256"));
      String token =
          input
              + "."
              + ProviderTokens.base64Url(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));

      assertInvalid(check(token), "alg 'HS256'");
    }

    @Test
    void tamperedPayloadIsRefused() {
      String token = token();
      String[] parts = token.split("\\.");
      Map<String, Object> later = claims(TEAM);
      later.put("iat", clock.now().getEpochSecond() + 1800);
      String tampered = parts[0] + "." + ProviderTokens.segment(later) + "." + parts[2];

      AuthDecision decision = check(tampered);

      assertInvalid(decision, "JWT signature does not verify with key ABC123DEFG of team TEAM123456");
      assertThat(decision.keyId()).isEqualTo(KEY_ID);
    }

    @Test
    void tamperedSignatureIsRefused() {
      String token = token();
      int dot = token.lastIndexOf('.');
      byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
      signature[20] ^= 0x01;
      String tampered = token.substring(0, dot + 1) + ProviderTokens.base64Url(signature);

      assertInvalid(check(tampered), "does not verify");
    }

    @Test
    void tamperedDerSignatureIsRefused() {
      String token = ProviderTokens.sign(KEY, clock.now(), SignatureEncoding.DER);
      int dot = token.lastIndexOf('.');
      byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
      signature[signature.length - 1] ^= 0x01;
      String tampered = token.substring(0, dot + 1) + ProviderTokens.base64Url(signature);

      assertInvalid(check(tampered), "DER signature does not verify");
    }

    @Test
    void truncatedTokensAreRefused() {
      String token = token();

      assertInvalid(check(token.substring(0, token.length() - 10)), "signature");
      assertInvalid(check(token.substring(0, token.lastIndexOf('.'))), "three dot-separated parts");
      assertInvalid(check(token.substring(0, 30)), "JWT");
    }

    @Test
    void hugeTokenIsRefusedWithoutDecoding() {
      String huge = token() + "A".repeat(9000);

      assertInvalid(check(huge), "refused unread");
      assertInvalid(check("A".repeat(8 * 1024 + 1)), "refused unread");
      assertThat(auth.signatureVerifications()).isZero();
    }

    @Test
    void unknownKeyIdIsRefused() {
      SigningKey stranger = SigningKey.generate(TEAM, "UNKNOWN123");

      AuthDecision decision = check(ProviderTokens.sign(stranger, clock.now()));

      assertInvalid(decision, "kid 'UNKNOWN123' is not a key known");
      assertThat(decision.keyId()).isNull();
    }

    @Test
    void keyIdOfAnotherTeamIsRefused() throws Exception {
      // kid is TEAM's key, iss claims OTHER_TEAM: a valid signature does not make it right.
      Map<String, Object> header = header("ES256", KEY_ID);
      String input = signingInput(header, claims(OTHER_TEAM));
      String token =
          input
              + "."
              + ProviderTokens.base64Url(
                  ecdsa(KEY.privateKey().orElseThrow(), "SHA256withECDSAinP1363Format", input));

      assertInvalid(check(token), "JWT iss 'OTHER12345' is not team TEAM123456");
      assertThat(auth.signatureVerifications()).isZero();
    }

    @Test
    void signatureByAnotherTeamsKeyIsRefused() {
      // Right header and claims for KEY, signed with OTHER_TEAM_KEY's private key.
      SigningKey impostor =
          SigningKey.fromP8(OTHER_TEAM_KEY.toP8Pem(), TEAM, KEY_ID);

      assertInvalid(check(ProviderTokens.sign(impostor, clock.now())), "does not verify");
    }

    @Test
    void keyOnAnotherCurveIsRefused() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp384r1"));
      KeyPair p384 = generator.generateKeyPair();
      Map<String, Object> header = header("ES256", KEY_ID);
      String input = signingInput(header, claims(TEAM));

      String raw = input + "." + ProviderTokens.base64Url(
          ecdsa(p384.getPrivate(), "SHA256withECDSAinP1363Format", input));
      String der = input + "." + ProviderTokens.base64Url(
          ecdsa(p384.getPrivate(), "SHA256withECDSA", input));

      assertInvalid(check(raw), "96 bytes");
      assertInvalid(check(der), "neither a 64-byte r||s value nor a DER ECDSA signature on P-256");
    }

    @Test
    void malformedJsonNeverThrows() {
      String sig = ProviderTokens.base64Url(new byte[64]);
      String goodHeader = ProviderTokens.segment(header("ES256", KEY_ID));
      List<String> tokens = new ArrayList<>();
      for (String json :
          List.of(
              "[]",
              "\"text\"",
              "{",
              "{\"iss\":\"TEAM123456\",\"iat\":\"123\"}",
              "{\"iss\":\"TEAM123456\",\"iat\":1.5}",
              "{\"iss\":\"TEAM123456\",\"iat\":-1}",
              "{\"iss\":\"TEAM123456\",\"iat\":1e300}",
              "{\"iss\":\"TEAM123456\",\"iat\":99999999999999999999999}",
              "{\"iss\":5,\"iat\":1}",
              "{\"iat\":1}",
              "{\"iss\":\"TEAM123456\",\"iss\":\"OTHER12345\",\"iat\":1}",
              "{\"iss\":\"TEAM123456\",\"iat\":1} {}",
              "null")) {
        tokens.add(
            goodHeader + "." + ProviderTokens.base64Url(json.getBytes(StandardCharsets.UTF_8))
                + "." + sig);
        tokens.add(
            ProviderTokens.base64Url(json.getBytes(StandardCharsets.UTF_8))
                + "." + ProviderTokens.segment(claims(TEAM)) + "." + sig);
      }
      tokens.add("..");
      tokens.add("e30.e30.");
      tokens.add("%%%.%%%.%%%");
      tokens.add("ü.ü.ü");
      tokens.add(goodHeader + "." + ProviderTokens.segment(claims(TEAM)) + ".A");
      tokens.add(goodHeader + "." + ProviderTokens.segment(claims(TEAM)) + ".MAYCAQECAQE");

      Random random = new Random(42);
      String alphabet = "abcXYZ019-_.=+/ ";
      for (int i = 0; i < 500; i++) {
        StringBuilder token = new StringBuilder();
        int length = random.nextInt(120);
        for (int j = 0; j < length; j++) {
          token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        tokens.add(token.toString());
      }

      for (String token : tokens) {
        AuthDecision decision =
            auth.authenticate("bearer " + token, Environment.SANDBOX, auth.newSession());
        assertThat(decision.accepted()).as(token).isFalse();
        assertThat(decision.reason())
            .as(token)
            .isIn(Reason.INVALID_PROVIDER_TOKEN, Reason.MISSING_PROVIDER_TOKEN);
      }
    }
  }

  @Nested
  class Time {

    @Test
    void tokenSixtyOneMinutesOldIsExpired() {
      String token = token();
      clock.advance(Duration.ofMinutes(61));

      AuthDecision decision = check(token);

      assertThat(decision.reason()).isEqualTo(Reason.EXPIRED_PROVIDER_TOKEN);
      assertThat(decision.detail())
          .isEqualTo("iat 2026-01-01T09:00:00Z is 61 minutes old; tokens live 60 minutes");
      assertThat(decision.keyId()).isEqualTo(KEY_ID);
    }

    @Test
    void tokenExpiresOnTheFastPathToo() {
      TokenSession session = auth.newSession();
      String token = token();
      assertThat(check(token, session).accepted()).isTrue();

      clock.advance(Duration.ofMinutes(61));

      assertThat(check(token, session).reason()).isEqualTo(Reason.EXPIRED_PROVIDER_TOKEN);
      assertThat(auth.signatureVerifications()).isEqualTo(1);
    }

    @Test
    void iatInTheFutureIsInvalid() {
      AuthDecision decision = check(ProviderTokens.sign(KEY, clock.now().plusSeconds(61)));

      assertInvalid(decision, "is 61 seconds in the future; PushSim allows 60 seconds of clock skew");
    }

    @Test
    void futureCheckComesBeforeExpiry() {
      TokenAuthenticator tight =
          new TokenAuthenticator(
              directory, clock, TokenAuthPolicy.defaults().withMaxTokenAge(Duration.ZERO));

      assertThat(check(tight, ProviderTokens.sign(KEY, clock.now().plusSeconds(120))).reason())
          .isEqualTo(Reason.INVALID_PROVIDER_TOKEN);
    }
  }

  @Nested
  class Environments {

    @Test
    void keyLimitedToProductionIsRefusedOnSandbox() {
      directory.addKey(KEY.limitedTo(Environment.PRODUCTION));
      String token = token();

      AuthDecision sandbox = auth.authenticate("bearer " + token, Environment.SANDBOX, auth.newSession());
      AuthDecision production =
          auth.authenticate("bearer " + token, Environment.PRODUCTION, auth.newSession());

      assertThat(sandbox.reason()).isEqualTo(Reason.BAD_ENVIRONMENT_KEY_IN_TOKEN);
      assertThat(sandbox.detail()).contains("limited to production").contains("sandbox");
      assertThat(production.accepted()).isTrue();
    }

    @Test
    void theDocumentedSpelling_isSelectable() {
      directory.addKey(KEY.limitedTo(Environment.PRODUCTION));
      TokenAuthenticator documented = new TokenAuthenticator(directory, clock,
          TokenAuthPolicy.defaults().withBadEnvironmentKeyReason(Reason.BAD_ENVIRONMENT_KEY_ID_IN_TOKEN));

      AuthDecision sandbox = documented.authenticate("bearer " + token(), Environment.SANDBOX, documented.newSession());

      assertThat(sandbox.reason()).isEqualTo(Reason.BAD_ENVIRONMENT_KEY_ID_IN_TOKEN);
      assertThat(sandbox.reason().wireString()).isEqualTo("BadEnvironmentKeyIdInToken");
    }

    @Test
    void limitingAKeyAppliesToCachedTokensWithoutReverifying() {
      String token = token();
      assertThat(check(token).accepted()).isTrue();

      directory.addKey(KEY.limitedTo(Environment.PRODUCTION));

      assertThat(check(token).reason()).isEqualTo(Reason.BAD_ENVIRONMENT_KEY_IN_TOKEN);
      assertThat(auth.signatureVerifications()).isEqualTo(1);
    }

    @Test
    void expiryIsCheckedBeforeEnvironment() {
      directory.addKey(KEY.limitedTo(Environment.PRODUCTION));
      String token = token();
      clock.advance(Duration.ofMinutes(61));

      assertThat(check(token).reason()).isEqualTo(Reason.EXPIRED_PROVIDER_TOKEN);
    }
  }

  @Nested
  class Sessions {

    @Test
    void unrelatedKeyIdOnTheSameConnectionIsRefused() {
      TokenSession session = auth.newSession();
      assertThat(check(token(), session).accepted()).isTrue();

      clock.advance(Duration.ofMinutes(30));
      AuthDecision decision = check(ProviderTokens.sign(KEY_2, clock.now()), session);

      assertThat(decision.reason()).isEqualTo(Reason.UNRELATED_KEY_ID_IN_TOKEN);
      assertThat(decision.detail())
          .isEqualTo(
              "key id XYZ987WVUT differs from key id ABC123DEFG of the first token on this connection");
      assertThat(session.keyId()).contains(KEY_ID);
    }

    @Test
    void otherKeyIsFineOnAnotherConnection() {
      assertThat(check(token(), auth.newSession()).accepted()).isTrue();
      assertThat(check(ProviderTokens.sign(KEY_2, clock.now()), auth.newSession()).accepted())
          .isTrue();
    }

    @Test
    void newTokenWithinTwentyMinutesIsTooManyUpdates() {
      TokenSession session = auth.newSession();
      String first = token();
      assertThat(check(first, session).accepted()).isTrue();

      clock.advance(Duration.ofMinutes(19));
      String second = token();
      AuthDecision early = check(second, session);

      assertThat(early.reason()).isEqualTo(Reason.TOO_MANY_PROVIDER_TOKEN_UPDATES);
      assertThat(early.status()).isEqualTo(429);
      assertThat(early.detail())
          .isEqualTo(
              "token changed 19 minutes after the previous change;"
                  + " a connection may change its token once every 20 minutes");
      // The refused update left the connection on its first token.
      assertThat(check(first, session).accepted()).isTrue();

      clock.advance(Duration.ofMinutes(2));
      assertThat(check(second, session).accepted()).isTrue();

      // The change at minute 21 restarts the 20 minutes.
      clock.advance(Duration.ofMinutes(1));
      assertThat(check(token(), session).reason())
          .isEqualTo(Reason.TOO_MANY_PROVIDER_TOKEN_UPDATES);
    }

    @Test
    void secondConnectionMayUseANewTokenAtOnce() {
      assertThat(check(token(), auth.newSession()).accepted()).isTrue();
      clock.advance(Duration.ofSeconds(1));

      assertThat(check(token(), auth.newSession()).accepted()).isTrue();
    }

    @Test
    void refusedTokensDoNotChangeTheSession() {
      TokenSession session = auth.newSession();
      String key2Token = ProviderTokens.sign(KEY_2, clock.now());
      String badSignature = key2Token.substring(0, key2Token.lastIndexOf('.') + 1)
          + ProviderTokens.base64Url(new byte[64]);

      assertThat(check(badSignature, session).accepted()).isFalse();
      assertThat(check(ProviderTokens.sign(KEY_2, clock.now().minusSeconds(7200)), session).reason())
          .isEqualTo(Reason.EXPIRED_PROVIDER_TOKEN);
      assertThat(session.authenticated()).isFalse();
      assertThat(session.keyId()).isEmpty();

      // KEY's token is the connection's first accepted token, not an update nor unrelated.
      assertThat(check(token(), session).accepted()).isTrue();
      assertThat(session.keyId()).contains(KEY_ID);
      assertThat(session.teamId()).contains(TEAM);
    }
  }

  @Nested
  class Caching {

    @Test
    void sameConnectionReusesWithoutVerifying() {
      TokenSession session = auth.newSession();
      String token = token();
      for (int i = 0; i < 100; i++) {
        assertThat(check(token, session).accepted()).isTrue();
      }

      assertThat(auth.signatureVerifications()).isEqualTo(1);
    }

    @Test
    void newConnectionHitsTheSharedCache() {
      String token = token();
      assertThat(check(token).accepted()).isTrue();
      assertThat(auth.signatureVerifications()).isEqualTo(1);

      for (int i = 0; i < 10; i++) {
        assertThat(check(token, auth.newSession()).accepted()).isTrue();
      }

      assertThat(auth.signatureVerifications()).isEqualTo(1);
      assertThat(auth.cachedTokens()).isEqualTo(1);
    }

    @Test
    void fastPathWorksWithoutTheSharedCache() {
      TokenAuthenticator uncached =
          new TokenAuthenticator(directory, clock, TokenAuthPolicy.defaults().withVerifiedCacheSize(0));
      TokenSession session = uncached.newSession();
      String token = token();
      String header = ProviderTokens.authorizationHeader(token);

      uncached.authenticate(header, Environment.SANDBOX, session);
      uncached.authenticate(header, Environment.SANDBOX, session);
      assertThat(uncached.signatureVerifications()).isEqualTo(1);

      uncached.authenticate(header, Environment.SANDBOX, uncached.newSession());
      assertThat(uncached.signatureVerifications()).isEqualTo(2);
      assertThat(uncached.cachedTokens()).isZero();
    }

    @Test
    void refusedTokensAreNotCached() {
      String token = token();
      String bad = token.substring(0, token.lastIndexOf('.') + 1) + ProviderTokens.base64Url(new byte[64]);

      check(bad);
      check(bad);

      assertThat(auth.cachedTokens()).isZero();
      assertThat(auth.signatureVerifications()).isEqualTo(2);
    }

    @Test
    void cacheStaysBoundedAndEvictsTheLeastRecentlyUsed() {
      TokenAuthenticator small =
          new TokenAuthenticator(directory, clock, TokenAuthPolicy.defaults().withVerifiedCacheSize(3));
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        tokens.add(ProviderTokens.sign(KEY, clock.now().minusSeconds(i)));
      }
      for (String token : tokens) {
        assertThat(check(small, token).accepted()).isTrue();
      }
      assertThat(small.cachedTokens()).isEqualTo(3);
      assertThat(small.signatureVerifications()).isEqualTo(5);

      check(small, tokens.get(4));
      assertThat(small.signatureVerifications()).isEqualTo(5);
      check(small, tokens.get(0));
      assertThat(small.signatureVerifications()).isEqualTo(6);
      assertThat(small.cachedTokens()).isEqualTo(3);
    }

    @Test
    void replacedKeyWithSameIdForcesReverification() {
      String token = token();
      assertThat(check(token).accepted()).isTrue();

      // Same id, new key pair: the cached verification no longer holds.
      directory.addKey(SigningKey.generate(TEAM, KEY_ID));

      assertInvalid(check(token), "does not verify");
      assertThat(auth.signatureVerifications()).isEqualTo(2);
    }

    @Test
    void manyConnectionsOnManyThreads() throws Exception {
      String token = token();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          results.add(pool.submit(() -> check(token, auth.newSession()).accepted()));
        }
        for (Future<Boolean> result : results) {
          assertThat(result.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
      // Threads racing on the first use may each verify; after that, the cache answers.
      assertThat(auth.signatureVerifications()).isBetween(1L, 8L);
      assertThat(auth.cachedTokens()).isEqualTo(1);
    }
  }
}
