package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientIdentity;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.clock.SimClock;
import dev.pushsim.push.PushType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Topics resolved against the apps a sender has, whatever the bundle ids end with. */
class TopicResolutionTest {

  private static Optional<TopicResolution> resolve(String topic, String... apps) {
    Predicate<String> isApp = Set.of(apps)::contains;
    return TopicResolution.resolve(topic, isApp);
  }

  @Test
  void aBundleIdIsItsAppsBareTopic_evenWhenItEndsInASuffix() {
    assertThat(resolve("com.example.voip", "com.example.voip")).contains(new TopicResolution("com.example.voip", null));
    assertThat(resolve("com.example.voip", "com.example.voip").orElseThrow().impliedType()).isEqualTo(PushType.ALERT);
  }

  @ParameterizedTest
  @EnumSource(value = PushType.class, names = {"ALERT", "BACKGROUND", "MDM"}, mode = EnumSource.Mode.EXCLUDE)
  void everySuffix_onABundleIdEndingInThatSuffix_isTheSuffixedTopic(PushType type) {
    String app = "com.example" + type.topicSuffix();
    assertThat(resolve(app, app)).contains(new TopicResolution(app, null));
    TopicResolution suffixed = resolve(type.topicFor(app), app).orElseThrow();
    assertThat(suffixed).isEqualTo(new TopicResolution(app, type));
    assertThat(suffixed.impliedType()).isEqualTo(type);
    assertThat(suffixed.fits(type)).isTrue();
    assertThat(suffixed.fits(PushType.ALERT)).isFalse();
  }

  @Test
  void aSuffixedTopic_needsTheRestToBeAnApp() {
    assertThat(resolve("com.example.voip", "com.example.phone")).isEmpty();
    assertThat(resolve("com.example.phone.voip", "com.example.phone")).contains(new TopicResolution("com.example.phone", PushType.VOIP));
    assertThat(resolve("com.example.phone.voip-ptt", "com.example.phone")).contains(new TopicResolution("com.example.phone", PushType.PUSHTOTALK));
    assertThat(resolve(".voip", "")).isEmpty();
    assertThat(resolve("com.other.app", "com.example.phone")).isEmpty();
  }

  @Test
  void whenBothReadingsAreApps_theBareTopicWins() {
    assertThat(resolve("com.example.voip", "com.example", "com.example.voip")).contains(new TopicResolution("com.example.voip", null));
  }

  @Test
  void theBareTopic_fitsAlertAndBackgroundOnly() {
    TopicResolution bare = new TopicResolution("com.example.voip", null);
    assertThat(bare.fits(PushType.ALERT)).isTrue();
    assertThat(bare.fits(PushType.BACKGROUND)).isTrue();
    assertThat(bare.fits(PushType.VOIP)).isFalse();
    assertThat(bare.whyNotFor(PushType.VOIP, "com.example.voip"))
        .isEqualTo("apns-push-type voip needs topic com.example.voip.voip; com.example.voip is the bare topic of app com.example.voip (alert, background)");
    assertThat(new TopicResolution("com.example.voip", PushType.VOIP).whyNotFor(PushType.ALERT, "com.example.voip.voip"))
        .isEqualTo("apns-push-type alert needs topic com.example.voip; com.example.voip.voip is app com.example.voip's voip topic");
  }

  @Test
  void theDetail_saysWhichRuleFailed() {
    assertThat(TopicResolution.whyUnresolved("com.other.app", "team TEAM123456"))
        .isEqualTo("topic com.other.app is not a bundle id of team TEAM123456 and ends in no push type's suffix");
    assertThat(TopicResolution.whyUnresolved("com.other.app.voip", "team TEAM123456"))
        .isEqualTo("topic com.other.app.voip is not a bundle id of team TEAM123456, and without its voip suffix .voip neither is com.other.app");
  }

  @Test
  void aCertificatesApps_areItsTopicsThatAreNotAnotherOfItsTopicsWithASuffix() {
    Predicate<String> voipServices = TopicResolution.certificateApps(List.of("com.example.phone", "com.example.phone.voip", "com.example.phone.complication"));
    assertThat(voipServices).accepts("com.example.phone").rejects("com.example.phone.voip", "com.example.phone.complication");
    assertThat(TopicResolution.resolve("com.example.phone.voip", voipServices)).contains(new TopicResolution("com.example.phone", PushType.VOIP));

    Predicate<String> suffixLike = TopicResolution.certificateApps(List.of("com.example.voip", "com.example.voip.voip"));
    assertThat(suffixLike).accepts("com.example.voip").rejects("com.example.voip.voip", "com.example");
    assertThat(TopicResolution.resolve("com.example.voip", suffixLike)).contains(new TopicResolution("com.example.voip", null));
  }

  @ParameterizedTest
  @EnumSource(CertificateKind.class)
  void aMintedCertificatesApp_isItsBundleId_whateverTheBundleIdEndsWith(CertificateKind kind) {
    DevelopmentCa ca = DevelopmentCa.create(SimClock.virtual());
    for (String bundleId : List.of("com.example.phone", "com.example.voip")) {
      ClientIdentity certificate = ClientIdentity.of(ca.mintClientCertificate(bundleId, kind).certificate());
      Predicate<String> apps = TopicResolution.certificateApps(certificate);
      assertThat(apps).as(kind + " for " + bundleId).accepts(bundleId).rejects(bundleId + ".voip", "com.example");
      assertThat(TopicResolution.resolve(bundleId + ".voip", apps)).contains(new TopicResolution(bundleId, PushType.VOIP));
    }
  }
}
