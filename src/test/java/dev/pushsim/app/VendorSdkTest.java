package dev.pushsim.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.VirtualClock;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.Capabilities;
import dev.pushsim.device.Device;
import dev.pushsim.device.DeviceContext;
import dev.pushsim.device.DeviceRules;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.Journal;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.push.Environment;
import dev.pushsim.push.TokenRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The calling SDK's token flow from the seeds, against a WireMock vendor backend. */
class VendorSdkTest {

  @RegisterExtension
  static WireMockExtension backend = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String APP = "com.example.phone";
  static final String DEV_CERTIFICATE_ID = "35512";

  final VirtualClock clock = SimClock.virtual(Instant.parse("2026-01-01T09:00:00Z"));
  final Journal journal = new Journal(clock);
  final DeviceContext context = new DeviceContext(clock, journal, new TokenRegistry(clock), DeviceRules.defaults());
  final Device phone = new Device("Bob's iPhone", "17.5", context);

  @BeforeEach
  void backendAccepts() {
    backend.stubFor(post("/register").willReturn(ok()));
    backend.stubFor(post("/unregister").willReturn(ok()));
  }

  /** An SDK configured correctly for a development-signed app, Tencent-style with a certificate ID. */
  VendorConfig config() {
    return VendorConfig.of(Environment.SANDBOX).withCertificateId(DEV_CERTIFICATE_ID);
  }

  VendorBackend backend() {
    return VendorBackend.http(URI.create(backend.url("/register")), URI.create(backend.url("/unregister")));
  }

  VendorSdk sdkFor(InstalledApp app) {
    return new VendorSdk(app, config(), backend());
  }

  InstalledApp installVoipApp() {
    return phone.install(AppSpec.voipApp(APP));
  }

  List<JournalEvent> events(String type) {
    return journal.find(EventPattern.type(type).withDevice(phone.name()));
  }

  JournalEvent only(String type) {
    List<JournalEvent> events = events(type);
    assertThat(events).as("%s events in %s", type, journal.events()).hasSize(1);
    return events.get(0);
  }

