package dev.pushsim.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.world.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device model driven end to end: Pushy sends over TLS and HTTP/2, the fake APNs answers,
 * and the simulated phone applies the PushKit/CallKit rules on virtual time.
 */
class PushKitEndToEndTest {

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  Simulator sim;
  Device phone;
  ApnsClient pushy;

  @BeforeEach
  void setUp() throws Exception {
    sim = pushsim.simulator();
    TestProvider provider = TestProvider.in(sim, dir);
    phone = sim.addDevice("Bob's iPhone", "17.5");
    pushy = new ApnsClientBuilder()
        .setApnsServer("localhost", sim.sandbox().port())
        .setTrustedServerCertificateChain(provider.caPem.toFile())
        .setSigningKey(ApnsSigningKey.loadFromPkcs8File(provider.p8.toFile(), TestProvider.TEAM_ID, provider.key.keyId()))
        .build();
  }

  @AfterEach
  void tearDown() throws Exception {
    pushy.close().get(10, TimeUnit.SECONDS);
  }

  private InstalledApp install(AppBehaviour behaviour) {
    return phone.install(AppSpec.voipApp(TestProvider.BUNDLE_ID).withBehaviour(behaviour));
  }

  private String sendVoip(InstalledApp app, String caller, Instant expiration) throws Exception {
    UUID apnsId = UUID.randomUUID();
    PushNotificationResponse<SimpleApnsPushNotification> response = pushy.sendNotification(new SimpleApnsPushNotification(
        app.voipToken().hex(), TestProvider.BUNDLE_ID + ".voip", "{\"aps\":{},\"caller\":\"" + caller + "\"}", expiration,
        DeliveryPriority.IMMEDIATE, com.eatthepath.pushy.apns.PushType.VOIP, null, apnsId)).get(20, TimeUnit.SECONDS);
    assertThat(response.getStatusCode()).as("APNs answer: %s", response).isEqualTo(200);
    return apnsId.toString();
  }

  private List<String> timeline(String apnsId) {
    return sim.journal().find(EventPattern.any().withApnsId(apnsId).withTypePrefix("")).stream()
        .filter(event -> !event.type().startsWith("apns."))
        .map(JournalEvent::type)
        .toList();
  }

  @Test
  void aPushReportedAtOnce_ringsWithTheCallersName() throws Exception {
    InstalledApp app = install(AppBehaviour.reportImmediately());
    String id = sendVoip(app, "Alice", Instant.EPOCH);
    assertThat(phone.callKit().ringingCall()).get().extracting(Call::displayName).isEqualTo("Alice");
    assertThat(timeline(id)).containsExactly(
        DeviceEvents.DELIVERED, DeviceEvents.LAUNCHED, DeviceEvents.DELEGATE_ENTERED,
        DeviceEvents.REPORTED, DeviceEvents.CALL_SHOWN, DeviceEvents.DELEGATE_RETURNED);
  }

  @Test
  void anAppThatReportsLate_isKilledAtTheDeadline() throws Exception {
    InstalledApp app = install(AppBehaviour.reportAfter(Duration.ofSeconds(9)));
    String id = sendVoip(app, "Alice", Instant.EPOCH);

    sim.advance(Duration.ofSeconds(7));

    JournalEvent terminated = sim.journal().find(EventPattern.type(DeviceEvents.TERMINATED).withApnsId(id)).get(0);
    assertThat(terminated.get("exception")).isEqualTo("0xbaadca11");
    assertThat(app.state()).isEqualTo(ProcessState.TERMINATED_BY_SYSTEM);
  }

  @Test
  void anAppThatNeverReports_isKilledWithApplesMessage_andAfterThreeStrikesNeverRingsAgain_untilReinstalled() throws Exception {
    InstalledApp app = install(AppBehaviour.neverReport());
    String first = sendVoip(app, "Alice", Instant.EPOCH);
    assertThat(sim.journal().find(EventPattern.type(DeviceEvents.TERMINATED).withApnsId(first)).get(0).get("reason"))
        .isEqualTo("Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push.");
    sendVoip(app, "Alice", Instant.EPOCH);
    sendVoip(app, "Alice", Instant.EPOCH);
    assertThat(app.voipThrottled()).isTrue();

    app.setBehaviour(AppBehaviour.reportImmediately());
    String fourth = sendVoip(app, "Alice", Instant.EPOCH);
    assertThat(timeline(fourth)).as("APNs answered 200, the phone never rang").containsExactly(DeviceEvents.DELIVERED, DeviceEvents.DROPPED);
    assertThat(phone.callKit().calls()).isEmpty();

    InstalledApp reinstalled = phone.reinstall(TestProvider.BUNDLE_ID);
    String afterReinstall = sendVoip(reinstalled, "Alice", Instant.EPOCH);
    assertThat(timeline(afterReinstall)).contains(DeviceEvents.CALL_SHOWN);
  }

  @Test
  void withForceQuitWithhold_aUserKilledApp_getsNothingUntilLaunched() throws Exception {
    sim.deviceRules(sim.deviceRules().withForceQuitVoip(ForceQuitVoip.WITHHOLD));
    InstalledApp app = install(AppBehaviour.reportImmediately());
    phone.kill(TestProvider.BUNDLE_ID);

    String whileKilled = sendVoip(app, "Alice", Instant.EPOCH);
    assertThat(timeline(whileKilled)).containsExactly(DeviceEvents.DELIVERED, DeviceEvents.DROPPED);

    phone.launch(TestProvider.BUNDLE_ID);
    String afterLaunch = sendVoip(app, "Alice", Instant.EPOCH);
    assertThat(timeline(afterLaunch)).contains(DeviceEvents.CALL_SHOWN);
  }

  @Test
  void anOfflineDevice_receivesOnlyTheNewestPushOnReconnect_andNothingThatExpired() throws Exception {
    InstalledApp app = install(AppBehaviour.reportImmediately());
    phone.goOffline();
    Instant inAnHour = sim.clock().now().plus(Duration.ofHours(1));
    String older = sendVoip(app, "Alice", inAnHour);
    String newer = sendVoip(app, "Bob", inAnHour);
    String notStored = sendVoip(app, "Carol", Instant.EPOCH);

    phone.goOnline();

    assertThat(timeline(older)).containsExactly(DeviceEvents.STORED, DeviceEvents.REPLACED);
    assertThat(timeline(notStored)).containsExactly(DeviceEvents.EXPIRED);
    assertThat(timeline(newer)).contains(DeviceEvents.CALL_SHOWN);
    assertThat(phone.callKit().ringingCall()).get().extracting(Call::displayName).isEqualTo("Bob");

    phone.goOffline();
    String expiring = sendVoip(app, "Dave", sim.clock().now().plus(Duration.ofMinutes(1)));
    sim.advance(Duration.ofMinutes(2));
    phone.goOnline();
    assertThat(timeline(expiring)).containsExactly(DeviceEvents.STORED, DeviceEvents.EXPIRED);
  }
}
