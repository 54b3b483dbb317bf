package dev.pushsim.apns.tls;

import dev.pushsim.push.Environment;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * What an APNs client certificate says about its holder: the bundle id (subject UID), the
 * topics it may push to and the environments it may connect to.
 *
 * @param subjectUid the subject UID, Apple's bundle id (or {@code <bundle>.voip})
 * @param commonName the subject CN, e.g. "Apple Push Services: com.example.app"; null if absent
 * @param topics the topic extension's topics, or just the subject UID when it has none
 * @param environments the environments marked by Apple's extensions; <em>empty</em> when the
 *     certificate carries no marker, so such a certificate is good for neither
 * @param serial the certificate's serial number
 */
public record ClientIdentity(
    String subjectUid,
    String commonName,
    List<String> topics,
    Set<Environment> environments,
    BigInteger serial) {

  public ClientIdentity {
    Objects.requireNonNull(subjectUid, "subjectUid");
    topics = List.copyOf(topics);
    EnumSet<Environment> copy = EnumSet.noneOf(Environment.class);
    copy.addAll(environments);
    environments = Collections.unmodifiableSet(copy);
    Objects.requireNonNull(serial, "serial");
  }

  /**
   * Reads the identity of an APNs client certificate.
   *
   * @throws IllegalArgumentException when the subject names no UID or Apple's topic extension is
   *     malformed
   */
  public static ClientIdentity of(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    String uid = attribute(subject, BCStyle.UID);
    if (uid == null) {
      throw new IllegalArgumentException(
          "The certificate's subject names no UID (bundle id): " + certificate.getSubjectX500Principal());
    }
    List<String> topics = AppleExtensions.readTopics(certificate);
    return new ClientIdentity(
        uid,
        attribute(subject, BCStyle.CN),
        topics.isEmpty() ? List.of(uid) : topics,
        AppleExtensions.readEnvironments(certificate),
        certificate.getSerialNumber());
  }

  /** True when the certificate may push to {@code topic}. */
  public boolean allowsTopic(String topic) {
    return topic != null && topics.contains(topic);
  }

  /**
   * True when the certificate has exactly one topic; APNs then lets a request omit
   * {@code apns-topic}.
   */
  public boolean singleTopic() {
    return topics.size() == 1;
  }

  /**
   * True for Apple's VoIP Services certificate, known by its common name ("VoIP Services:
   * com.example.app"): its one topic is the app's VoIP topic, not a bundle id.
   */
  public boolean voipServices() {
    return commonName != null && commonName.startsWith(CertificateKind.VOIP_SERVICES.commonNamePrefix());
  }

  /** True when the certificate is marked for {@code environment}. */
  public boolean allows(Environment environment) {
    return environments.contains(environment);
  }

  private static String attribute(X500Name name, ASN1ObjectIdentifier type) {
    for (RDN rdn : name.getRDNs(type)) {
      ASN1Encodable value = rdn.getFirst().getValue();
      // Read the string itself: IETFUtils.valueToString would escape characters such as ','.
      return value instanceof ASN1String string ? string.getString() : value.toString();
    }
    return null;
  }
}
