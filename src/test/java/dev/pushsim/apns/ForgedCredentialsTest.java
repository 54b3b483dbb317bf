package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.auth.ProviderTokens;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.apns.tls.PemFiles;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.testing.Curl;
import dev.pushsim.testing.Jwts;
import dev.pushsim.testing.PushRequest;
import dev.pushsim.testing.TestProvider;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forged credentials sent with curl over TLS and HTTP/2: every bogus provider token and every
 * client certificate not issued by the simulator's CA gets Apple's 403 and its reason, is journaled
 * with why, and never reaches a device.
 */
class ForgedCredentialsTest {

  @RegisterExtension static PushSimExtension pushsim = new PushSimExtension().shared();
  @TempDir static Path dir;
  static TestProvider provider;
  static SigningKey secondKey;

  @BeforeAll
  static void setUp() {
    provider = TestProvider.in(pushsim.simulator(), dir);
    secondKey = SigningKey.generate(TestProvider.TEAM_ID);
    provider.team.addKey(secondKey);
  }

  /** One way to forge a provider token, and the answer it gets. */
  record Forgery(String name, Function<TestProvider, String> authorization, String reason, String why) {
    @Override
    public String toString() {
      return name;
    }
  }

  static long now() {
    return pushsim.simulator().clock().now().getEpochSecond();
  }

  static String bearer(String token) {
    return ProviderTokens.authorizationHeader(token);
  }

  static PrivateKey teamKey() {
    return provider.key.privateKey().orElseThrow();
  }

