package dev.pushsim.admin;

import static dev.pushsim.testing.AdminClient.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.testing.AdminClient;
import dev.pushsim.world.Simulator;
import dev.pushsim.world.WebhookAllowList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Through the real admin server: a webhook the operator did not allow is a 400 and changes nothing. */
class AdminWebhookAllowListTest {

  Simulator sim;
  AdminServer admin;
  AdminClient api;

  @BeforeEach
  void start() {
    sim = Simulator.builder().build().start();
    sim.addDevice("Alice's iPhone", "17.5");
    admin = AdminServer.builder(sim).build().start();
    api = AdminClient.at(admin.url());
    assertThat(api.post(path("admin", "devices", "Alice's iPhone", "apps"), "{\"bundleId\":\"com.example.voip\"}").status())
        .isEqualTo(201);
  }

  @AfterEach
  void stop() {
    admin.close();
    sim.close();
  }

  private String behaviourPath() {
    return path("admin", "devices", "Alice's iPhone", "apps", "com.example.voip", "behaviour");
  }

  @Test
  void byDefault_aLoopbackWebhook_is400_andTheBehaviourStays() {
    AdminClient.Response response = api.put(behaviourPath(), "{\"behaviour\":\"webhook http://127.0.0.1:8197/internal\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.error()).isEqualTo("webhook http://127.0.0.1:8197/internal is not allowed: its origin"
        + " http://127.0.0.1:8197 is not in world.yaml's webhooks.allow []");
    assertThat(sim.device("Alice's iPhone").app("com.example.voip").orElseThrow().spec().behaviour().toString())
        .doesNotContain("webhook");
  }

  @Test
  void installingWithADisallowedWebhook_is400_andInstallsNothing() {
    String apps = path("admin", "devices", "Alice's iPhone", "apps");
    AdminClient.Response response = api.post(apps, "{\"bundleId\":\"com.example.other\",\"behaviour\":\"webhook https://evil.example/x\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.error()).startsWith("webhook https://evil.example/x is not allowed: its origin https://evil.example:443");
    assertThat(sim.device("Alice's iPhone").app("com.example.other")).isEmpty();
  }

  @Test
  void anAllowedOrigin_isAccepted_butOnlyOnItsExactPort() {
    sim.webhooks(new WebhookAllowList(List.of("http://127.0.0.1:9000")));

    assertThat(api.put(behaviourPath(), "{\"behaviour\":\"webhook http://127.0.0.1:9000/voip\"}").status()).isEqualTo(200);
    assertThat(sim.device("Alice's iPhone").app("com.example.voip").orElseThrow().spec().behaviour().toString())
        .isEqualTo("asks webhook http://127.0.0.1:9000/voip");
    assertThat(api.put(behaviourPath(), "{\"behaviour\":\"webhook http://127.0.0.1:9001/voip\"}").status()).isEqualTo(400);
    assertThat(api.put(behaviourPath(), "{\"behaviour\":\"webhook http://localhost:9000/voip\"}").status()).isEqualTo(400);
  }
}
