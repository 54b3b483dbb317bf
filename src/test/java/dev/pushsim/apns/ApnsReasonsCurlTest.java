package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.push.Channel;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Environment;
import dev.pushsim.push.Reason;
import dev.pushsim.testing.Curl;
import dev.pushsim.testing.PushRequest;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.testing.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reason APNs gives, reached by the real curl binary over TLS and HTTP/2: status, reason
 * string and {@code apns-id} as Apple sends them, and the exchange in the journal.
 */
class ApnsReasonsCurlTest {

  @RegisterExtension static PushSimExtension pushsim = new PushSimExtension().shared();
  @TempDir static Path dir;
  static TestProvider provider;

  @BeforeAll
  static void setUp() {
    Tools.require(Curl.available(), "curl is not installed");
    provider = TestProvider.in(pushsim.simulator(), dir);
  }

  /** Sends, checks status, reason and apns-id, and that the journal holds the same answer. */
  private static Curl.Response assertAnswer(PushRequest request, int status, String reason) {
    Curl.Response response = request.sendWithCurl();
    assertThat(response.httpVersion()).as("HTTP version").isEqualTo("2");
    assertThat(response.status()).as("status of %s", response).isEqualTo(status);
    assertThat(response.reason()).as("reason of %s", response).isEqualTo(reason);
    assertThat(response.apnsId()).as("apns-id").isNotNull().matches("[0-9A-Fa-f-]{36}");
    JournalEvent event = pushsim.simulator().journal()
        .find(EventPattern.type(ApnsService.REQUEST_EVENT).withApnsId(response.apnsId())).get(0);
    assertThat(event.get("status")).isEqualTo(status);
    assertThat(event.get("reason")).isEqualTo(reason);
    return response;
  }

  @Test
  void success_200_withApnsIdAndSandboxUniqueId() {
    Curl.Response response = assertAnswer(provider.alert(provider.sandboxToken()), 200, null);
    assertThat(response.body()).isEmpty();
    assertThat(response.header("apns-unique-id")).matches("[0-9A-F-]{36}");
  }

  @Test
  void success_echoesTheProvidersApnsId() {
    String id = UUID.randomUUID().toString();
    Curl.Response response = assertAnswer(provider.alert(provider.sandboxToken()).header("apns-id", id), 200, null);
    assertThat(response.apnsId()).isEqualTo(id);
  }

  @Test
  void success_production_hasNoUniqueId() {
    Curl.Response response = assertAnswer(provider.alert(provider.token(Channel.APNS, Environment.PRODUCTION)), 200, null);
    assertThat(response.header("apns-unique-id")).isNull();
  }

  @Test
  void badCollapseId() {
    assertAnswer(provider.alert(provider.sandboxToken()).header("apns-collapse-id", "x".repeat(65)), 400, "BadCollapseId");
    assertAnswer(provider.alert(provider.sandboxToken()).header("apns-collapse-id", "x".repeat(64)), 200, null);
  }

  @Test
  void badDeviceToken_unknown() {
    DeviceToken token = provider.sandboxToken();
    assertAnswer(provider.alert(token).path("/3/device/" + "ab".repeat(32)), 400, "BadDeviceToken");
  }

  @Test
  void badDeviceToken_notHex() {
    assertAnswer(provider.alert(provider.sandboxToken()).path("/3/device/not-a-token"), 400, "BadDeviceToken");
  }

  @Test
  void badDeviceToken_tokenOfTheOtherEnvironment() {
    DeviceToken productionToken = provider.token(Channel.APNS, Environment.PRODUCTION);
    assertAnswer(provider.alert(productionToken).to(Environment.SANDBOX), 400, "BadDeviceToken");
  }

  @Test
  void badExpirationDate() {
    assertAnswer(provider.alert(provider.sandboxToken()).header("apns-expiration", "tomorrow"), 400, "BadExpirationDate");
  }

  @Test
  void badMessageId() {
    Curl.Response response = assertAnswer(provider.alert(provider.sandboxToken()).header("apns-id", "not-a-uuid"), 400, "BadMessageId");
    assertThat(response.apnsId()).isNotEqualTo("not-a-uuid");
  }

