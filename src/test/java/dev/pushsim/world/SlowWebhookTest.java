package dev.pushsim.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.eatthepath.pushy.apns.util.concurrent.PushNotificationFuture;
import com.sun.net.httpserver.HttpServer;
import dev.pushsim.app.WebhookBehaviour;
import dev.pushsim.device.AppBehaviour;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.Device;
import dev.pushsim.device.DeviceEvents;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.testing.TestProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook app that takes 2 s to answer holds up its own phone only: APNs answers its push at
 * once, and an unrelated phone's push on the same HTTP/2 connection is answered and rings while
 * the webhook still thinks. Real TLS, real HTTP/2 (Pushy, one connection), a real HTTP webhook.
 */
class SlowWebhookTest {

  /** What the webhook spends thinking, in real time. */
  static final Duration THINKING = Duration.ofSeconds(2);
  /** Generous for a loopback answer on a loaded 2-core machine, far below {@link #THINKING}. */
  static final Duration PROMPT = Duration.ofMillis(1000);

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  Simulator sim;
  ApnsClient pushy;
  HttpServer webhook;
  final CountDownLatch asked = new CountDownLatch(1);
  final CountDownLatch answered = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws Exception {
    sim = pushsim.simulator();
    TestProvider provider = TestProvider.in(sim, dir);
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/voip", exchange -> {
      asked.countDown();
      exchange.getRequestBody().readAllBytes();
      try {
        // The vendor's backend is slow: it answers after THINKING, whatever the simulator does.
        new CountDownLatch(1).await(THINKING.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = "{\"action\":\"report\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
      answered.countDown();
    });
    webhook.start();
    pushy = new ApnsClientBuilder()
        .setApnsServer("localhost", sim.sandbox().port())
        .setTrustedServerCertificateChain(provider.caPem.toFile())
        .setSigningKey(ApnsSigningKey.loadFromPkcs8File(provider.p8.toFile(), TestProvider.TEAM_ID, provider.key.keyId()))
        .setConcurrentConnections(1)
        .build();
  }

  @AfterEach
  void tearDown() throws Exception {
    pushy.close().get(10, TimeUnit.SECONDS);
    webhook.stop(0);
  }

  private PushNotificationFuture<SimpleApnsPushNotification, PushNotificationResponse<SimpleApnsPushNotification>> push(
      InstalledApp app, String apnsId) {
    return pushy.sendNotification(new SimpleApnsPushNotification(
        app.voipToken().hex(), TestProvider.BUNDLE_ID + ".voip", "{\"aps\":{},\"caller\":\"Alice\"}", Instant.EPOCH,
        DeliveryPriority.IMMEDIATE, PushType.VOIP, null, UUID.fromString(apnsId)));
  }

  private List<String> timeline(String apnsId) {
    return sim.journal().find(EventPattern.any().withApnsId(apnsId)).stream().map(JournalEvent::type).toList();
  }

  @Test
  void aWebhookThatTakesTwoSeconds_delaysNeitherItsAnswerNorAnotherPhonesPushOnTheSameConnection() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/voip");
    Device slowPhone = sim.addDevice("Slow's iPhone", "17.5");
    InstalledApp slow = slowPhone.install(AppSpec.voipApp(TestProvider.BUNDLE_ID)
        .withBehaviour(new WebhookBehaviour(url, THINKING.multipliedBy(3))));
    Device quickPhone = sim.addDevice("Quick's iPhone", "17.5");
    InstalledApp quick = quickPhone.install(AppSpec.voipApp(TestProvider.BUNDLE_ID)
        .withBehaviour(AppBehaviour.reportImmediately()));
    String slowId = UUID.randomUUID().toString();
    String quickId = UUID.randomUUID().toString();
    // Opens the one connection (TLS, HTTP/2 settings) so that the bounds below time pushes, not the handshake.
    assertThat(push(quick, UUID.randomUUID().toString()).get(10, TimeUnit.SECONDS).getStatusCode()).isEqualTo(200);
    quickPhone.callKit().ringingCall().ifPresent(call -> quickPhone.callKit().decline(call.update().callUuid()));

    long sentSlow = System.nanoTime();
    assertThat(push(slow, slowId).get(10, TimeUnit.SECONDS).getStatusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - sentSlow)).as("APNs' answer to the webhook app's push")
        .isLessThan(PROMPT);
    assertThat(asked.await(10, TimeUnit.SECONDS)).as("the webhook was asked").isTrue();

    long sentQuick = System.nanoTime();
    assertThat(push(quick, quickId).get(10, TimeUnit.SECONDS).getStatusCode()).isEqualTo(200);
    Duration quickAnswer = Duration.ofNanos(System.nanoTime() - sentQuick);
    assertThat(quickAnswer).as("APNs' answer to the other phone's push").isLessThan(PROMPT);
    assertThat(quickPhone.callKit().ringingCall()).as("the other phone rings as APNs answers").isPresent();
    assertThat(answered.getCount()).as("the webhook is still thinking").isEqualTo(1);
    assertThat(timeline(quickId)).contains(DeviceEvents.CALL_SHOWN);
    assertThat(timeline(slowId)).doesNotContain(DeviceEvents.CALL_SHOWN);

    sim.awaitIdle();
    assertThat(answered.getCount()).isZero();
    assertThat(slowPhone.callKit().ringingCall()).as("the webhook app reported once its webhook answered").isPresent();
    assertThat(timeline(slowId)).containsSubsequence(DeviceEvents.DELIVERED, DeviceEvents.DELEGATE_ENTERED,
        DeviceEvents.REPORTED, DeviceEvents.CALL_SHOWN);
  }
}