  static Stream<Forgery> forgeries() {
    String raw = "SHA256withECDSAinP1363Format";
    return Stream.of(
        new Forgery("alg none", p -> bearer(Jwts.signingInput(Jwts.header("none", p.key.keyId()), Jwts.claims(TestProvider.TEAM_ID, now())) + "."),
            "InvalidProviderToken", "alg 'none'"),
        new Forgery("HS256 keyed with the public key", p -> bearer(Jwts.hmac(Jwts.header("HS256", p.key.keyId()), Jwts.claims(TestProvider.TEAM_ID, now()), p.key.publicKey().getEncoded())),
            "InvalidProviderToken", "alg 'HS256'"),
        new Forgery("signed on P-384", p -> bearer(Jwts.signed(Jwts.header("ES256", p.key.keyId()), Jwts.claims(TestProvider.TEAM_ID, now()), p384(), raw)),
            "InvalidProviderToken", "96 bytes"),
        new Forgery("signature cut short", p -> { String token = p.bearer(p.key); return token.substring(0, token.length() - 10); },
            "InvalidProviderToken", "signature"),
        new Forgery("no signature part", p -> { String token = p.bearer(p.key); return token.substring(0, token.lastIndexOf('.')); },
            "InvalidProviderToken", "three dot-separated parts"),
        new Forgery("7000 characters", p -> p.bearer(p.key) + "A".repeat(7000),
            "InvalidProviderToken", "signature"),
        new Forgery("kid swapped for another key of the team", p -> bearer(Jwts.signed(Jwts.header("ES256", secondKey.keyId()), Jwts.claims(TestProvider.TEAM_ID, now()), teamKey(), raw)),
            "InvalidProviderToken", "does not verify"),
        new Forgery("unknown kid", p -> bearer(Jwts.signed(Jwts.header("ES256", "UNKNOWN123"), Jwts.claims(TestProvider.TEAM_ID, now()), teamKey(), raw)),
            "InvalidProviderToken", "kid 'UNKNOWN123'"),
        new Forgery("iss of another team", p -> bearer(Jwts.signed(Jwts.header("ES256", p.key.keyId()), Jwts.claims("OTHER12345", now()), teamKey(), raw)),
            "InvalidProviderToken", "iss 'OTHER12345'"),
        new Forgery("iat five minutes ahead", p -> bearer(Jwts.signed(Jwts.header("ES256", p.key.keyId()), Jwts.claims(TestProvider.TEAM_ID, now() + 300), teamKey(), raw)),
            "InvalidProviderToken", "future"),
        new Forgery("iat 61 minutes ago", p -> bearer(Jwts.signed(Jwts.header("ES256", p.key.keyId()), Jwts.claims(TestProvider.TEAM_ID, now() - 61 * 60), teamKey(), raw)),
            "ExpiredProviderToken", ""),
        new Forgery("claims that are not JSON", p -> bearer(Jwts.base64Url(Jwts.header("ES256", p.key.keyId()).toString()) + "." + Jwts.base64Url("{iss:") + "." + Jwts.base64Url(new byte[64])),
            "InvalidProviderToken", "JWT"),
        new Forgery("basic instead of bearer", p -> "Basic dXNlcjpwYXNzd29yZA==",
            "InvalidProviderToken", "not 'bearer <token>'"),
        new Forgery("bearer without a token", p -> "bearer ",
            "MissingProviderToken", "no token"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void aForgedProviderToken_is403WithApplesReason(Forgery forgery) {
    Curl.Response response = provider.alert(provider.sandboxToken()).header("authorization", forgery.authorization().apply(provider)).sendWithCurl();

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.reason()).isEqualTo(forgery.reason());
    assertThat(journaled(response)).satisfies(event -> {
      assertThat(event.get("status")).isEqualTo(403);
      assertThat(event.get("detail").toString()).contains(forgery.why());
    });
    assertStillServesAGoodToken();
  }

  @Test
  void aSelfSignedClientCertificate_withApplesNames_isBadCertificate() throws Exception {
    KeyPair keys = p256();
    X509Certificate selfSigned = certificate("UID=" + TestProvider.BUNDLE_ID + ",CN=Apple Development IOS Push Services: " + TestProvider.BUNDLE_ID, null, keys);
    assertBadCertificate(keys.getPrivate(), "not by the PushSim development CA", selfSigned);
  }

  @Test
  void aLeafThatNamesTheSimulatorsCaAsIssuer_withTheRealCaInTheChain_isBadCertificate() throws Exception {
    KeyPair keys = p256();
    X509Certificate forged = certificate("UID=" + TestProvider.BUNDLE_ID, "CN=" + DevelopmentCa.DEFAULT_COMMON_NAME, keys);
    assertBadCertificate(keys.getPrivate(), "not signed by the PushSim development CA", forged, pushsim.simulator().ca().certificate());
  }

  @Test
  void aCertificateFromATwinCaWithTheSameName_isBadCertificate() {
    ClientCertificate twin = DevelopmentCa.create(pushsim.simulator().clock())
        .mintClientCertificate(TestProvider.BUNDLE_ID, CertificateKind.DEVELOPMENT);
    assertBadCertificate(twin.privateKey(), "not signed by the PushSim development CA", twin.chain());
  }

  @Test
  void anExpiredCertificate_isBadCertificate() {
    ClientCertificate shortLived = pushsim.simulator().ca()
        .mintClientCertificate(TestProvider.BUNDLE_ID, CertificateKind.DEVELOPMENT, Duration.ofDays(2));
    pushsim.simulator().advance(Duration.ofDays(4));
    assertBadCertificate(shortLived.privateKey(), "expired on", shortLived.chain());
  }

  private void assertBadCertificate(PrivateKey key, String why, X509Certificate... chain) {
    String name = chain[0].getSerialNumber().toString(16);
    Path certPem = dir.resolve(name + "-chain.pem");
    Path keyPem = dir.resolve(name + "-key.pem");
    PemFiles.write(certPem, PemFiles.certificates(chain));
    PemFiles.write(keyPem, PemFiles.privateKey(key));

    Curl.Response response = provider.alert(provider.sandboxToken()).certificate(certPem, keyPem).sendWithCurl();

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.reason()).isEqualTo("BadCertificate");
    assertThat(journaled(response).get("detail").toString()).contains(why);
    assertStillServesAGoodToken();
  }

  private static JournalEvent journaled(Curl.Response response) {
    return pushsim.simulator().journal()
        .find(EventPattern.type(ApnsService.REQUEST_EVENT).withApnsId(response.apnsId()))
        .stream().findFirst().orElseThrow(() -> new AssertionError("no journal event for apns-id " + response.apnsId()));
  }

  private static void assertStillServesAGoodToken() {
    PushRequest good = provider.alert(provider.sandboxToken());
    assertThat(good.sendWithCurl().status()).as("a correct push afterwards").isEqualTo(200);
  }

  private static PrivateKey p384() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp384r1"));
      return generator.generateKeyPair().getPrivate();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** A certificate signed by {@code keys} itself, naming {@code issuer} (its own subject when null). */
  private static X509Certificate certificate(String subject, String issuer, KeyPair keys) throws Exception {
    Instant start = pushsim.simulator().clock().now().minus(Duration.ofDays(1));
    var builder = new JcaX509v3CertificateBuilder(
        new X500Name(issuer == null ? subject : issuer),
        BigInteger.valueOf(System.nanoTime()),
        Date.from(start),
        Date.from(start.plus(Duration.ofDays(365))),
        new X500Name(subject),
        keys.getPublic());
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }
}