  @Test
  void badPriority_unknownValue() {
    assertAnswer(provider.alert(provider.sandboxToken()).header("apns-priority", "7"), 400, "BadPriority");
  }

  @Test
  void badPriority_backgroundPushAtTen() {
    PushRequest background = provider.alert(provider.sandboxToken())
        .header("apns-push-type", "background")
        .header("apns-priority", "10")
        .body("{\"aps\":{\"content-available\":1}}");
    assertAnswer(background, 400, "BadPriority");
    assertAnswer(background.header("apns-priority", "5"), 200, null);
  }

  @Test
  void priorityOne_isValid() {
    assertAnswer(provider.alert(provider.sandboxToken()).header("apns-priority", "1"), 200, null);
  }

  @Test
  void badTopic() {
    assertAnswer(provider.alert(provider.sandboxToken()).header("apns-topic", "com example phone"), 400, "BadTopic");
  }

  @Test
  void deviceTokenNotForTopic_tokenOfAnotherApp() {
    DeviceToken chatToken = pushsim.simulator().tokens().issue(TestProvider.OTHER_BUNDLE_ID, Channel.APNS, Environment.SANDBOX);
    assertAnswer(provider.alert(chatToken), 400, "DeviceTokenNotForTopic");
  }

  @Test
  void deviceTokenNotForTopic_voipPushToTheApnsToken() {
    DeviceToken apnsToken = provider.sandboxToken();
    assertAnswer(provider.voip(apnsToken), 400, "DeviceTokenNotForTopic");
    assertAnswer(provider.voip(provider.voipToken()), 200, null);
  }

  @Test
  void duplicateHeaders() {
    assertAnswer(provider.alert(provider.sandboxToken()).repeatHeader("apns-topic", TestProvider.BUNDLE_ID), 400, "DuplicateHeaders");
  }

  @Test
  void invalidPushType_unknownValue() {
    assertAnswer(provider.alert(provider.sandboxToken()).header("apns-push-type", "pager"), 400, "InvalidPushType");
  }

  @Test
  void invalidPushType_voipWithoutTheVoipTopic() {
    assertAnswer(provider.voip(provider.voipToken()).header("apns-topic", TestProvider.BUNDLE_ID), 400, "InvalidPushType");
  }

  @Test
  void missingDeviceToken() {
    assertAnswer(provider.alert(provider.sandboxToken()).path("/3/device/"), 400, "MissingDeviceToken");
  }

  @Test
  void missingTopic_withTokenAuth() {
    assertAnswer(provider.alert(provider.sandboxToken()).without("apns-topic"), 400, "MissingTopic");
  }

  @Test
  void payloadEmpty() {
    assertAnswer(provider.alert(provider.sandboxToken()).noBody(), 400, "PayloadEmpty");
  }

  @Test
  void badPayload_notJson_notAnObject() {
    assertAnswer(provider.alert(provider.sandboxToken()).body("{\"aps\":"), 400, "BadPayload");
    assertAnswer(provider.alert(provider.sandboxToken()).body("[1,2,3]"), 400, "BadPayload");
  }

  @Test
  void topicDisallowed_topicOfAnotherTeam() {
    pushsim.simulator().team("OTHERTEAM1").addBundleId("com.other.app");
    DeviceToken otherToken = pushsim.simulator().tokens().issue("com.other.app", Channel.APNS, Environment.SANDBOX);
    assertAnswer(provider.alert(otherToken).header("apns-topic", "com.other.app"), 400, "TopicDisallowed");
  }

  @Test
  void payloadTooLarge_alertOver4096() {
    assertAnswer(provider.alert(provider.sandboxToken()).body(jsonOfSize(4096)), 200, null);
    assertAnswer(provider.alert(provider.sandboxToken()).body(jsonOfSize(4097)), 413, "PayloadTooLarge");
  }

