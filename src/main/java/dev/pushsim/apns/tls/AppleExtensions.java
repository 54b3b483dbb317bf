package dev.pushsim.apns.tls;

import dev.pushsim.push.Environment;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;

/** Apple's private X.509 extensions on APNs client certificates: environment markers and topics. */
final class AppleExtensions {

  /** Marks a certificate good for the sandbox ("Apple Push Notification service Development"). */
  static final ASN1ObjectIdentifier SANDBOX_MARKER =
      new ASN1ObjectIdentifier("1.2.840.113635.100.6.3.1");

  /** Marks a certificate good for production ("Apple Push Notification service Production"). */
  static final ASN1ObjectIdentifier PRODUCTION_MARKER =
      new ASN1ObjectIdentifier("1.2.840.113635.100.6.3.2");

  /** Lists the topics of a multi-topic certificate. */
  static final ASN1ObjectIdentifier TOPICS = new ASN1ObjectIdentifier("1.2.840.113635.100.6.3.6");

  private AppleExtensions() {}

  static ASN1ObjectIdentifier markerFor(Environment environment) {
    return environment == Environment.SANDBOX ? SANDBOX_MARKER : PRODUCTION_MARKER;
  }

  /**
   * Apple's shape: SEQUENCE { topic, SEQUENCE { type }, topic, SEQUENCE { type }, ... }, every
   * string a UTF8String.
   */
  static DERSequence topicsValue(Map<String, String> topicTypes) {
    ASN1EncodableVector entries = new ASN1EncodableVector();
    topicTypes.forEach(
        (topic, type) -> {
          entries.add(new DERUTF8String(topic));
          entries.add(new DERSequence(new DERUTF8String(type)));
        });
    return new DERSequence(entries);
  }

  /**
   * The topics named in the topic extension, in order; empty when the certificate has none.
   *
   * @throws IllegalArgumentException when the extension is not a SEQUENCE
   */
  static List<String> readTopics(X509Certificate certificate) {
    ASN1Primitive value = extensionValue(certificate, TOPICS);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof ASN1Sequence sequence)) {
      throw new IllegalArgumentException("The topic extension is not a SEQUENCE: " + value);
    }
    List<String> topics = new ArrayList<>();
    // Topics are the strings at the top level; the nested SEQUENCEs name their types.
    for (ASN1Encodable element : sequence) {
      if (element instanceof ASN1String topic) {
        topics.add(topic.getString());
      }
    }
    return topics;
  }

  /** The environments whose markers the certificate carries; empty when it carries none. */
  static Set<Environment> readEnvironments(X509Certificate certificate) {
    Set<Environment> environments = EnumSet.noneOf(Environment.class);
    for (Environment environment : Environment.values()) {
      if (certificate.getExtensionValue(markerFor(environment).getId()) != null) {
        environments.add(environment);
      }
    }
    return environments;
  }

  private static ASN1Primitive extensionValue(X509Certificate certificate, ASN1ObjectIdentifier oid) {
    byte[] wrapped = certificate.getExtensionValue(oid.getId());
    if (wrapped == null) {
      return null;
    }
    // The JDK hands back the extnValue OCTET STRING itself; the extension's DER is inside it.
    try {
      return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets());
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Extension " + oid + " is not valid DER", e);
    }
  }
}
