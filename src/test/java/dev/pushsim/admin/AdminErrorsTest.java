package dev.pushsim.admin;

import static dev.pushsim.testing.AdminClient.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.clock.SimClock;
import dev.pushsim.testing.AdminClient;
import dev.pushsim.world.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every mistake a client can make gets a JSON error with a sentence that says what and where, and
 * the right status; the server keeps serving after each.
 */
class AdminErrorsTest {

  static Simulator sim;
  static AdminServer admin;
  static AdminClient api;

  @BeforeAll
  static void start() {
    sim = Simulator.builder().build().start();
    sim.addDevice("Alice's iPhone", "17.5");
    admin = AdminServer.builder(sim).build().start();
    api = AdminClient.at(admin.url());
  }

  @AfterAll
  static void stop() {
    admin.close();
    sim.close();
  }

  @Test
  void malformedJson_is400WithLineAndColumn() {
    AdminClient.Response response = api.post("/admin/devices", "{\n  \"name\": \"Bob's iPhone\",\n  \"ios\" \"17\"\n}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    assertThat(response.json().path("status").asInt()).isEqualTo(400);
    assertThat(response.error()).startsWith("Malformed JSON at line 3, column 9: Unexpected character ('\"' (code 34)): was expecting a colon");
  }

  @Test
  void anUnknownField_is400NamingItWhereItIs_andWhatTheRequestTakes() {
    AdminClient.Response response = api.post("/admin/devices", "{\"name\":\"Bob's iPhone\",\"iso\":\"17\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.error()).isEqualTo("Unknown field 'iso' at line 1, column 24; this request takes [name, ios]");
  }

  @Test
  void aWrongTypeOrAMissingOrInvalidValue_is400() {
    assertThat(api.put(path("admin", "devices", "Alice's iPhone", "do-not-disturb"), "{\"enabled\":\"very\"}").error())
        .startsWith("Invalid field 'enabled' at line 1, column 12: Cannot deserialize value of type `boolean`");
    assertThat(api.post("/admin/devices", "").error()).isEqualTo("This request needs a JSON body with the fields [name, ios].");
    assertThat(api.post("/admin/devices", "{\"ios\":\"17\"}").error()).endsWith(": a device needs a 'name'");
    assertThat(api.post(path("admin", "devices", "Alice's iPhone", "apps"), "{\"bundleId\":\"com.example.voip\",\"behaviour\":\"dance\"}").error())
        .contains("unknown behaviour 'dance': use report, report after <duration>, never report, report when mustReport,"
        + " report via LiveCommunicationKit, block <duration>, crash or webhook <url>");
    assertThat(api.post("/admin/clock/advance", "{\"by\":\"soon\"}").error()).endsWith("'soon' is not a duration like 500ms, 2s, 1m or 1h");
    assertThat(api.get("/admin/journal?limit=0").error()).isEqualTo("Query parameter 'limit' must be between 1 and 1000, not 0");
    assertThat(api.get("/admin/journal?apns-id=x").error()).startsWith("Unknown query parameter 'apns-id'; this route takes [type, apnsId,");
  }

  @Test
  void unknownDeviceAppTokenOrRoute_is404() {
    AdminClient.Response device = api.get(path("admin", "devices", "Mallory's iPhone"));
    assertThat(device.status()).isEqualTo(404);
    assertThat(device.error()).isEqualTo("No device named 'Mallory's iPhone'; devices: [Alice's iPhone]");

    AdminClient.Response app = api.post(path("admin", "devices", "Alice's iPhone", "apps", "com.example.none", "launch"), null);
    assertThat(app.status()).isEqualTo(404);
    assertThat(app.error()).isEqualTo("com.example.none is not installed on Alice's iPhone; installed: []");

    assertThat(api.get("/admin/tokens/abcd").status()).isEqualTo(404);
    AdminClient.Response route = api.get("/admin/teleport");
    assertThat(route.status()).isEqualTo(404);
    assertThat(route.error()).isEqualTo("No admin route GET /admin/teleport; GET /admin lists them.");
    assertThat(api.get("/nothing-here.html").status()).isEqualTo(404);
    assertThat(api.get("/../pom.xml").status()).isEqualTo(404);
  }

  @Test
  void aWrongMethod_is405WithAllow() {
    AdminClient.Response response = api.delete("/admin/health");

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow")).isEqualTo("GET");
    assertThat(response.error()).isEqualTo("DELETE is not allowed on /admin/health; use GET.");
  }

  @Test
  void whatTheWorldsStateForbids_is409() {
    AdminClient.Response duplicate = api.post("/admin/devices", "{\"name\":\"Alice's iPhone\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.error()).isEqualTo("A device named 'Alice's iPhone' already exists.");

    api.post(path("admin", "devices", "Alice's iPhone", "apps"), "{\"bundleId\":\"com.example.chat\",\"capabilities\":[\"push\"]}");
    AdminClient.Response twice = api.post(path("admin", "devices", "Alice's iPhone", "apps"), "{\"bundleId\":\"com.example.chat\"}");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.error()).isEqualTo("com.example.chat is already installed on Alice's iPhone; uninstall or reinstall it.");

    AdminClient.Response noVoipToken = api.post(path("admin", "devices", "Alice's iPhone", "apps", "com.example.chat", "push") + "?type=voip", "{}");
    assertThat(noVoipToken.status()).isEqualTo(409);
    assertThat(noVoipToken.error()).isEqualTo("com.example.chat on Alice's iPhone has no VoIP token: it lacks the Voice over IP background mode");
  }

  @Test
  void aBadPushPayload_is400WithWhere() {
    api.post(path("admin", "devices", "Alice's iPhone", "apps"), "{\"bundleId\":\"com.example.phone\"}");
    String push = path("admin", "devices", "Alice's iPhone", "apps", "com.example.phone", "push");

    assertThat(api.post(push + "?type=voip", "{\"aps\":{},\n\"caller\":}").error())
        .startsWith("The payload is not valid JSON at line 2, column 10: Unexpected character ('}' (code 125))");
    assertThat(api.post(push, "[1,2]").error()).isEqualTo("The payload must be a JSON object, not array.");
    assertThat(api.post(push, "").error()).startsWith("The payload is empty");
    assertThat(api.post(push + "?type=fax", "{}").error()).startsWith("Unknown push type 'fax': use one of [alert, background, location, voip,");
  }

  @Test
  void clockAdvance_onTheSystemClock_is409() {
    try (Simulator onSystemTime = Simulator.builder().clock(SimClock.system()).build().start();
        AdminServer systemAdmin = AdminServer.builder(onSystemTime).build().start()) {
      AdminClient.Response response = AdminClient.at(systemAdmin.url()).post("/admin/clock/advance", "{\"by\":\"7s\"}");

      assertThat(response.status()).isEqualTo(409);
      assertThat(response.error()).isEqualTo("The simulator runs on the system clock: time passes by itself."
          + " Start it with --clock virtual to move time by hand.");
      assertThat(AdminClient.at(systemAdmin.url()).get("/admin/clock").json().path("mode").asText()).isEqualTo("system");
    }
  }

  @Test
  void aBodyOverOneMebibyte_is413() {
    AdminClient.Response response = api.post("/admin/devices", "{\"name\":\"" + "x".repeat(AdminRequest.MAX_BODY_BYTES) + "\"}");

    assertThat(response.status()).isEqualTo(413);
    assertThat(api.get("/admin/health").status()).isEqualTo(200);
  }

  @Test
  void aBearerToken_isRequiredWhenConfigured_andNonLoopbackNeedsOne() {
    try (AdminServer guarded = AdminServer.builder(sim).bearerToken("s3cret").build().start()) {
      AdminClient.Response missing = AdminClient.at(guarded.url()).get("/admin/health");
      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(missing.error()).isEqualTo("This admin API needs 'Authorization: Bearer <token>' (the --admin-token it was started with).");
      assertThat(AdminClient.at(guarded.url()).withToken("guess").get("/admin/health").error()).isEqualTo("The bearer token is wrong.");
      assertThat(AdminClient.at(guarded.url()).withToken("s3cret").get("/admin/health").status()).isEqualTo(200);
      assertThat(AdminClient.at(guarded.url()).get("/admin/health?access_token=s3cret").status()).isEqualTo(200);
      assertThat(AdminClient.at(guarded.url()).get("/").status()).as("the dashboard page itself holds no data").isEqualTo(200);
    }

    assertThatThrownBy(() -> AdminServer.builder(sim).host("0.0.0.0").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Refusing to serve the admin API on 0.0.0.0 without a bearer token");
  }
}
