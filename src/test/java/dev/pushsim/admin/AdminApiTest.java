package dev.pushsim.admin;

import static dev.pushsim.testing.AdminClient.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.testing.AdminClient;
import dev.pushsim.testing.Curl;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.testing.Tools;
import dev.pushsim.world.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin REST API driven with the JDK's HttpClient while curl, a real APNs client, pushes over
 * TLS and HTTP/2: every route does what its Java counterpart does, on virtual time.
 */
class AdminApiTest {

  static final String PHONE = "Carol's iPhone";
  static final String APP = TestProvider.BUNDLE_ID;

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  Simulator sim;
  TestProvider provider;
  AdminServer admin;
  AdminClient api;

  @BeforeEach
  void setUp() {
    Tools.require(Curl.available(), "curl is not installed");
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

  private JsonNode addPhoneWithApp(String behaviour) {
    assertThat(api.post("/admin/devices", "{\"name\":\"" + PHONE + "\",\"ios\":\"17.5\"}").status()).isEqualTo(201);
    AdminClient.Response installed = api.post(path("admin", "devices", PHONE, "apps"),
        "{\"bundleId\":\"" + APP + "\",\"signedFor\":\"development\",\"behaviour\":\"" + behaviour + "\"}");
    assertThat(installed.status()).as("%s", installed).isEqualTo(201);
    return installed.json();
  }

  private DeviceToken voipToken() {
    return sim.device(PHONE).app(APP).orElseThrow().voipToken();
  }

  private Curl.Response ring(String caller) {
    return provider.voip(voipToken()).body("{\"aps\":{},\"caller\":\"" + caller + "\"}").sendWithCurl();
  }

  private JsonNode phone() {
    return api.get(path("admin", "devices", PHONE)).json();
  }

  private JsonNode app() {
    return api.get(path("admin", "devices", PHONE, "apps", APP)).json();
  }

  @Test
  void health_andTheRouteTableDescribesItself() {
    JsonNode health = api.get("/admin/health").json();
    assertThat(health.path("status").asText()).isEqualTo("ok");
    assertThat(health.path("clock").asText()).isEqualTo("virtual");
    assertThat(health.path("apns").path("development").asText()).isEqualTo(sim.sandbox().url());

    List<String> routes = new ArrayList<>();
    api.get("/admin").json().path("routes").forEach(route -> routes.add(route.path("method").asText() + " " + route.path("path").asText()));
    assertThat(routes).contains("GET /admin/devices", "POST /admin/devices/{device}/apps/{app}/push", "GET /admin/journal/stream", "POST /admin/clock/advance");
  }

  @Test
  void theBrowsersFaviconRequest_answersTheDashboardsIcon() {
    AdminClient.Response icon = api.get("/favicon.ico");
    assertThat(icon.status()).as("%s", icon).isEqualTo(200);
    assertThat(icon.header("content-type")).isEqualTo("image/svg+xml");
    assertThat(icon.body()).startsWith("<svg").isEqualTo(api.get("/favicon.svg").body());
    assertThat(api.get("/").body()).contains("<link rel=\"icon\" href=\"/favicon.svg\"");
  }

  @Test
  void aPhoneAddedOverTheApi_ringsWhenCurlPushes_andTheUserAnswers() {
    JsonNode installed = addPhoneWithApp("report");
    assertThat(installed.path("voipToken").asText()).isEqualTo(voipToken().hex());
    assertThat(installed.path("state").asText()).isEqualTo("NOT_RUNNING");

    Curl.Response answer = ring("Alice");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode ringing = phone().path("ringingCall");
    assertThat(ringing.path("caller").asText()).isEqualTo("Alice");
    assertThat(ringing.path("apnsId").asText()).isEqualToIgnoringCase(answer.apnsId());
    assertThat(app().path("state").asText()).isEqualTo("BACKGROUND");

    AdminClient.Response answered = api.post(path("admin", "devices", PHONE, "calls", ringing.path("uuid").asText(), "answer"), null);
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.json().path("ringingCall").isNull()).isTrue();
    assertThat(answered.json().path("calls").get(0).path("state").asText()).isEqualTo("ANSWERED");
  }

