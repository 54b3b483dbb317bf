package dev.pushsim.apns.tls;

import dev.pushsim.push.Environment;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The kinds of APNs client certificate Apple's developer portal issues, as PushSim mints them. */
public enum CertificateKind {
  /**
   * Apple's legacy "Apple Development IOS Push Services" certificate: sandbox only, one topic (the
   * bundle id), no topic extension.
   */
  DEVELOPMENT("Apple Development IOS Push Services: ", EnumSet.of(Environment.SANDBOX)),

  /**
   * Apple's legacy "Apple Production IOS Push Services" certificate: production only, one topic
   * (the bundle id), no topic extension.
   */
  PRODUCTION("Apple Production IOS Push Services: ", EnumSet.of(Environment.PRODUCTION)),

  /**
   * Apple's current default, "Apple Push Notification service SSL (Sandbox &amp; Production)",
   * whose CN reads "Apple Push Services: ...": both environments, and a topic extension listing
   * the app, its {@code .voip} and its {@code .complication} topics.
   */
  UNIVERSAL("Apple Push Services: ", EnumSet.of(Environment.SANDBOX, Environment.PRODUCTION)),

  /**
   * Apple's "VoIP Services Certificate": both environments, one topic, {@code <bundle>.voip},
   * which is also its subject UID.
   */
  VOIP_SERVICES("VoIP Services: ", EnumSet.of(Environment.SANDBOX, Environment.PRODUCTION));

  private final String commonNamePrefix;
  private final Set<Environment> environments;

  CertificateKind(String commonNamePrefix, Set<Environment> environments) {
    this.commonNamePrefix = commonNamePrefix;
    this.environments = Collections.unmodifiableSet(environments);
  }

  /** How the subject CN of a certificate of this kind starts, e.g. "VoIP Services: ". */
  String commonNamePrefix() {
    return commonNamePrefix;
  }

  /** The APNs environments a certificate of this kind may connect to. */
  public Set<Environment> environments() {
    return environments;
  }

  /** The topics a certificate of this kind minted for {@code bundleId} may push to. */
  public List<String> topicsFor(String bundleId) {
    return List.copyOf(topicTypesFor(bundleId).keySet());
  }

  /** The subject UID Apple writes: the bundle id, or {@code <bundle>.voip} for VoIP Services. */
  public String subjectUidFor(String bundleId) {
    requireBundleId(bundleId);
    return this == VOIP_SERVICES ? bundleId + ".voip" : bundleId;
  }

  /** The subject CN Apple writes, e.g. "Apple Push Services: com.example.app". */
  public String commonNameFor(String bundleId) {
    return commonNamePrefix + subjectUidFor(bundleId);
  }

  /** True when the certificate carries Apple's topic extension (1.2.840.113635.100.6.3.6). */
  public boolean multiTopic() {
    return this == UNIVERSAL;
  }

  /**
   * Each topic with the type name Apple pairs it with in the topic extension ("app", "voip",
   * "complication"), in Apple's order.
   */
  Map<String, String> topicTypesFor(String bundleId) {
    String uid = subjectUidFor(bundleId);
    Map<String, String> types = new LinkedHashMap<>();
    switch (this) {
      case UNIVERSAL -> {
        types.put(bundleId, "app");
        types.put(bundleId + ".voip", "voip");
        types.put(bundleId + ".complication", "complication");
      }
      case VOIP_SERVICES -> types.put(uid, "voip");
      default -> types.put(uid, "app");
    }
    return Collections.unmodifiableMap(types);
  }

  private static void requireBundleId(String bundleId) {
    if (bundleId == null || bundleId.isBlank()) {
      throw new IllegalArgumentException("A bundle id is required, e.g. com.example.app");
    }
  }
}
