package dev.pushsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pushsim.apns.auth.ProviderTokens;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.device.DeviceEvents;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.testing.H2Client;
import dev.pushsim.world.Simulator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The world {@code pushsim serve} loads from simulator/world.yaml has one app,
 * {@code com.example.voip}, whose bundle id ends in a push type's suffix: alert and background
 * pushes go to the bundle id itself, VoIP pushes to {@code com.example.voip.voip}.
 */
class DefaultWorldTopicsTest {

  private static final String APP = "com.example.voip";

  @TempDir static Path dir;
  private static ServeCommand.Running running;
  private static Simulator sim;
  private static H2Client client;
  private static String bearer;

  @BeforeAll
  static void serveTheBundledWorld() throws Exception {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--world", ServeCommand.DEFAULT_WORLD.toString(),
        "--sandbox-port", "0", "--production-port", "0", "--admin-port", "0", "--data-dir", dir.toString());
    running = serve.start(new PrintStream(OutputStream.nullOutputStream(), true));
    sim = running.sim();
    SigningKey key = sim.team("PUSHSIMDEV").keys().iterator().next();
    bearer = "bearer " + ProviderTokens.sign(key, sim.clock().now());
    client = H2Client.connect("localhost", sim.sandbox().port(), sim.ca().certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    running.close();
  }

  private static InstalledApp alicesApp() {
    return sim.device("Alice's iPhone").app(APP).orElseThrow();
  }

  private static H2Client.Response send(DeviceToken token, String topic, String pushType, String priority, String payload) throws Exception {
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"authorization", bearer});
    headers.add(new String[] {"apns-topic", topic});
    if (pushType != null) {
      headers.add(new String[] {"apns-push-type", pushType});
    }
    if (priority != null) {
      headers.add(new String[] {"apns-priority", priority});
    }
    return client.send("POST", "/3/device/" + token.hex(), headers, payload).get(20, TimeUnit.SECONDS);
  }

  @Test
  void anAlertPushToTheBundleId_isShown() throws Exception {
    H2Client.Response response = send(alicesApp().apnsToken(), APP, "alert", null, "{\"aps\":{\"alert\":\"Topic test\"}}");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(sim.device("Alice's iPhone").notifications()).anyMatch(shown -> shown.text().equals("Topic test")));
  }

  @Test
  void anAlertPushWithoutPushType_isTakenForAnAlert_notForAVoipPushToComExample() throws Exception {
    H2Client.Response response = send(alicesApp().apnsToken(), APP, null, null, "{\"aps\":{\"alert\":\"Inferred\"}}");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(sim.device("Alice's iPhone").notifications()).anyMatch(shown -> shown.text().equals("Inferred")));
  }

  @Test
  void aBackgroundPushAtPriority5_wakesTheApp() throws Exception {
    H2Client.Response response = send(alicesApp().apnsToken(), APP, "background", "5", "{\"aps\":{\"content-available\":1}}");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    String apnsId = response.header("apns-id");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(sim.journal().find(EventPattern.type(DeviceEvents.WOKEN).withApnsId(apnsId))).hasSize(1));
  }

  @Test
  void aVoipPushToTheBundleIdPlusVoip_rings() throws Exception {
    H2Client.Response response = send(alicesApp().voipToken(), APP + ".voip", "voip", "10", "{\"aps\":{},\"caller\":\"Carol\"}");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(sim.device("Alice's iPhone").callKit().ringingCall()).isPresent());
  }

  @Test
  void theWrongReadingsOfTheTopic_areAnsweredWithTheRuleThatFailed() throws Exception {
    H2Client.Response voipAtTheBundleId = send(alicesApp().voipToken(), APP, "voip", null, "{\"aps\":{}}");
    assertThat(voipAtTheBundleId.status()).isEqualTo(400);
    assertThat(voipAtTheBundleId.body()).contains("InvalidPushType");

    H2Client.Response alertAtTheVoipTopic = send(alicesApp().apnsToken(), APP + ".voip", "alert", null, "{\"aps\":{\"alert\":\"x\"}}");
    assertThat(alertAtTheVoipTopic.status()).isEqualTo(400);
    assertThat(alertAtTheVoipTopic.body()).contains("InvalidPushType");

    H2Client.Response strippedTopic = send(alicesApp().voipToken(), "com.example", "voip", null, "{\"aps\":{}}");
    assertThat(strippedTopic.status()).isEqualTo(400);
    assertThat(strippedTopic.body()).contains("TopicDisallowed");
  }
}