  @Test
  void aLateReport_afterTheClockIsAdvancedOverTheApi_showsTheCrashAndAStrike() {
    addPhoneWithApp("report after 8s");

    ring("Alice");
    JsonNode clock = api.post("/admin/clock/advance", "{\"by\":\"7s\"}").json();

    assertThat(clock.path("mode").asText()).isEqualTo("virtual");
    JsonNode app = app();
    assertThat(app.path("state").asText()).isEqualTo("TERMINATED_BY_SYSTEM");
    assertThat(app.path("lastTermination").asText()).isEqualTo("failed to post an incoming call in time (7000 ms)");
    assertThat(app.path("lastTerminationException").asText()).isEqualTo("0xbaadca11");
    assertThat(app.path("strikes").asInt()).isEqualTo(1);
    assertThat(phone().path("ringingCall").isNull()).isTrue();
  }

  @Test
  void offlineAndOnline_doNotDisturb_killAndLaunch_restart() {
    addPhoneWithApp("report");

    assertThat(api.post(path("admin", "devices", PHONE, "offline"), null).json().path("online").asBoolean()).isFalse();
    provider.voip(voipToken()).header("apns-expiration", String.valueOf(sim.clock().now().getEpochSecond() + 3600)).sendWithCurl();
    assertThat(phone().path("storedNotifications").path(APP + ".voip").asText()).as("one slot per topic").isNotEmpty();
    JsonNode online = api.post(path("admin", "devices", PHONE, "online"), null).json();
    assertThat(online.path("storedNotifications").size()).isZero();
    assertThat(online.path("ringingCall").path("caller").asText()).isEqualTo("Alice");

    api.post(path("admin", "devices", PHONE, "restart"), null);
    assertThat(api.put(path("admin", "devices", PHONE, "do-not-disturb"), "{\"enabled\":true}").json().path("doNotDisturb").asBoolean()).isTrue();
    ring("Dave");
    assertThat(phone().path("ringingCall").isNull()).as("Do Not Disturb filters the call").isTrue();
    assertThat(api.get("/admin/journal?type=callkit.reported&device=" + PHONE.replace(" ", "%20")).json().path("events"))
        .extracting(event -> event.path("data").path("result").asText()).endsWith("filteredByDoNotDisturb");

    assertThat(api.post(path("admin", "devices", PHONE, "apps", APP, "kill"), null).json().path("state").asText()).isEqualTo("KILLED_BY_USER");
    assertThat(api.post(path("admin", "devices", PHONE, "apps", APP, "launch"), null).json().path("state").asText()).isEqualTo("FOREGROUND");
  }

