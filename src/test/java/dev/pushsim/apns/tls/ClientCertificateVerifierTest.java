package dev.pushsim.apns.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.apns.tls.ClientCertificateVerifier.Verification;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.VirtualClock;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientCertificateVerifierTest {

  private static final String BUNDLE = "com.example.app";

  private VirtualClock clock;
  private DevelopmentCa ca;
  private ClientCertificateVerifier verifier;

  @BeforeEach
  void setUp() {
    clock = SimClock.virtual();
    ca = DevelopmentCa.create(clock);
    verifier = new ClientCertificateVerifier(ca.certificate(), clock);
  }

  @Test
  void acceptsItsOwnCertificatesWithOrWithoutTheCaInTheChain() {
    ClientCertificate cert = ca.mintClientCertificate(BUNDLE, CertificateKind.UNIVERSAL);

    Verification full = verifier.verify(cert.chain());
    Verification leafOnly = verifier.verify(new X509Certificate[] {cert.certificate()});

    assertThat(full.trusted()).as(full.detail()).isTrue();
    assertThat(full.identity().subjectUid()).isEqualTo(BUNDLE);
    assertThat(full.identity().topics()).hasSize(3);
    assertThat(leafOnly.trusted()).as(leafOnly.detail()).isTrue();
  }

  @Test
  void rejectsACertificateFromAForeignCa() {
    DevelopmentCa foreign = DevelopmentCa.create(clock, "Foreign CA");
    ClientCertificate cert = foreign.mintClientCertificate(BUNDLE, CertificateKind.DEVELOPMENT);

    Verification verification = verifier.verify(cert.chain());

    assertThat(verification.trusted()).isFalse();
    assertThat(verification.detail())
        .isEqualTo("issued by CN=Foreign CA, not by the PushSim development CA");
    assertThat(verification.identity().subjectUid()).isEqualTo(BUNDLE);
  }

  @Test
  void rejectsACertificateFromASecondCaWithTheSameName() {
    DevelopmentCa twin = DevelopmentCa.create(clock);
    ClientCertificate cert = twin.mintClientCertificate(BUNDLE, CertificateKind.DEVELOPMENT);

    Verification verification = verifier.verify(cert.chain());

    assertThat(verification.trusted()).isFalse();
    assertThat(verification.detail()).contains("not signed by the PushSim development CA");
  }

  @Test
  void rejectsASelfSignedLeaf() throws Exception {
    X509Certificate selfSigned =
        selfSigned("UID=" + BUNDLE + ",CN=Apple Push Services: " + BUNDLE, null);

    Verification verification = verifier.verify(new X509Certificate[] {selfSigned});

    assertThat(verification.trusted()).isFalse();
    assertThat(verification.detail())
        .startsWith("issued by ")
        .endsWith(", not by the PushSim development CA");
    assertThat(verification.identity().subjectUid()).isEqualTo(BUNDLE);
  }

  @Test
  void rejectsALeafThatForgesTheCaAsIssuer() throws Exception {
    X509Certificate forged = selfSigned("UID=" + BUNDLE, "CN=" + DevelopmentCa.DEFAULT_COMMON_NAME);

    Verification verification = verifier.verify(new X509Certificate[] {forged, ca.certificate()});

    assertThat(verification.trusted()).isFalse();
    assertThat(verification.detail()).contains("not signed by the PushSim development CA");
  }

  @Test
  void rejectsAChainThroughAnotherCertificate() {
    ClientCertificate cert = ca.mintClientCertificate(BUNDLE, CertificateKind.DEVELOPMENT);
    DevelopmentCa other = DevelopmentCa.create(clock, "Intermediate");

    Verification verification =
        verifier.verify(new X509Certificate[] {cert.certificate(), other.certificate()});

    assertThat(verification.trusted()).isFalse();
    assertThat(verification.detail())
        .isEqualTo("the presented chain includes CN=Intermediate, which is not the PushSim development CA");
  }

  @Test
  void rejectsAnExpiredCertificate() {
    ClientCertificate cert =
        ca.mintClientCertificate(BUNDLE, CertificateKind.DEVELOPMENT, Duration.ofDays(1));
    assertThat(verifier.verify(cert.chain()).trusted()).isTrue();

    clock.advance(Duration.ofDays(3));
    Verification verification = verifier.verify(cert.chain());

    assertThat(verification.trusted()).isFalse();
    assertThat(verification.detail())
        .startsWith("expired on " + cert.certificate().getNotAfter().toInstant());
    assertThat(verification.identity()).isNotNull();
  }

  @Test
  void defaultValidityLastsTenYears() {
    ClientCertificate cert = ca.mintClientCertificate(BUNDLE, CertificateKind.PRODUCTION);

    Instant notAfter = cert.certificate().getNotAfter().toInstant();

    assertThat(notAfter).isEqualTo(clock.now().plus(Duration.ofDays(3650)));
    clock.advanceTo(notAfter);
    assertThat(verifier.verify(cert.chain()).trusted()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.verify(cert.chain()).detail()).startsWith("expired on " + notAfter);
  }

  @Test
  void rejectsARevokedCertificate() {
    ClientCertificate revoked = ca.mintClientCertificate(BUNDLE, CertificateKind.DEVELOPMENT);
    ClientCertificate kept = ca.mintClientCertificate(BUNDLE, CertificateKind.DEVELOPMENT);
    assertThat(verifier.verify(revoked.chain()).trusted()).isTrue();

    verifier.revoke(revoked.certificate().getSerialNumber());

    Verification verification = verifier.verify(revoked.chain());
    assertThat(verification.trusted()).isFalse();
    assertThat(verification.detail()).startsWith("revoked");
    assertThat(verifier.verify(kept.chain()).trusted()).isTrue();
  }

  @Test
  void toleratesMissingChains() {
    for (X509Certificate[] chain :
        List.of(new X509Certificate[0], new X509Certificate[] {null})) {
      Verification verification = verifier.verify(chain);
      assertThat(verification.trusted()).isFalse();
      assertThat(verification.identity()).isNull();
      assertThat(verification.detail()).isEqualTo("no client certificate was presented");
    }
    assertThat(verifier.verify(null).trusted()).isFalse();
  }

  @Test
  void aLeafWithoutUidHasNoIdentity() throws Exception {
    X509Certificate stranger = selfSigned("CN=Stranger", null);

    assertThatThrownBy(() -> ClientIdentity.of(stranger))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UID");
    Verification verification = verifier.verify(new X509Certificate[] {stranger});
    assertThat(verification.trusted()).isFalse();
    assertThat(verification.identity()).isNull();
  }

  @Test
  void aCertificateWithoutEnvironmentMarkersAllowsNeither() throws Exception {
    ClientIdentity identity = ClientIdentity.of(selfSigned("UID=" + BUNDLE + ",CN=Plain", null));

    assertThat(identity.environments()).isEmpty();
    assertThat(identity.topics()).containsExactly(BUNDLE);
    assertThat(identity.commonName()).isEqualTo("Plain");
  }

  /** A certificate signed by its own fresh key, naming {@code issuer} (itself when null). */
  private static X509Certificate selfSigned(String subject, String issuer) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    Instant start = Instant.parse("2025-06-01T00:00:00Z");
    var builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer == null ? subject : issuer),
            BigInteger.valueOf(4242),
            Date.from(start),
            Date.from(start.plus(Duration.ofDays(3650))),
            new X500Name(subject),
            keys.getPublic());
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }
}
