package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.push.Channel;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Environment;
import dev.pushsim.push.PushType;
import dev.pushsim.push.Reason;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.world.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake APNs driven by Pushy's real {@link ApnsClient}, with token auth (Pushy signs DER
 * ES256) and with certificate auth (a PushSim-minted .p12), over TLS and HTTP/2.
 */
class PushyApnsTest {

  static final String VOIP_PAYLOAD = "{\"aps\":{},\"caller\":\"Alice\"}";

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  TestProvider provider;
  final List<ApnsClient> clients = new ArrayList<>();

  @BeforeEach
  void setUp() {
    provider = TestProvider.in(pushsim.simulator(), dir);
  }

  @AfterEach
  void closeClients() throws Exception {
    for (ApnsClient client : clients) {
      client.close().get(10, TimeUnit.SECONDS);
    }
  }

  private ApnsClient tokenClient(Simulator sim, Environment environment) throws Exception {
    ApnsClient client = new ApnsClientBuilder()
        .setApnsServer("localhost", sim.server(environment).port())
        .setTrustedServerCertificateChain(provider.caPem.toFile())
        .setSigningKey(ApnsSigningKey.loadFromPkcs8File(provider.p8.toFile(), TestProvider.TEAM_ID, provider.key.keyId()))
        .build();
    clients.add(client);
    return client;
  }

  private ApnsClient certificateClient(ClientCertificate certificate, Environment environment) throws Exception {
    Path p12 = dir.resolve(certificate.kind() + "-" + certificate.serialNumber() + ".p12");
    certificate.writeP12(p12, "secret".toCharArray());
    ApnsClient client = new ApnsClientBuilder()
        .setApnsServer("localhost", pushsim.simulator().server(environment).port())
        .setTrustedServerCertificateChain(provider.caPem.toFile())
        .setClientCredentials(p12.toFile(), "secret")
        .build();
    clients.add(client);
    return client;
  }

  private static SimpleApnsPushNotification voip(DeviceToken token, UUID apnsId) {
    return new SimpleApnsPushNotification(
        token.hex(), TestProvider.BUNDLE_ID + ".voip", VOIP_PAYLOAD, Instant.EPOCH,
        DeliveryPriority.IMMEDIATE, com.eatthepath.pushy.apns.PushType.VOIP, null, apnsId);
  }

  private static PushNotificationResponse<SimpleApnsPushNotification> send(ApnsClient client, SimpleApnsPushNotification push) throws Exception {
    return client.sendNotification(push).get(20, TimeUnit.SECONDS);
  }