  @Test
  void behaviour_reinstall_uninstall_andTokens() {
    addPhoneWithApp("report");
    String firstToken = voipToken().hex();

    JsonNode changed = api.put(path("admin", "devices", PHONE, "apps", APP, "behaviour"), "{\"behaviour\":\"never report\"}").json();
    assertThat(changed.path("behaviour").asText()).isEqualTo("never reports calls to CallKit");
    ring("Alice");
    assertThat(app().path("lastTerminationException").asText()).isEqualTo("NSInternalInconsistencyException");

    JsonNode reinstalled = api.post(path("admin", "devices", PHONE, "apps", APP, "reinstall"), null).json();
    assertThat(reinstalled.path("voipToken").asText()).isNotEqualTo(firstToken);
    assertThat(reinstalled.path("strikes").asInt()).isZero();

    JsonNode token = api.get(path("admin", "tokens", reinstalled.path("voipToken").asText())).json();
    assertThat(token.path("device").asText()).isEqualTo(PHONE);
    assertThat(token.path("channel").asText()).isEqualTo("VOIP");
    assertThat(api.get("/admin/tokens").json()).extracting(each -> each.path("token").asText()).contains(firstToken, reinstalled.path("voipToken").asText());

    JsonNode afterUninstall = api.delete(path("admin", "devices", PHONE, "apps", APP)).json();
    assertThat(afterUninstall.path("apps").size()).isZero();
    Curl.Response gone = provider.voip(sim.tokens().find(reinstalled.path("voipToken").asText()).orElseThrow()).sendWithCurl();
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.reason()).isEqualTo("Unregistered");
  }

  @Test
  void deletingADevice_uninstallsItsApps_itsTokensAnswer410_andTheJournalCountsThem() {
    addPhoneWithApp("report");
    DeviceToken token = voipToken();

    JsonNode left = api.delete(path("admin", "devices", PHONE)).json();
    assertThat(left).extracting(each -> each.path("name").asText()).doesNotContain(PHONE);
    assertThat(api.get(path("admin", "devices", PHONE)).status()).isEqualTo(404);
    Curl.Response gone = provider.voip(token).sendWithCurl();
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.reason()).isEqualTo("Unregistered");
    assertThat(api.get("/admin/journal?type=device.removed").json().path("events")).hasSize(1);

    assertThat(api.get("/admin/journal/count?type=apns.request&status=410&reason=Unregistered").json().path("count").asLong())
        .isEqualTo(1);
    assertThat(api.get("/admin/journal?status=410").json().path("events").get(0).path("data").path("reason").asText())
        .isEqualTo("Unregistered");
    assertThat(api.get("/admin/journal/count?status=200&reason=Unregistered").json().path("count").asLong()).isZero();
    AdminClient.Response badStatus = api.get("/admin/journal/count?status=gone");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.error()).isEqualTo("status must be an HTTP status such as 410, not 'gone'");

    AdminClient.Response again = api.delete(path("admin", "devices", PHONE));
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.error()).startsWith("No device named '" + PHONE + "'");
  }

  @Test
  void modelKnobs_areListedAndSetOverTheApi_andAWrongOneChangesNothing() {
    assertThat(api.get("/admin/model").json().path("knobs").path("strikeLimit").asText()).isEqualTo("3");

    AdminClient.Response set = api.post("/admin/model", "{\"set\":{\"strikeLimit\":5,\"forceQuitVoip\":\"withhold\"}}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().path("knobs").path("forceQuitVoip").asText()).isEqualTo("withhold");
    assertThat(sim.deviceRules().strikeLimit()).isEqualTo(5);

    AdminClient.Response wrong = api.post("/admin/model", "{\"set\":{\"strikeLimit\":4,\"offlineCap\":\"soon\"}}");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.error()).contains("offlineCap is a duration");
    assertThat(sim.deviceRules().strikeLimit()).as("all or nothing").isEqualTo(5);
  }

  @Test
  void faults_armedOverTheApi_answerTheNextRealRequests() {
    addPhoneWithApp("report");

    AdminClient.Response armed = api.post("/admin/faults", "{\"respondWith\":\"ServiceUnavailable\",\"times\":2}");
    assertThat(armed.status()).isEqualTo(201);
    assertThat(api.get("/admin/faults").json().path("armed").get(0).asText()).contains("ServiceUnavailable").contains("2 request(s)");

    assertThat(ring("Alice").reason()).isEqualTo("ServiceUnavailable");
    assertThat(api.delete("/admin/faults").json().path("armed").size()).isZero();
    assertThat(ring("Alice").status()).isEqualTo(200);

    assertThat(api.post("/admin/faults", "{\"respondWith\":\"Teapot\"}").error()).startsWith("Invalid body at line 1, column 24: unknown reason 'Teapot': use one of [BadCollapseId,");
    assertThat(api.post("/admin/faults", "{\"times\":2}").error()).contains("name exactly one fault");
  }

  @Test
  void journal_pagesWithACursor_andFilters() {
    addPhoneWithApp("report");
    String apnsId = ring("Alice").apnsId();
    ring("Bob");

    JsonNode first = api.get("/admin/journal?limit=3").json();
    assertThat(first.path("events")).hasSize(3);
    assertThat(first.path("events").get(0).path("sequence").asLong()).isEqualTo(1);
    assertThat(first.path("more").asBoolean()).isTrue();
    JsonNode second = api.get("/admin/journal?limit=3&after=" + first.path("next").asLong()).json();
    assertThat(second.path("events").get(0).path("sequence").asLong()).isEqualTo(4);

    JsonNode push = api.get("/admin/journal?apnsId=" + apnsId).json();
    assertThat(push.path("events")).extracting(event -> event.path("type").asText())
        .containsSubsequence("apns.request", "device.delivered", "callkit.call.shown");
    assertThat(api.get("/admin/journal?type=apns.*&token=" + voipToken().hex()).json().path("events")).hasSize(2)
        .allSatisfy(event -> assertThat(event.path("type").asText()).isEqualTo("apns.request"));
    assertThat(api.get("/admin/journal?app=" + APP + "&type=callkit.call.shown").json().path("events")).hasSize(2);
    assertThat(api.get("/admin/journal?app=com.example.other").json().path("events")).isEmpty();

    AdminClient.Response diagram = api.get("/admin/journal/diagram?apnsId=" + apnsId);
    assertThat(diagram.header("Content-Type")).startsWith("image/svg+xml");
    assertThat(diagram.body()).startsWith("<svg").contains("voip → 200", "ringing: Alice");
  }

  @Test
  void push_handsAPayloadToTheApp_bypassingApns_likeSimctl() {
    addPhoneWithApp("report");

    AdminClient.Response pushed = api.post(path("admin", "devices", PHONE, "apps", APP, "push") + "?type=voip", "{\"aps\":{},\"caller\":\"Eve\"}");

    assertThat(pushed.status()).as("%s", pushed).isEqualTo(200);
    assertThat(pushed.json().path("events")).extracting(event -> event.path("type").asText())
        .containsSubsequence("device.pushed", "device.delivered", "app.launched", "callkit.call.shown");
    assertThat(phone().path("ringingCall").path("caller").asText()).isEqualTo("Eve");
    assertThat(api.post(path("admin", "devices", PHONE, "apps", APP, "push"), "{\"aps\":{\"alert\":{\"title\":\"Hi\",\"body\":\"there\"}}}").status()).isEqualTo(200);
    assertThat(phone().path("notifications").get(0).path("title").asText()).isEqualTo("Hi");
  }

  @Test
  void metrics_inPrometheusTextFormat() {
    addPhoneWithApp("report");
    ring("Alice");
    ring("Alice");

    AdminClient.Response metrics = api.get("/admin/metrics");

    assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    assertThat(metrics.body())
        .contains("# TYPE pushsim_apns_requests_total counter\n")
        .contains("pushsim_apns_requests_total{environment=\"development\",status=\"200\",reason=\"\"} 2\n")
        .contains("pushsim_journal_events_total{type=\"callkit.call.shown\"} 2\n")
        .contains("pushsim_devices 1\n", "pushsim_calls_ringing 1\n")
        .contains("# TYPE pushsim_journal_sink_write_errors_total counter\npushsim_journal_sink_write_errors_total 0\n");
  }

  @Test
  void reset_returnsEveryDeviceToAFreshState_keepingTokensAndJournal() {
    addPhoneWithApp("never report");
    ring("Alice");
    api.post(path("admin", "devices", PHONE, "offline"), null);
    api.post("/admin/faults", "{\"respondWith\":\"InternalServerError\",\"times\":5}");
    long recorded = sim.journal().recorded();

    api.post("/admin/reset", null);

    JsonNode phone = phone();
    assertThat(phone.path("online").asBoolean()).isTrue();
    assertThat(phone.path("apps").get(0).path("strikes").asInt()).isZero();
    assertThat(phone.path("apps").get(0).path("state").asText()).isEqualTo("NOT_RUNNING");
    assertThat(phone.path("apps").get(0).path("voipToken").asText()).isEqualTo(voipToken().hex());
    assertThat(api.get("/admin/faults").json().path("armed").size()).isZero();
    assertThat(sim.journal().recorded()).isGreaterThan(recorded);
    assertThat(api.get("/admin/journal?type=world.reset").json().path("events")).hasSize(1);
  }
}
