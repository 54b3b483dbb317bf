package dev.pushsim.apns;

import dev.pushsim.apns.tls.ClientIdentity;
import dev.pushsim.push.PushType;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What an {@code apns-topic} names, resolved against the apps the sender may push to, as APNs
 * does: a topic equal to one of those bundle ids is that app's bare topic (alert, background),
 * whatever it ends with; otherwise a known suffix ({@code .voip}, {@code .complication}, ...) is
 * stripped and the rest must be one of those bundle ids. So {@code com.example.voip} is an app's
 * alert topic when the team has that app, and {@code com.example.voip.voip} is its VoIP topic.
 *
 * @param bundleId the app the topic belongs to
 * @param suffixType the type whose suffix the topic carries, or null for the app's bare topic
 */
public record TopicResolution(String bundleId, PushType suffixType) {

  /** Resolves {@code topic} against the bundle ids {@code isApp} accepts; empty when it names none. */
  public static Optional<TopicResolution> resolve(String topic, Predicate<String> isApp) {
    if (isApp.test(topic)) {
      return Optional.of(new TopicResolution(topic, null));
    }
    return suffixOf(topic)
        .filter(type -> isApp.test(strip(topic, type)))
        .map(type -> new TopicResolution(strip(topic, type), type));
  }

  /**
   * The apps of a certificate: its topics, less those that are another of its topics plus a
   * known suffix (Apple's VoIP Services certificate lists {@code <app>}, {@code <app>.voip} and
   * {@code <app>.complication}); for a VoIP Services certificate, the app of its one topic.
   */
  public static Predicate<String> certificateApps(ClientIdentity certificate) {
    String uid = certificate.subjectUid();
    String voip = PushType.VOIP.topicSuffix();
    if (certificate.voipServices() && uid.endsWith(voip) && uid.length() > voip.length()) {
      // Apple's VoIP Services certificate has one topic, <app>.voip, and no topic extension.
      return uid.substring(0, uid.length() - voip.length())::equals;
    }
    return certificateApps(certificate.topics());
  }

  /** {@link #certificateApps(ClientIdentity)} for a certificate whose topics are {@code topics}. */
  static Predicate<String> certificateApps(Collection<String> topics) {
    Set<String> all = Set.copyOf(topics);
    Set<String> apps = all.stream()
        .filter(topic -> suffixOf(topic).map(type -> !all.contains(strip(topic, type))).orElse(true))
        .collect(Collectors.toUnmodifiableSet());
    return apps::contains;
  }

  /**
   * Why {@code topic} names none of the apps of {@code sender} ("team ABCDE12345", "certificate
   * X"), in a sentence saying which rule failed.
   */
  public static String whyUnresolved(String topic, String sender) {
    Optional<PushType> suffix = suffixOf(topic);
    if (suffix.isEmpty()) {
      return "topic " + topic + " is not a bundle id of " + sender + " and ends in no push type's suffix";
    }
    PushType type = suffix.get();
    return "topic " + topic + " is not a bundle id of " + sender + ", and without its " + type.headerValue()
        + " suffix " + type.topicSuffix() + " neither is " + strip(topic, type);
  }

  /** The type a push to this topic has when {@code apns-push-type} is absent. */
  public PushType impliedType() {
    return suffixType == null ? PushType.ALERT : suffixType;
  }

  /** True when a push of {@code type} may use this topic. */
  public boolean fits(PushType type) {
    return suffixType == null ? "".equals(type.topicSuffix()) : type == suffixType;
  }

  /** Why a push of {@code type} may not use {@code topic}, which resolved to this. */
  public String whyNotFor(PushType type, String topic) {
    String kind = suffixType == null
        ? "the bare topic of app " + bundleId + " (alert, background)"
        : "app " + bundleId + "'s " + suffixType.headerValue() + " topic";
    return "apns-push-type " + type.headerValue() + " needs topic " + type.topicFor(bundleId) + "; " + topic + " is "
        + kind;
  }

  private static Optional<PushType> suffixOf(String topic) {
    return PushType.suffixed().stream()
        .filter(type -> topic.endsWith(type.topicSuffix()) && topic.length() > type.topicSuffix().length())
        .findFirst();
  }

  private static String strip(String topic, PushType type) {
    return topic.substring(0, topic.length() - type.topicSuffix().length());
  }
}
