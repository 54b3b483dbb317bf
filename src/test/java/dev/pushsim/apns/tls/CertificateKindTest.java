package dev.pushsim.apns.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.clock.SimClock;
import dev.pushsim.push.Environment;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateKindTest {

  private static final String BUNDLE = "com.example.app";
  private static final String TOPICS_OID = "1.2.840.113635.100.6.3.6";
  private static final String SANDBOX_OID = "1.2.840.113635.100.6.3.1";
  private static final String PRODUCTION_OID = "1.2.840.113635.100.6.3.2";

  private static DevelopmentCa ca;

  @BeforeAll
  static void mintCa() {
    ca = DevelopmentCa.create(SimClock.virtual());
  }

  @Test
  void developmentIsSandboxOnlyWithTheBundleIdAsItsOneTopic() {
    ClientCertificate cert = ca.mintClientCertificate(BUNDLE, CertificateKind.DEVELOPMENT);
    ClientIdentity identity = ClientIdentity.of(cert.certificate());

    assertThat(identity.subjectUid()).isEqualTo(BUNDLE);
    assertThat(identity.commonName()).isEqualTo("Apple Development IOS Push Services: com.example.app");
    assertThat(identity.topics()).containsExactly(BUNDLE);
    assertThat(identity.singleTopic()).isTrue();
    assertThat(identity.environments()).containsExactly(Environment.SANDBOX);
    assertThat(identity.allows(Environment.PRODUCTION)).isFalse();
    assertThat(identity.serial()).isEqualTo(cert.certificate().getSerialNumber());
    assertThat(cert.certificate().getExtensionValue(TOPICS_OID)).isNull();
    assertThat(cert.topics()).isEqualTo(identity.topics());
    assertThat(cert.environments()).isEqualTo(identity.environments());
  }

  @Test
  void productionIsProductionOnly() {
    ClientCertificate cert = ca.mintClientCertificate(BUNDLE, CertificateKind.PRODUCTION);
    ClientIdentity identity = ClientIdentity.of(cert.certificate());

    assertThat(identity.subjectUid()).isEqualTo(BUNDLE);
    assertThat(identity.commonName()).isEqualTo("Apple Production IOS Push Services: com.example.app");
    assertThat(identity.topics()).containsExactly(BUNDLE);
    assertThat(identity.environments()).containsExactly(Environment.PRODUCTION);
    assertThat(cert.certificate().getExtensionValue(TOPICS_OID)).isNull();
    assertThat(cert.certificate().getExtensionValue(SANDBOX_OID)).isNull();
  }

  @Test
  void universalCoversBothEnvironmentsAndThreeTopics() {
    ClientCertificate cert = ca.mintClientCertificate(BUNDLE, CertificateKind.UNIVERSAL);
    ClientIdentity identity = ClientIdentity.of(cert.certificate());

    assertThat(identity.subjectUid()).isEqualTo(BUNDLE);
    assertThat(identity.commonName()).isEqualTo("Apple Push Services: com.example.app");
    assertThat(identity.topics())
        .containsExactly(BUNDLE, BUNDLE + ".voip", BUNDLE + ".complication");
    assertThat(identity.singleTopic()).isFalse();
    assertThat(identity.allowsTopic(BUNDLE + ".voip")).isTrue();
    assertThat(identity.allowsTopic("com.other.app")).isFalse();
    assertThat(identity.allowsTopic(null)).isFalse();
    assertThat(identity.environments())
        .containsExactlyInAnyOrder(Environment.SANDBOX, Environment.PRODUCTION);
    assertThat(cert.topics()).isEqualTo(identity.topics());
  }

  @Test
  void voipServicesNamesTheVoipTopicInItsUid() {
    ClientCertificate cert = ca.mintClientCertificate(BUNDLE, CertificateKind.VOIP_SERVICES);
    ClientIdentity identity = ClientIdentity.of(cert.certificate());

    assertThat(cert.bundleId()).isEqualTo(BUNDLE);
    assertThat(identity.subjectUid()).isEqualTo(BUNDLE + ".voip");
    assertThat(identity.commonName()).isEqualTo("VoIP Services: com.example.app.voip");
    assertThat(identity.topics()).containsExactly(BUNDLE + ".voip");
    assertThat(identity.singleTopic()).isTrue();
    assertThat(identity.environments())
        .containsExactlyInAnyOrder(Environment.SANDBOX, Environment.PRODUCTION);
    assertThat(cert.certificate().getExtensionValue(TOPICS_OID)).isNull();
  }

  @Test
  void kindsDeclareTheirEnvironmentsAndTopics() {
    assertThat(CertificateKind.DEVELOPMENT.environments()).isEqualTo(Set.of(Environment.SANDBOX));
    assertThat(CertificateKind.PRODUCTION.environments()).isEqualTo(Set.of(Environment.PRODUCTION));
    assertThat(CertificateKind.UNIVERSAL.environments()).hasSize(2);
    assertThat(CertificateKind.VOIP_SERVICES.environments()).hasSize(2);
    assertThat(CertificateKind.DEVELOPMENT.topicsFor("a.b")).isEqualTo(List.of("a.b"));
    assertThat(CertificateKind.VOIP_SERVICES.topicsFor("a.b")).isEqualTo(List.of("a.b.voip"));
    assertThat(CertificateKind.UNIVERSAL.topicsFor("a.b"))
        .isEqualTo(List.of("a.b", "a.b.voip", "a.b.complication"));
  }

  @Test
  void topicExtensionHasApplesShape() throws Exception {
    X509Certificate cert = ca.mintClientCertificate(BUNDLE, CertificateKind.UNIVERSAL).certificate();
    byte[] wrapped = cert.getExtensionValue(TOPICS_OID);
    ASN1Sequence value =
        ASN1Sequence.getInstance(
            ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets()));

    assertThat(value.size()).isEqualTo(6);
    String[][] expected = {
      {BUNDLE, "app"}, {BUNDLE + ".voip", "voip"}, {BUNDLE + ".complication", "complication"}
    };
    for (int i = 0; i < expected.length; i++) {
      ASN1Encodable topic = value.getObjectAt(2 * i);
      ASN1Encodable types = value.getObjectAt(2 * i + 1);
      assertThat(topic).isInstanceOf(DERUTF8String.class);
      assertThat(((DERUTF8String) topic).getString()).isEqualTo(expected[i][0]);
      ASN1Sequence typeList = ASN1Sequence.getInstance(types);
      assertThat(typeList.size()).isEqualTo(1);
      assertThat(typeList.getObjectAt(0)).isInstanceOf(DERUTF8String.class);
      assertThat(((DERUTF8String) typeList.getObjectAt(0)).getString()).isEqualTo(expected[i][1]);
    }
    assertThat(cert.getNonCriticalExtensionOIDs()).contains(TOPICS_OID, SANDBOX_OID, PRODUCTION_OID);
  }

  @Test
  void environmentMarkersAreNullValuedExtensions() throws Exception {
    X509Certificate cert = ca.mintClientCertificate(BUNDLE, CertificateKind.UNIVERSAL).certificate();
    for (String oid : List.of(SANDBOX_OID, PRODUCTION_OID)) {
      byte[] wrapped = cert.getExtensionValue(oid);
      assertThat(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets()))
          .isInstanceOf(ASN1Null.class);
    }
  }

  @Test
  void clientCertificatesAreSignedByTheCaForClientAuthentication() throws Exception {
    X509Certificate cert = ca.mintClientCertificate(BUNDLE, CertificateKind.DEVELOPMENT).certificate();

    cert.verify(ca.certificate().getPublicKey());
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getSerialNumber().signum()).isPositive();
    assertThat(cert.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
  }
}
