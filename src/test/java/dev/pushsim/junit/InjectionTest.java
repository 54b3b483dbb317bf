package dev.pushsim.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.device.AppBehaviour;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.EventTypes;
import dev.pushsim.journal.Journal;
import dev.pushsim.journal.JournalQuery;
import dev.pushsim.journal.RecordedRequest;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One test per injectable, on the programmatic form; a real Pushy client over real TLS and HTTP/2. */
class InjectionTest {

  @RegisterExtension static PushSimExtension pushsim = new PushSimExtension().perClass();

  @Test
  void theSimulatorIsTheRunningOne(Simulator sim) {
    assertThat(sim).isSameAs(pushsim.simulator());
    assertThat(sim.sandbox().port()).isPositive();
  }

  @Test
  void theJournalIsTheSimulatorsAndTheQueryIsScopedToTheTest(Journal journal, JournalQuery query) {
    assertThat(journal).isSameAs(pushsim.simulator().journal());
    pushsim.simulator().addDevice("scoped", "17.5");
    assertThat(query.single(EventPattern.type(EventTypes.DEVICE_ADDED)).device()).isEqualTo("scoped");
  }

  @Test
  void theEndpointsAcceptConnections(ApnsEndpoints endpoints) throws Exception {
    assertThat(endpoints.sandboxPort()).isEqualTo(pushsim.simulator().server(Environment.SANDBOX).port());
    assertThat(endpoints.productionPort()).isEqualTo(pushsim.simulator().server(Environment.PRODUCTION).port());
    assertThat(endpoints.sandboxUrl()).isEqualTo("https://localhost:" + endpoints.sandboxPort());
    for (int port : new int[] {endpoints.sandboxPort(), endpoints.productionPort()}) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(endpoints.host(), port), 5_000);
        assertThat(socket.isConnected()).isTrue();
      }
    }
  }

  @Test
  void theCaIsGivenAsFileAndPem(ProviderCredentials credentials) throws Exception {
    X509Certificate fromFile;
    try (InputStream in = Files.newInputStream(credentials.caFile())) {
      fromFile = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    assertThat(fromFile).isEqualTo(pushsim.simulator().ca().certificate());
    assertThat(credentials.caPem()).isEqualTo(Files.readString(credentials.caFile()));
  }

  @Test
  void theTeamsKeyIsAP8TheSimulatorKnows(ProviderCredentials credentials) {
    assertThat(credentials.p8File().getFileName().toString()).isEqualTo("AuthKey_" + credentials.keyId() + ".p8");
    SigningKey loaded = SigningKey.fromP8(credentials.p8File(), credentials.teamId(), credentials.keyId());
    assertThat(pushsim.simulator().team(credentials.teamId()).key(credentials.keyId())).isPresent();
    assertThat(loaded.keyId()).isEqualTo(credentials.keyId());
  }

  @Test
  void aPushyClientSendsAVoipPushThatRings(ApnsClient client) throws Exception {
    InstalledApp app = pushsim.simulator().addDevice("bob", "17.5")
        .install(AppSpec.voipApp(PushSimExtension.DEFAULT_BUNDLE_ID).withBehaviour(AppBehaviour.reportImmediately()));

    PushNotificationResponse<SimpleApnsPushNotification> response = client.sendNotification(
        new SimpleApnsPushNotification(app.voipToken().hex(), PushSimExtension.DEFAULT_BUNDLE_ID + ".voip",
            "{\"aps\":{},\"caller\":\"Alice\"}", Instant.EPOCH, DeliveryPriority.IMMEDIATE, PushType.VOIP))
        .get(20, TimeUnit.SECONDS);

    assertThat(response.getStatusCode()).isEqualTo(200);
    RecordedRequest request = pushsim.singleRequest(EventPattern.any().withDeviceToken(app.voipToken().hex()));
    assertThat(request.header("apns-push-type")).isEqualTo("voip");
    assertThat(pushsim.awaitCall("bob").get("caller")).isEqualTo("Alice");
  }

  @Test
  void aMissedExpectationNamesTheCauseAndTheNearMiss(ApnsClient client) throws Exception {
    client.sendNotification(new SimpleApnsPushNotification("00ff", PushSimExtension.DEFAULT_BUNDLE_ID, "{\"aps\":{}}"))
        .get(20, TimeUnit.SECONDS);

    assertThatThrownBy(() -> pushsim.singleRequest(EventPattern.any().with("status", 200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected exactly 1 events of type apns.request with status=200 but found 0.\n")
        .hasMessageContaining("status=400 reason=BadDeviceToken")
        .hasMessageContaining("<- status was 400, not 200");
  }
}