  @Test
  void payloadTooLarge_voipOver5120() {
    assertAnswer(provider.voip(provider.voipToken()).body(jsonOfSize(5120)), 200, null);
    assertAnswer(provider.voip(provider.voipToken()).body(jsonOfSize(5121)), 413, "PayloadTooLarge");
  }

  @Test
  void badPath() {
    assertAnswer(provider.alert(provider.sandboxToken()).path("/3/devices/abc"), 404, "BadPath");
  }

  @Test
  void methodNotAllowed() {
    assertAnswer(provider.alert(provider.sandboxToken()).method("GET").noBody(), 405, "MethodNotAllowed");
  }

  @Test
  void unregistered_withTimestampOfUninstall() {
    DeviceToken token = provider.sandboxToken();
    Instant uninstalled = pushsim.simulator().clock().now();
    pushsim.simulator().tokens().unregister(token.hex());
    Curl.Response response = assertAnswer(provider.alert(token), 410, "Unregistered");
    assertThat(response.timestamp()).isEqualTo(uninstalled.toEpochMilli());
  }

  @Test
  void expiredToken_whenItsLifetimeHasPassed() {
    DeviceToken token = provider.sandboxToken();
    Instant end = pushsim.simulator().clock().now();
    pushsim.simulator().tokens().expireAt(token.hex(), end);
    Curl.Response response = assertAnswer(provider.alert(token), 410, "ExpiredToken");
    assertThat(response.timestamp()).isEqualTo(end.toEpochMilli());
  }

  @Test
  void missingProviderToken() {
    assertAnswer(provider.alert(provider.sandboxToken()).without("authorization"), 403, "MissingProviderToken");
  }

