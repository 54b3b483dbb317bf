package dev.pushsim.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import dev.pushsim.testing.AdminClient;
import dev.pushsim.testing.H2Client;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.world.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults armed over the admin API: every parameter is checked against its legal range (400 with
 * the range), every armed fault is listed, and DELETE and reset undo them all, the stream limit
 * included, as new connections' SETTINGS show.
 */
class FaultsApiTest {

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  Simulator sim;
  TestProvider provider;
  AdminServer admin;
  AdminClient api;

  @BeforeEach
  void setUp() {
    sim = pushsim.simulator();
    provider = TestProvider.in(sim, dir);
    admin = AdminServer.builder(sim).build().start();
    api = AdminClient.at(admin.url());
  }

  @AfterEach
  void tearDown() {
    if (admin != null) {
      admin.close();
    }
  }

  /**
   * SETTINGS_MAX_CONCURRENT_STREAMS a new certificate connection is greeted with (a token one starts
   * with 1 until its first valid token: StartupSettingsTest).
   */
  private long newConnectionsStreamLimit() throws Exception {
    ClientCertificate certificate = provider.certificate(CertificateKind.DEVELOPMENT);
    try (H2Client client = H2Client.connect("localhost", sim.sandbox().port(), sim.ca().certificate(),
        certificate.privateKey(), certificate.chain())) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !client.settings().isEmpty());
      return client.settings().get(0).settings().maxConcurrentStreams();
    }
  }

  private int pushOnANewConnection() throws Exception {
    try (H2Client client = H2Client.connect("localhost", sim.sandbox().port(), sim.ca().certificate())) {
      return provider.alert(provider.sandboxToken()).sendWith(client).get(10, TimeUnit.SECONDS).status();
    }
  }

  private void assertRefused(String body, String error) {
    AdminClient.Response response = api.post("/admin/faults", body);
    assertThat(response.status()).as("%s", response).isEqualTo(400);
    assertThat(response.error()).contains(error);
  }

  @Test
  void aStreamLimitOutOfRange_isRefused_andApnsServesOn() throws Exception {
    String range = "maxConcurrentStreams must be from 1 to 2147483647"
        + " (2^31-1, the most streams one connection can open)";
    assertRefused("{\"maxConcurrentStreams\": 9999999999999}", range + ", not 9999999999999");
    assertRefused("{\"maxConcurrentStreams\": 2147483648}", range + ", not 2147483648");
    assertRefused("{\"maxConcurrentStreams\": 0}", range + ", not 0");
    assertRefused("{\"maxConcurrentStreams\": -1}", range + ", not -1");

    assertThat(api.get("/admin/faults").json().path("armed")).isEmpty();
    assertThat(newConnectionsStreamLimit()).isEqualTo(1000L);
    assertThat(pushOnANewConnection()).isEqualTo(200);
  }

  @Test
  void theLargestLegalStreamLimit_isAnnounced() throws Exception {
    assertThat(api.post("/admin/faults", "{\"maxConcurrentStreams\": 2147483647}").status()).isEqualTo(201);
    assertThat(newConnectionsStreamLimit()).isEqualTo(2147483647L);
    assertThat(pushOnANewConnection()).isEqualTo(200);
  }

  @Test
  void aFaultForOneEnvironment_isListed_andLeavesTheOtherAnswering() throws Exception {
    AdminClient.Response armed = api.post("/admin/faults",
        "{\"respondWith\": \"ServiceUnavailable\", \"environment\": \"production\"}");
    assertThat(armed.status()).as("%s", armed).isEqualTo(201);
    assertThat(api.get("/admin/faults").json().path("armed").get(0).asText())
        .isEqualTo("Respond[reason=503 ServiceUnavailable] for 1 request(s) in production only");
    assertThat(pushOnANewConnection()).as("sandbox").isEqualTo(200);
    try (H2Client client = H2Client.connect("localhost", sim.production().port(), sim.ca().certificate())) {
      var toProduction = provider.alert(provider.token(Channel.APNS, Environment.PRODUCTION));
      assertThat(toProduction.sendWith(client).get(10, TimeUnit.SECONDS).status()).isEqualTo(503);
    }
    assertThat(api.get("/admin/faults").json().path("armed")).isEmpty();

    api.post("/admin/faults", "{\"stall\": true, \"times\": 2, \"environment\": \"sandbox\"}");
    api.post("/admin/faults", "{\"resetStream\": \"CANCEL\"}");
    assertThat(api.get("/admin/faults").json().path("armed")).extracting(node -> node.asText()).containsExactly(
        "Stall[] for 2 request(s) in sandbox only", "ResetStream[error=CANCEL] for 1 request(s)");
    assertThat(api.post("/admin/reset", null).status()).isEqualTo(200);
    assertThat(api.get("/admin/faults").json().path("armed")).isEmpty();
  }

  @Test
  void theNewFaultFields_areChecked() {
    assertRefused("{\"respondWith\": \"Shutdown\", \"environment\": \"staging\"}",
        "Unknown APNs environment 'staging': use sandbox (development) or production.");
    assertRefused("{\"resetStream\": \"OOPS\"}", "unknown HTTP/2 error 'OOPS'");
    assertRefused("{\"stall\": false}", "'stall' arms a stall: true, or leave it out");
    assertRefused("{\"goAwayAfter\": 1, \"times\": 2}", "'times' goes with respondWith, delay, resetStream or stall");
  }

  @Test
  void aStreamLimit_isListed_andUndoneByDelete_andByReset() throws Exception {
    AdminClient.Response armed = api.post("/admin/faults", "{\"maxConcurrentStreams\": 1}");
    assertThat(armed.status()).isEqualTo(201);
    assertThat(armed.json().path("armed").get(0).asText()).isEqualTo("StreamLimit[streams=1] until cleared");
    assertThat(newConnectionsStreamLimit()).isEqualTo(1L);

    assertThat(api.delete("/admin/faults").json().path("armed")).isEmpty();
    assertThat(newConnectionsStreamLimit()).isEqualTo(1000L);

    api.post("/admin/faults", "{\"maxConcurrentStreams\": 7}");
    assertThat(api.post("/admin/reset", null).status()).isEqualTo(200);
    assertThat(api.get("/admin/faults").json().path("armed")).isEmpty();
    assertThat(newConnectionsStreamLimit()).isEqualTo(1000L);
  }

  @Test
  void everyFaultsParameters_areCheckedAgainstTheirRange() throws Exception {
    assertRefused("{\"delay\": \"2h\"}", "A delay must be from 0 to 1h, not PT2H");
    assertRefused("{\"delay\": \"999999999h\"}", "A delay must be from 0 to 1h");
    assertRefused("{\"delay\": \"soon\"}", "'soon' is not a duration like 500ms, 2s, 1m or 1h");
    assertRefused("{\"respondWith\": \"ServiceUnavailable\", \"times\": 0}",
        "'times' must be from 1 to 2147483647, not 0");
    assertRefused("{\"respondWith\": \"ServiceUnavailable\", \"times\": 99999999999}", "times");
    assertRefused("{\"goAwayAfter\": 0}", "'goAwayAfter' must be from 1 to 2147483647 requests, not 0");
    assertRefused("{\"dropConnectionAfter\": -3}",
        "'dropConnectionAfter' must be from 1 to 2147483647 requests, not -3");
    assertRefused("{\"goAwayAfter\": 1, \"reason\": \"Teapot\"}", "unknown reason 'Teapot'");

    assertThat(api.get("/admin/faults").json().path("armed")).isEmpty();
    assertThat(api.post("/admin/faults", "{\"delay\": \"1h\"}").status()).isEqualTo(201);
  }
}
