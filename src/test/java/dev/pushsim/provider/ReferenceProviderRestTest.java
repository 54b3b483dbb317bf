package dev.pushsim.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.apns.ApnsService;
import dev.pushsim.app.VendorBackend;
import dev.pushsim.app.VendorConfig;
import dev.pushsim.app.VendorSdk;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.Call;
import dev.pushsim.device.Device;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.device.ShownNotification;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The provider's REST API as apps and tools reach it: the simulated app's SDK, and plain HTTP. */
class ReferenceProviderRestTest {

  static final String BUNDLE = "com.example.phone";
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  Simulator sim;
  ReferenceProvider provider;
  Device phone;

  @BeforeEach
  void setUp() {
    sim = pushsim.simulator();
    sim.team("TEAM123456").addBundleId(BUNDLE);
    provider = ReferenceProvider.forSimulator(sim, BUNDLE);
    phone = sim.addDevice("Bob's iPhone", "17.5");
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  /** The app's calling SDK, configured as the app is signed unless told otherwise, signed in as {@code user}. */
  VendorSdk signIn(String user, InstalledApp app, Environment configured) {
    VendorSdk sdk = new VendorSdk(app, VendorConfig.of(configured), VendorBackend.http(provider.registerUrl(), provider.unregisterUrl()));
    sdk.appLaunched();
    sdk.login(user);
    return sdk;
  }

  HttpResponse<String> request(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(provider.baseUrl().resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return request("POST", path, body);
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Test
  void theUrls_pointAtTheRoutes() {
    assertThat(provider.baseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
    assertThat(provider.registerUrl()).isEqualTo(provider.baseUrl().resolve("/tokens"));
    assertThat(provider.unregisterUrl()).isEqualTo(provider.baseUrl().resolve("/tokens/unregister"));
  }

  @Test
  void anAppRegistersThroughItsSdk_thenACallOverRest_ringsThePhone() throws Exception {
    InstalledApp app = phone.install(AppSpec.voipApp(BUNDLE));
    VendorSdk sdk = signIn("bob", app, Environment.SANDBOX);
    assertThat(sdk.registered()).isTrue();
    assertThat(provider.tokensOf("bob")).containsExactly(app.voipToken().hex());

    HttpResponse<String> response = post("/calls", "{\"from\":\"alice\",\"to\":\"bob\",\"displayName\":\"Alice\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = json(response);
    assertThat(body.path("route").asText()).isEqualTo("apns");
    assertThat(body.path("callId").asText()).hasSize(36);
    JsonNode push = body.path("pushes").get(0);
    assertThat(push.path("token").asText()).isEqualTo(app.voipToken().hex());
    assertThat(push.path("status").asInt()).isEqualTo(200);
    assertThat(push.path("reason").isNull()).isTrue();
    assertThat(push.path("decision").asText()).isEqualTo("ACCEPTED");
    assertThat(sim.journal().find(EventPattern.type(ApnsService.REQUEST_EVENT).withApnsId(push.path("apnsId").asText()))).hasSize(1);
    assertThat(phone.callKit().ringingCall()).get().extracting(Call::displayName).isEqualTo("Alice");
  }

  @Test
  void anSdkToldTheWrongEnvironment_registers_butTheCallAnswersBadDeviceToken() throws Exception {
    InstalledApp developmentBuild = phone.install(AppSpec.voipApp(BUNDLE));
    signIn("bob", developmentBuild, Environment.PRODUCTION);

    JsonNode push = json(post("/calls", "{\"from\":\"alice\",\"to\":\"bob\"}")).path("pushes").get(0);

    assertThat(push.path("environment").asText()).isEqualTo("production");
    assertThat(push.path("status").asInt()).isEqualTo(400);
    assertThat(push.path("reason").asText()).isEqualTo("BadDeviceToken");
    assertThat(push.path("decision").asText()).isEqualTo("FAILED");
    assertThat(phone.callKit().calls()).isEmpty();
  }

  @Test
  void aLogoutThroughTheSdk_unregisters_andCallsSendNothing() throws Exception {
    InstalledApp app = phone.install(AppSpec.voipApp(BUNDLE));
    VendorSdk sdk = signIn("bob", app, Environment.SANDBOX);

    sdk.logout();

    assertThat(provider.tokensOf("bob")).isEmpty();
    JsonNode body = json(post("/calls", "{\"from\":\"alice\",\"to\":\"bob\",\"displayName\":\"Alice\"}"));
    assertThat(body.path("route").asText()).isEqualTo("no_tokens");
    assertThat(body.path("pushes")).isEmpty();
    assertThat(sim.journal().find(EventPattern.type(ApnsService.REQUEST_EVENT))).isEmpty();
  }

  @Test
  void presence_andMessages_overRest() throws Exception {
    InstalledApp app = phone.install(AppSpec.voipApp(BUNDLE));
    HttpResponse<String> registered = post("/tokens", "{\"userId\":\"bob\",\"token\":\"" + app.apnsToken().hex()
        + "\",\"bundleId\":\"" + BUNDLE + "\",\"environment\":\"development\",\"pushType\":\"apns\"}");
    assertThat(registered.statusCode()).isEqualTo(204);

    assertThat(post("/presence", "{\"userId\":\"bob\",\"online\":true}").statusCode()).isEqualTo(204);
    assertThat(json(post("/messages", "{\"from\":\"alice\",\"to\":\"bob\",\"text\":\"Lunch?\"}")).path("route").asText())
        .isEqualTo("im_connection");
    assertThat(phone.notifications()).isEmpty();

    assertThat(post("/presence", "{\"userId\":\"bob\",\"online\":false}").statusCode()).isEqualTo(204);
    HttpResponse<String> sent = post("/messages", "{\"from\":\"alice\",\"to\":\"bob\",\"text\":\"Lunch?\"}");
    assertThat(sent.statusCode()).isEqualTo(202);
    assertThat(json(sent).path("messageId").asText()).hasSize(36);
    assertThat(json(sent).path("pushes").get(0).path("channel").asText()).isEqualTo("apns");
    assertThat(phone.notifications()).singleElement().extracting(ShownNotification::text).isEqualTo("alice: Lunch?");
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("/tokens", "{not json", "The body is not valid JSON: "),
        Arguments.of("/tokens", "", "The body is empty: send a JSON object."),
        Arguments.of("/tokens", "[1, 2]", "The body must be a JSON object, not array."),
        Arguments.of("/tokens", "{\"token\":\"abcd\",\"environment\":\"development\"}", "Field 'userId' is required: a non-empty string."),
        Arguments.of("/tokens", "{\"userId\":42,\"token\":\"abcd\",\"environment\":\"development\"}", "Field 'userId' must be a string, not number."),
        Arguments.of("/tokens", "{\"userId\":\"bob\",\"token\":\"zz-top\",\"environment\":\"development\"}",
            "Field 'token' must be the device token in hex (0-9, a-f), not \"zz-top\"."),
        Arguments.of("/tokens", "{\"userId\":\"bob\",\"token\":\"abcd\"}",
            "Field 'environment' is required (\"development\" or \"production\") unless a known 'certificateId' is given."),
        Arguments.of("/tokens", "{\"userId\":\"bob\",\"token\":\"abcd\",\"environment\":\"staging\"}",
            "Unknown APNs environment 'staging': use sandbox (development) or production."),
        Arguments.of("/tokens", "{\"userId\":\"bob\",\"token\":\"abcd\",\"environment\":\"production\",\"pushType\":\"fcm\"}",
            "Field 'pushType' must be \"voip\" (a PushKit token) or \"apns\" (a UserNotifications token), not \"fcm\"."),
        Arguments.of("/tokens/unregister", "{\"userId\":\"bob\"}", "Field 'token' is required: a non-empty string."),
        Arguments.of("/calls", "{\"from\":\"alice\"}", "Field 'to' is required: a non-empty string."),
        Arguments.of("/messages", "{\"from\":\"alice\",\"to\":\"bob\"}", "Field 'text' is required: a non-empty string."),
        Arguments.of("/presence", "{\"userId\":\"bob\",\"online\":\"yes\"}", "Field 'online' is required: true or false."));
  }

  @ParameterizedTest(name = "POST {0} {1}")
  @MethodSource("badBodies")
  void aBadBody_isA400_withASentence(String path, String body, String error) throws Exception {
    HttpResponse<String> response = post(path, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(response).path("error").asText()).startsWith(error);
    assertThat(provider.tokensOf("bob")).isEmpty();
  }

  @Test
  void anUnknownRoute_isA404_listingTheRoutes() throws Exception {
    HttpResponse<String> response = post("/register", "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("error").asText()).isEqualTo("No route POST /register; routes: POST /tokens, POST /tokens/unregister, "
        + "POST /calls, POST /messages, POST /presence, GET /health.");
  }

  @Test
  void aWrongMethod_isA405_namingTheRightOne() throws Exception {
    HttpResponse<String> response = request("GET", "/calls", null);

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(json(response).path("error").asText()).isEqualTo("/calls takes POST, not GET.");
  }

  @Test
  void aBodyTooLarge_isA413() throws Exception {
    HttpResponse<String> response = post("/tokens", "{\"userId\":\"" + "x".repeat(RestApi.MAX_BODY_BYTES) + "\"}");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).path("error").asText()).contains("larger than");
  }

  @Test
  void health_saysOk() throws Exception {
    HttpResponse<String> response = request("GET", "/health", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void afterClose_theApiIsGone() {
    URI health = provider.baseUrl().resolve("/health");
    provider.close();

    assertThat(catchThrowable(() ->
        http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())))
        .isInstanceOf(IOException.class);
  }
}