  @Test
  void theToken_isHeldUntilAUserLogsIn_thenRegistered() {
    InstalledApp app = installVoipApp();
    VendorSdk sdk = sdkFor(app);
    String token = app.voipToken().hex();

    sdk.appLaunched();

    assertThat(sdk.heldToken()).contains(token);
    assertThat(sdk.registered()).isFalse();
    assertThat(only(VendorEvents.TOKEN_OBTAINED).deviceToken()).isEqualTo(token);
    backend.verify(0, anyRequestedFor(anyUrl()));

    sdk.login("alice");

    backend.verify(1, postRequestedFor(urlEqualTo("/register"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(matchingJsonPath("$.userId", equalTo("alice")))
        .withRequestBody(matchingJsonPath("$.token", equalTo(token)))
        .withRequestBody(matchingJsonPath("$.bundleId", equalTo(APP)))
        .withRequestBody(matchingJsonPath("$.environment", equalTo("development")))
        .withRequestBody(matchingJsonPath("$.certificateId", equalTo(DEV_CERTIFICATE_ID)))
        .withRequestBody(matchingJsonPath("$.pushType", equalTo("voip"))));
    assertThat(sdk.registered()).isTrue();
    JournalEvent registered = only(VendorEvents.TOKEN_REGISTERED);
    assertThat(registered.get("userId")).isEqualTo("alice");
    assertThat(registered.get("status")).isEqualTo(200);
    assertThat(registered.deviceToken()).isEqualTo(token);
  }

  @Test
  void aLoginBeforeTheTokenArrives_registersAsSoonAsTheAppLaunches() {
    VendorSdk sdk = sdkFor(installVoipApp());

    sdk.login("alice");
    backend.verify(0, anyRequestedFor(anyUrl()));
    assertThat(only(VendorEvents.LOGGED_IN).get("tokenHeld")).isEqualTo(false);

    sdk.appLaunched();

    backend.verify(1, postRequestedFor(urlEqualTo("/register")).withRequestBody(matchingJsonPath("$.userId", equalTo("alice"))));
    assertThat(sdk.registered()).isTrue();
  }

  @Test
  void aSecondLaunch_doesNotRegisterAgain() {
    VendorSdk sdk = sdkFor(installVoipApp());
    sdk.appLaunched();
    sdk.login("alice");
    sdk.appLaunched();
    backend.verify(1, postRequestedFor(urlEqualTo("/register")));
  }

  @Test
  void logout_unregistersTheToken_andKeepsHoldingIt() {
    InstalledApp app = installVoipApp();
    VendorSdk sdk = sdkFor(app);
    sdk.appLaunched();
    sdk.login("alice");

    sdk.logout();

    backend.verify(1, postRequestedFor(urlEqualTo("/unregister"))
        .withRequestBody(matchingJsonPath("$.userId", equalTo("alice")))
        .withRequestBody(matchingJsonPath("$.token", equalTo(app.voipToken().hex()))));
    assertThat(only(VendorEvents.TOKEN_UNREGISTERED).get("userId")).isEqualTo("alice");
    assertThat(sdk.registered()).isFalse();
    assertThat(sdk.userId()).isEmpty();
    assertThat(sdk.heldToken()).contains(app.voipToken().hex());

    sdk.login("bob");
    backend.verify(1, postRequestedFor(urlEqualTo("/register")).withRequestBody(matchingJsonPath("$.userId", equalTo("bob"))));
  }

  @Test
  void withoutTheVoipBackgroundMode_noTokenIsRegistered() {
    InstalledApp app = phone.install(AppSpec.voipApp(APP).withCapabilities(Capabilities.voipApp().withVoipBackgroundMode(false)));
    VendorSdk sdk = sdkFor(app);

    sdk.appLaunched();
    sdk.login("alice");
    sdk.logout();

    backend.verify(0, anyRequestedFor(anyUrl()));
    assertThat(sdk.heldToken()).isEmpty();
    assertThat(only(VendorEvents.TOKEN_UNAVAILABLE).get("why"))
        .isEqualTo("the app lacks the Voice over IP background mode: PushKit gives it no VoIP token");
    assertThat(events(VendorEvents.TOKEN_OBTAINED)).isEmpty();
  }

  @Test
  void aBackendError_isJournaled_notThrown_andALaterLoginRetries() {
    backend.stubFor(post("/register").willReturn(aResponse().withStatus(500).withBody("{\"error\":\"db down\"}")));
    VendorSdk sdk = sdkFor(installVoipApp());
    sdk.appLaunched();

    sdk.login("alice");

    assertThat(sdk.registered()).isFalse();
    JournalEvent failed = only(VendorEvents.TOKEN_REGISTRATION_FAILED);
    assertThat(failed.get("status")).isEqualTo(500);
    assertThat(failed.get("why")).isEqualTo(backend.url("/register") + " answered 500: {\"error\":\"db down\"}");
    assertThat(events(VendorEvents.TOKEN_REGISTERED)).isEmpty();

    backend.stubFor(post("/register").willReturn(ok()));
    sdk.login("alice");
    assertThat(sdk.registered()).isTrue();
  }

  @Test
  void anUnreachableBackend_isJournaled_notThrown() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://localhost:" + closed + "/register");
    VendorSdk unreachable = new VendorSdk(installVoipApp(), VendorConfig.of(Environment.SANDBOX),
        VendorBackend.http(nowhere, nowhere, Duration.ofMillis(500)));

    unreachable.appLaunched();
    unreachable.login("alice");

    assertThat(unreachable.registered()).isFalse();
    assertThat(only(VendorEvents.TOKEN_REGISTRATION_FAILED).get("why")).isEqualTo(nowhere + " refused the connection");
  }

  @Test
  void aDevSignedApp_whoseSdkIsConfiguredForProduction_registersProduction_unnoticedOnThePhone() {
    InstalledApp app = phone.install(AppSpec.voipApp(APP).signedFor(Environment.SANDBOX));
    VendorSdk sdk = new VendorSdk(app, config().withConfiguredEnvironment(Environment.PRODUCTION), backend());

    sdk.appLaunched();
    sdk.login("alice");

    backend.verify(1, postRequestedFor(urlEqualTo("/register")).withRequestBody(matchingJsonPath("$.environment", equalTo("production"))));
    assertThat(sdk.registered()).as("nothing on the phone checks the SDK's environment against the signing").isTrue();
    assertThat(app.voipToken().environment()).isEqualTo(Environment.SANDBOX);
    JournalEvent registered = only(VendorEvents.TOKEN_REGISTERED);
    assertThat(registered.get("environment")).isEqualTo("production");
    assertThat(registered.get("tokenEnvironment")).as("the journal shows what the SDK cannot see").isEqualTo("development");
  }

  @Test
  void anotherUser_mustWaitForALogout() {
    VendorSdk sdk = sdkFor(installVoipApp());
    sdk.login("alice");
    assertThatThrownBy(() -> sdk.login("bob")).hasMessage("alice is logged in to com.example.phone on Bob's iPhone; log out first.");
  }

  @Test
  void theSdkOfAnUninstalledApp_refusesToLaunch() {
    VendorSdk sdk = sdkFor(installVoipApp());
    phone.reinstall(APP);
    assertThatThrownBy(sdk::appLaunched).isInstanceOf(IllegalStateException.class).hasMessageContaining("make a VendorSdk for the installed app");
  }
}