  @Test
  void voipPush_withTokenAuth_isAcceptedAndJournaled() throws Exception {
    DeviceToken token = provider.voipToken();
    UUID apnsId = UUID.randomUUID();

    PushNotificationResponse<SimpleApnsPushNotification> response = send(tokenClient(pushsim.simulator(), Environment.SANDBOX), voip(token, apnsId));

    assertThat(response.isAccepted()).as("accepted: %s", response).isTrue();
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getApnsId()).isEqualTo(apnsId);
    JournalEvent event = pushsim.simulator().journal().find(EventPattern.type(ApnsService.REQUEST_EVENT).withApnsId(apnsId.toString())).get(0);
    assertThat(event.deviceToken()).isEqualTo(token.hex());
    assertThat(event.topic()).isEqualTo(TestProvider.BUNDLE_ID + ".voip");
    assertThat(event.get("pushType")).isEqualTo("voip");
    assertThat(event.get("auth")).isEqualTo("token " + TestProvider.TEAM_ID + "/" + provider.key.keyId());
    assertThat(event.get("payload")).isEqualTo(VOIP_PAYLOAD);
  }

  @Test
  void pushyReusesItsVerifiedToken_soSignaturesAreVerifiedOnce() throws Exception {
    ApnsClient client = tokenClient(pushsim.simulator(), Environment.SANDBOX);
    for (int i = 0; i < 20; i++) {
      assertThat(send(client, voip(provider.voipToken(), UUID.randomUUID())).isAccepted()).isTrue();
    }
    assertThat(pushsim.simulator().tokenAuthenticator().signatureVerifications()).isEqualTo(1);
  }

  @Test
  void unregistered_carriesTheTimestampOfTheUninstall() throws Exception {
    DeviceToken token = provider.voipToken();
    Instant uninstalled = pushsim.simulator().clock().now();
    pushsim.simulator().tokens().unregister(token.hex());
    UUID apnsId = UUID.randomUUID();

    PushNotificationResponse<SimpleApnsPushNotification> response = send(tokenClient(pushsim.simulator(), Environment.SANDBOX), voip(token, apnsId));

    assertThat(response.getStatusCode()).isEqualTo(410);
    assertThat(response.getRejectionReason()).contains("Unregistered");
    assertThat(response.getTokenInvalidationTimestamp()).contains(uninstalled);
    assertThat(response.getApnsId()).isEqualTo(apnsId);
  }

  @Test
  void badDeviceToken_forATokenOfTheOtherEnvironment() throws Exception {
    DeviceToken productionToken = provider.token(Channel.VOIP, Environment.PRODUCTION);

    PushNotificationResponse<SimpleApnsPushNotification> wrongHost = send(tokenClient(pushsim.simulator(), Environment.SANDBOX), voip(productionToken, UUID.randomUUID()));
    PushNotificationResponse<SimpleApnsPushNotification> rightHost = send(tokenClient(pushsim.simulator(), Environment.PRODUCTION), voip(productionToken, UUID.randomUUID()));

    assertThat(wrongHost.getStatusCode()).isEqualTo(400);
    assertThat(wrongHost.getRejectionReason()).contains("BadDeviceToken");
    assertThat(rightHost.isAccepted()).isTrue();
  }

  @Test
  void expiredProviderToken_whenVirtualTimeMovesPastPushysToken() throws Exception {
    ApnsClient client = tokenClient(pushsim.simulator(), Environment.SANDBOX);
    assertThat(send(client, voip(provider.voipToken(), UUID.randomUUID())).isAccepted()).isTrue();

    // Two steps, with a push between, so that the connection is never idle for an hour (IdleTimeout).
    pushsim.simulator().advance(Duration.ofMinutes(40));
    assertThat(send(client, voip(provider.voipToken(), UUID.randomUUID())).isAccepted()).isTrue();
    pushsim.simulator().advance(Duration.ofMinutes(21));
    PushNotificationResponse<SimpleApnsPushNotification> response = send(client, voip(provider.voipToken(), UUID.randomUUID()));

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.getRejectionReason()).contains("ExpiredProviderToken");
  }

  @Test
  void serviceUnavailable_injected_thenRecovers() throws Exception {
    ApnsClient client = tokenClient(pushsim.simulator(), Environment.SANDBOX);
    pushsim.simulator().faults().respondWith(Reason.SERVICE_UNAVAILABLE, 1);

    PushNotificationResponse<SimpleApnsPushNotification> outage = send(client, voip(provider.voipToken(), UUID.randomUUID()));
    PushNotificationResponse<SimpleApnsPushNotification> after = send(client, voip(provider.voipToken(), UUID.randomUUID()));

    assertThat(outage.getStatusCode()).isEqualTo(503);
    assertThat(outage.getRejectionReason()).contains("ServiceUnavailable");
    assertThat(after.isAccepted()).isTrue();
  }

  @Test
  void tooManyRequests_toOneDeviceToken() throws Exception {
    try (Simulator limited = Simulator.builder()
        .settings(ApnsSettings.defaults().withTokenRateLimit(3, Duration.ofMinutes(1)))
        .build()
        .start()) {
      TestProvider limitedProvider = TestProvider.in(limited, dir.resolve("limited"));
      provider = limitedProvider;
      ApnsClient client = tokenClient(limited, Environment.SANDBOX);
      DeviceToken token = limitedProvider.voipToken();
      for (int i = 0; i < 3; i++) {
        assertThat(send(client, voip(token, UUID.randomUUID())).isAccepted()).isTrue();
      }
      PushNotificationResponse<SimpleApnsPushNotification> fourth = send(client, voip(token, UUID.randomUUID()));
      assertThat(fourth.getStatusCode()).isEqualTo(429);
      assertThat(fourth.getRejectionReason()).contains("TooManyRequests");

      limited.advance(Duration.ofMinutes(1));
      assertThat(send(client, voip(token, UUID.randomUUID())).isAccepted()).as("a new window").isTrue();
    }
  }

  @Test
  void certificateAuth_voipServicesP12_isAcceptedInBothEnvironments() throws Exception {
    ClientCertificate voipServices = provider.certificate(CertificateKind.VOIP_SERVICES);

    assertThat(send(certificateClient(voipServices, Environment.SANDBOX), voip(provider.voipToken(), UUID.randomUUID())).isAccepted()).isTrue();
    assertThat(send(certificateClient(voipServices, Environment.PRODUCTION), voip(provider.token(Channel.VOIP, Environment.PRODUCTION), UUID.randomUUID())).isAccepted()).isTrue();
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.REQUEST_EVENT).with("auth", "certificate " + TestProvider.BUNDLE_ID + ".voip")))
        .hasSize(2);
  }

  @Test
  void certificateAuth_developmentCertificateOnProduction_isBadCertificateEnvironment() throws Exception {
    ClientCertificate development = provider.certificate(CertificateKind.UNIVERSAL);
    ClientCertificate developmentOnly = pushsim.simulator().ca().mintClientCertificate(TestProvider.BUNDLE_ID, CertificateKind.DEVELOPMENT);

    PushNotificationResponse<SimpleApnsPushNotification> response =
        send(certificateClient(developmentOnly, Environment.PRODUCTION), voip(provider.token(Channel.VOIP, Environment.PRODUCTION), UUID.randomUUID()));

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.getRejectionReason()).contains("BadCertificateEnvironment");
    assertThat(development.environments()).containsExactlyInAnyOrder(Environment.SANDBOX, Environment.PRODUCTION);
  }

  @Test
  void certificateAuth_foreignCertificate_isBadCertificate() throws Exception {
    ClientCertificate foreign = DevelopmentCa.create(pushsim.simulator().clock(), "Foreign CA")
        .mintClientCertificate(TestProvider.BUNDLE_ID, CertificateKind.VOIP_SERVICES);

    PushNotificationResponse<SimpleApnsPushNotification> response =
        send(certificateClient(foreign, Environment.SANDBOX), voip(provider.voipToken(), UUID.randomUUID()));

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.getRejectionReason()).contains("BadCertificate");
  }

  @Test
  void certificateAuth_topicOutsideTheCertificate_isTopicDisallowed() throws Exception {
    ClientCertificate voipServices = provider.certificate(CertificateKind.VOIP_SERVICES);
    DeviceToken apnsToken = provider.sandboxToken();
    SimpleApnsPushNotification alert = new SimpleApnsPushNotification(apnsToken.hex(), TestProvider.BUNDLE_ID, "{\"aps\":{\"alert\":\"hi\"}}");

    PushNotificationResponse<SimpleApnsPushNotification> response = send(certificateClient(voipServices, Environment.SANDBOX), alert);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getRejectionReason()).contains("TopicDisallowed");
  }
}