  @Test
  void invalidProviderToken_tamperedSignature() {
    String bearer = provider.bearer();
    String tampered = bearer.substring(0, bearer.length() - 4) + (bearer.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertAnswer(provider.alert(provider.sandboxToken()).header("authorization", tampered), 403, "InvalidProviderToken");
  }

  @Test
  void invalidProviderToken_unknownKey() {
    SigningKey stranger = SigningKey.generate(TestProvider.TEAM_ID);
    assertAnswer(provider.alert(provider.sandboxToken()).header("authorization", provider.bearer(stranger)), 403, "InvalidProviderToken");
  }

  @Test
  void expiredProviderToken_signedMoreThanAnHourAgo() {
    String oldBearer = "bearer " + dev.pushsim.apns.auth.ProviderTokens.sign(provider.key, pushsim.simulator().clock().now().minus(Duration.ofMinutes(61)));
    assertAnswer(provider.alert(provider.sandboxToken()).header("authorization", oldBearer), 403, "ExpiredProviderToken");
  }

  @Test
  void badEnvironmentKeyIdInToken_keyLimitedToProduction() {
    SigningKey productionOnly = SigningKey.generate(TestProvider.TEAM_ID).limitedTo(Environment.PRODUCTION);
    provider.team.addKey(productionOnly);
    // The spelling APNs sends, not its table's BadEnvironmentKeyIdInToken (docs/apns.md).
    assertAnswer(provider.alert(provider.sandboxToken()).header("authorization", provider.bearer(productionOnly)),
        403, "BadEnvironmentKeyInToken");
    assertAnswer(provider.alert(provider.token(Channel.APNS, Environment.PRODUCTION)).header("authorization", provider.bearer(productionOnly)), 200, null);
  }

  @Test
  void internalServerError_andServiceUnavailable_byInjectedFaults() {
    pushsim.simulator().faults().respondWith(Reason.INTERNAL_SERVER_ERROR, 1).respondWith(Reason.SERVICE_UNAVAILABLE, 1);
    try {
      assertAnswer(provider.alert(provider.sandboxToken()), 500, "InternalServerError");
      assertAnswer(provider.alert(provider.sandboxToken()), 503, "ServiceUnavailable");
      assertAnswer(provider.alert(provider.sandboxToken()), 200, null);
    } finally {
      pushsim.simulator().faults().clear();
    }
  }

  @Test
  void shutdownReason_injectedAsAnAnswer() {
    pushsim.simulator().faults().respondWith(Reason.SHUTDOWN, 1);
    assertAnswer(provider.alert(provider.sandboxToken()), 503, "Shutdown");
  }

  @Nested
  class CertificateAuth {

    private PushRequest withCertificate(PushRequest request, ClientCertificate certificate) {
      String name = certificate.kind() + "-" + certificate.serialNumber();
      Path cert = dir.resolve(name + ".pem");
      Path key = dir.resolve(name + ".key");
      certificate.writePem(cert, key);
      return request.certificate(cert, key);
    }

    @Test
    void developmentCertificate_onSandbox_isAccepted() {
      ClientCertificate development = provider.certificate(CertificateKind.DEVELOPMENT);
      assertAnswer(withCertificate(provider.alert(provider.sandboxToken()), development), 200, null);
    }

    @Test
    void singleTopicCertificate_needsNoTopicHeader() {
      ClientCertificate development = provider.certificate(CertificateKind.DEVELOPMENT);
      assertAnswer(withCertificate(provider.alert(provider.sandboxToken()).without("apns-topic"), development), 200, null);
    }

    @Test
    void badCertificateEnvironment_developmentCertificateOnProduction() {
      ClientCertificate development = provider.certificate(CertificateKind.DEVELOPMENT);
      DeviceToken productionToken = provider.token(Channel.APNS, Environment.PRODUCTION);
      assertAnswer(withCertificate(provider.alert(productionToken), development), 403, "BadCertificateEnvironment");
    }

    @Test
    void badCertificate_fromAForeignCa() {
      ClientCertificate foreign = DevelopmentCa.create(pushsim.simulator().clock(), "Foreign CA")
          .mintClientCertificate(TestProvider.BUNDLE_ID, CertificateKind.DEVELOPMENT);
      assertAnswer(withCertificate(provider.alert(provider.sandboxToken()), foreign), 403, "BadCertificate");
    }

    @Test
    void topicDisallowed_topicNotInTheCertificate() {
      ClientCertificate development = provider.certificate(CertificateKind.DEVELOPMENT);
      DeviceToken chatToken = pushsim.simulator().tokens().issue(TestProvider.OTHER_BUNDLE_ID, Channel.APNS, Environment.SANDBOX);
      assertAnswer(withCertificate(provider.alert(chatToken).header("apns-topic", TestProvider.OTHER_BUNDLE_ID), development), 400, "TopicDisallowed");
    }

    @Test
    void missingTopic_withAMultiTopicCertificate() {
      ClientCertificate universal = provider.certificate(CertificateKind.UNIVERSAL);
      assertAnswer(withCertificate(provider.alert(provider.sandboxToken()).without("apns-topic"), universal), 400, "MissingTopic");
    }

    @Test
    void voipServicesCertificate_worksInBothEnvironments() {
      ClientCertificate voip = provider.certificate(CertificateKind.VOIP_SERVICES);
      assertAnswer(withCertificate(provider.voip(provider.voipToken()), voip), 200, null);
      assertAnswer(withCertificate(provider.voip(provider.token(Channel.VOIP, Environment.PRODUCTION)), voip), 200, null);
    }

    @Test
    void forbidden_locationPushOverACertificate() {
      ClientCertificate universal = provider.certificate(CertificateKind.UNIVERSAL);
      PushRequest location = provider.alert(provider.sandboxToken())
          .header("apns-push-type", "location")
          .header("apns-topic", TestProvider.BUNDLE_ID + ".location-query");
      assertAnswer(withCertificate(location, universal), 403, "Forbidden");
    }
  }

  @Test
  void tooManyRequests_comesFromInjectionHereAndFromTheRateLimitInPushyTests() {
    pushsim.simulator().faults().respondWith(Reason.TOO_MANY_REQUESTS, 1);
    assertAnswer(provider.alert(provider.sandboxToken()), 429, "TooManyRequests");
  }

  /** A JSON object of exactly {@code bytes} bytes. */
  static String jsonOfSize(int bytes) {
    String prefix = "{\"aps\":{\"alert\":\"";
    String suffix = "\"}}";
    return prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
  }

}
