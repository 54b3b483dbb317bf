package dev.pushsim.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.pushsim.apns.ApnsService;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.app.TokenRegistration;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.Call;
import dev.pushsim.device.Capabilities;
import dev.pushsim.device.Device;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.device.ShownNotification;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.provider.SendAttempt.Decision;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import dev.pushsim.push.Reason;
import dev.pushsim.world.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference provider against the simulator, judged as the bundled features judge it: from the
 * fake APNs' journal and the simulated phone, on virtual time.
 */
class ReferenceProviderTest {

  static final String TEAM = "TEAM123456";
  static final String BUNDLE = "com.example.phone";

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  Simulator sim;
  ReferenceProvider provider;
  Device phone;

  @BeforeEach
  void setUp() {
    sim = pushsim.simulator();
    sim.team(TEAM).addBundleId(BUNDLE);
    provider = ReferenceProvider.forSimulator(sim, BUNDLE);
    phone = sim.addDevice("Bob's iPhone", "17.5");
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  // ---- helpers ----

  InstalledApp install(AppSpec spec) {
    return phone.install(spec);
  }

  InstalledApp installVoipApp() {
    return install(AppSpec.voipApp(BUNDLE));
  }

  /** What the app's SDK sends after login: its VoIP token, with the environment it was told. */
  void registerVoip(String user, InstalledApp app, Environment configured) {
    provider.registerToken(new TokenRegistration(user, app.voipToken().hex(), BUNDLE, configured, null, Channel.VOIP));
  }

  void registerVoip(String user, InstalledApp app) {
    registerVoip(user, app, app.spec().environment());
  }

  void registerApns(String user, InstalledApp app) {
    provider.registerToken(new TokenRegistration(user, app.apnsToken().hex(), BUNDLE, app.spec().environment(), null, Channel.APNS));
  }

  List<JournalEvent> requests() {
    return sim.journal().find(EventPattern.type(ApnsService.REQUEST_EVENT));
  }

  List<Object> statuses() {
    return requests().stream().map(event -> event.get("status")).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> headers(JournalEvent request) {
    return (Map<String, Object>) request.get("headers");
  }

  // ---- the VoIP push ----

  @Test
  void aCall_isAVoipPushToTheVoipTopic_atPriority10_expiringAtOnce_andThePhoneRings() {
    registerVoip("bob", installVoipApp());

    Dispatch dispatch = provider.call("alice", "bob", "Alice Liddell");

    assertThat(dispatch.route()).isEqualTo(Dispatch.Route.APNS);
    assertThat(requests()).hasSize(1);
    JournalEvent request = requests().get(0);
    assertThat(headers(request))
        .containsEntry("apns-push-type", "voip")
        .containsEntry("apns-topic", BUNDLE + ".voip")
        .containsEntry("apns-priority", "10")
        .containsEntry("apns-expiration", "0")
        .doesNotContainKey("authorization");
    assertThat(request.get("status")).isEqualTo(200);
    assertThat(request.get("environment")).isEqualTo("development");
    assertThat(request.get("auth")).isEqualTo("certificate " + BUNDLE + ".voip");
    assertThat((String) request.get("payload")).contains("\"caller\":\"Alice Liddell\"").contains("\"callId\":\"" + dispatch.id() + "\"");
    assertThat(phone.callKit().ringingCall()).get().extracting(Call::displayName).isEqualTo("Alice Liddell");
    assertThat(provider.attempts()).singleElement().satisfies(attempt -> {
      assertThat(attempt.decision()).isEqualTo(Decision.ACCEPTED);
      assertThat(attempt.channel()).isEqualTo(Channel.VOIP);
      assertThat(attempt.apnsId()).isEqualToIgnoringCase(request.apnsId());
      assertThat(attempt.time()).isEqualTo(sim.clock().now());
    });
  }

  @Test
  void aVeryLongDisplayName_isShortened_soThePayloadNeverExceeds5120Bytes() {
    registerVoip("bob", installVoipApp());
    String name = "Ålice ".repeat(2_000);

    provider.placeCall("alice", "bob", name);

    JournalEvent request = requests().get(0);
    assertThat(request.get("status")).isEqualTo(200);
    assertThat((int) request.get("payloadBytes")).isLessThanOrEqualTo(PushPayloads.VOIP_LIMIT).isGreaterThan(PushPayloads.VOIP_LIMIT - 16);
    assertThat(phone.callKit().ringingCall()).get().extracting(Call::displayName).asString()
        .startsWith("Ålice Ålice").endsWith(PushPayloads.ELLIPSIS);
  }

  @Test
  void manyCalls_shareOneConnection() {
    registerVoip("bob", installVoipApp());

    for (int i = 0; i < 10; i++) {
      provider.placeCall("caller" + i, "bob", "Caller " + i);
    }

    assertThat(statuses()).hasSize(10).containsOnly(200);
    assertThat(sim.journal().find(EventPattern.type(ApnsService.CONNECTION_OPENED_EVENT))).hasSize(1);
  }

  // ---- environments ----

  @Test
  void aProductionToken_isPushedThroughTheProductionApns() {
    InstalledApp app = install(AppSpec.voipApp(BUNDLE).signedFor(Environment.PRODUCTION));
    registerVoip("bob", app);

    provider.placeCall("alice", "bob", "Alice");

    assertThat(requests()).singleElement().satisfies(request -> {
      assertThat(request.get("environment")).isEqualTo("production");
      assertThat(request.get("status")).isEqualTo(200);
    });
    assertThat(sim.journal().find(EventPattern.type(ApnsService.CONNECTION_OPENED_EVENT)))
        .singleElement().extracting(event -> event.get("environment")).isEqualTo("production");
    assertThat(phone.callKit().ringingCall()).isPresent();
  }

  @Test
  void anSdkToldTheWrongEnvironment_getsBadDeviceToken_whichIsRecordedAndNotRetried() {
    InstalledApp developmentBuild = installVoipApp();
    registerVoip("bob", developmentBuild, Environment.PRODUCTION);

    provider.placeCall("alice", "bob", "Alice");
    sim.advance(Duration.ofSeconds(30));

    assertThat(requests()).singleElement().satisfies(request -> {
      assertThat(request.get("environment")).isEqualTo("production");
      assertThat(request.get("reason")).isEqualTo("BadDeviceToken");
    });
    assertThat(provider.attempts()).singleElement().extracting(SendAttempt::decision).isEqualTo(Decision.FAILED);
    assertThat(provider.tokensOf("bob")).as("a 400 is not a 410: the token is kept").hasSize(1);
    assertThat(phone.callKit().calls()).isEmpty();
  }

  // ---- answers ----

  @Test
  void a410AfterUninstall_dropsTheToken_andTheNextCallSendsNothing() {
    registerVoip("bob", installVoipApp());
    phone.uninstall(BUNDLE);

    Dispatch first = provider.call("alice", "bob", "Alice");

    assertThat(first.attempts()).singleElement().satisfies(attempt -> {
      assertThat(attempt.status()).isEqualTo(410);
      assertThat(attempt.reason()).isEqualTo("Unregistered");
      assertThat(attempt.decision()).isEqualTo(Decision.TOKEN_DROPPED);
      assertThat(attempt.detail()).startsWith("token invalid since ");
    });
    assertThat(provider.tokensOf("bob")).isEmpty();

    Dispatch second = provider.call("carol", "bob", "Carol");
    sim.advance(Duration.ofMinutes(1));

    assertThat(second.route()).isEqualTo(Dispatch.Route.NO_TOKENS);
    assertThat(requests()).hasSize(1);
  }

  @Test
  void a503_isRetriedAfterOneThenTwoSecondsOfVirtualTime_thenSucceeds() {
    registerVoip("bob", installVoipApp());
    sim.faults().respondWith(Reason.SERVICE_UNAVAILABLE, 2);
    Instant start = sim.clock().now();

    provider.placeCall("alice", "bob", "Alice");
    assertThat(statuses()).containsExactly(503);
    assertThat(provider.attempts().get(0).retryAt()).isEqualTo(start.plusSeconds(1));

    sim.advance(Duration.ofMillis(999));
    assertThat(statuses()).as("not before the backoff").containsExactly(503);
    sim.advance(Duration.ofMillis(1));
    assertThat(statuses()).containsExactly(503, 503);

    sim.advance(Duration.ofMillis(1_999));
    assertThat(statuses()).containsExactly(503, 503);
    sim.advance(Duration.ofMillis(1));
    assertThat(statuses()).containsExactly(503, 503, 200);

    assertThat(provider.attempts()).extracting(SendAttempt::attempt, SendAttempt::time, SendAttempt::decision).containsExactly(
        tuple(1, start, Decision.RETRYING),
        tuple(2, start.plusSeconds(1), Decision.RETRYING),
        tuple(3, start.plusSeconds(3), Decision.ACCEPTED));
    assertThat(requests()).extracting(JournalEvent::apnsId).as("one push, one apns-id").containsOnly(requests().get(0).apnsId());
    assertThat(phone.callKit().ringingCall()).get().extracting(Call::displayName).isEqualTo("Alice");
    assertThat(provider.pendingRetries()).isZero();
  }

  @ParameterizedTest
  @EnumSource(value = Reason.class, names = {"TOO_MANY_REQUESTS", "INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE", "SHUTDOWN"})
  void tryAgainLaterAnswers_areRetried(Reason reason) {
    registerVoip("bob", installVoipApp());
    sim.faults().respondWith(reason, 1);

    provider.placeCall("alice", "bob", "Alice");
    sim.advance(Duration.ofSeconds(1));

    assertThat(statuses()).containsExactly(reason.status(), 200);
    assertThat(phone.callKit().ringingCall()).isPresent();
  }

  @ParameterizedTest
  @EnumSource(value = Reason.class, names = {"BAD_TOPIC", "BAD_PRIORITY", "PAYLOAD_TOO_LARGE", "FORBIDDEN", "INVALID_PROVIDER_TOKEN", "BAD_CERTIFICATE"})
  void permanentAnswers_areNeverRetried(Reason reason) {
    registerVoip("bob", installVoipApp());
    sim.faults().respondWith(reason, 1);

    provider.placeCall("alice", "bob", "Alice");
    sim.advance(Duration.ofMinutes(1));

    assertThat(statuses()).containsExactly(reason.status());
    assertThat(provider.attempts()).singleElement().satisfies(attempt -> {
      assertThat(attempt.reason()).isEqualTo(reason.wireString());
      assertThat(attempt.decision()).isEqualTo(Decision.FAILED);
    });
    assertThat(provider.pendingRetries()).isZero();
    assertThat(phone.callKit().calls()).isEmpty();
  }

  @Test
  void aGarbageToken_getsBadDeviceToken_inExactlyOneAttempt() {
    installVoipApp();
    provider.registerToken(new TokenRegistration("bob", "<dead beef>", BUNDLE, Environment.SANDBOX, null, Channel.VOIP));

    provider.placeCall("alice", "bob", "Alice");
    sim.advance(Duration.ofMinutes(1));

    assertThat(requests()).singleElement().satisfies(request -> {
      assertThat(request.get("path")).isEqualTo("/3/device/deadbeef");
      assertThat(request.get("reason")).isEqualTo("BadDeviceToken");
    });
    assertThat(provider.attempts()).hasSize(1);
  }

  @Test
  void retries_stopAtMaxAttempts() {
    registerVoip("bob", installVoipApp());
    sim.faults().respondWith(Reason.SERVICE_UNAVAILABLE, 10);

    provider.placeCall("alice", "bob", "Alice");
    sim.advance(Duration.ofMinutes(5));

    assertThat(provider.attempts()).extracting(SendAttempt::decision)
        .containsExactly(Decision.RETRYING, Decision.RETRYING, Decision.RETRYING, Decision.GAVE_UP);
    assertThat(statuses()).hasSize(RetryPolicy.DEFAULT.maxAttempts());
    assertThat(provider.pendingRetries()).isZero();
    sim.faults().clear();
  }

  @Test
  void aDroppedConnection_isRetriedLikeA503_onANewConnection() {
    registerVoip("bob", installVoipApp());
    sim.faults().dropConnectionAfter(1);

    provider.placeCall("alice", "bob", "Alice");
    assertThat(provider.attempts()).singleElement().satisfies(attempt -> {
      assertThat(attempt.status()).isEqualTo(RetryPolicy.NO_ANSWER);
      assertThat(attempt.decision()).isEqualTo(Decision.RETRYING);
      assertThat(attempt.detail()).isNotBlank();
    });

    sim.advance(Duration.ofSeconds(1));

    assertThat(provider.attempts()).extracting(SendAttempt::status).containsExactly(RetryPolicy.NO_ANSWER, 200);
    assertThat(phone.callKit().ringingCall()).isPresent();
  }

  @Test
  void aLogoutDuringTheBackoff_endsThePush() {
    InstalledApp app = installVoipApp();
    registerVoip("bob", app);
    sim.faults().respondWith(Reason.SERVICE_UNAVAILABLE, 1);

    provider.placeCall("alice", "bob", "Alice");
    provider.unregisterToken("bob", app.voipToken().hex());
    sim.advance(Duration.ofMinutes(1));

    assertThat(statuses()).containsExactly(503);
    assertThat(provider.pendingRetries()).isZero();
  }

  @Test
  void close_cancelsPendingRetries() {
    registerVoip("bob", installVoipApp());
    sim.faults().respondWith(Reason.SERVICE_UNAVAILABLE, 1);
    provider.placeCall("alice", "bob", "Alice");
    assertThat(provider.pendingRetries()).isOne();

    provider.close();
    sim.advance(Duration.ofMinutes(1));

    assertThat(statuses()).containsExactly(503);
    // Not clock().pendingTasks(): the server's idle check of the closed connection may still be due until it sees the close.
    assertThat(provider.pendingRetries()).isZero();
    assertThatThrownBy(() -> provider.placeCall("alice", "bob", "Alice")).isInstanceOf(IllegalStateException.class);
  }

  // ---- users and tokens ----

  @Test
  void anOnlineUser_isCalledOverTheImConnection_withoutAPush() {
    registerVoip("bob", installVoipApp());
    provider.setPresence("bob", true);

    Dispatch online = provider.call("alice", "bob", "Alice");
    assertThat(online.route()).isEqualTo(Dispatch.Route.IM_CONNECTION);
    assertThat(requests()).isEmpty();

    provider.setPresence("bob", false);
    provider.placeCall("alice", "bob", "Alice");
    assertThat(statuses()).containsExactly(200);
  }

  @Test
  void unregistering_removesTheToken_andCallsStop() {
    InstalledApp app = installVoipApp();
    registerVoip("bob", app);
    assertThat(provider.tokensOf("bob")).containsExactly(app.voipToken().hex());

    provider.unregisterToken("bob", app.voipToken().hex().toUpperCase());

    assertThat(provider.tokensOf("bob")).isEmpty();
    assertThat(provider.call("alice", "bob", "Alice").route()).isEqualTo(Dispatch.Route.NO_TOKENS);
    assertThat(requests()).isEmpty();
  }

  @Test
  void aTokenRegisteredByAnotherUser_movesToThatUser_andTheFormerOwnerCannotUnregisterIt() {
    InstalledApp app = installVoipApp();
    registerVoip("bob", app);
    registerVoip("carol", app);

    assertThat(provider.tokensOf("bob")).isEmpty();
    assertThat(provider.tokensOf("carol")).containsExactly(app.voipToken().hex());
    provider.unregisterToken("bob", app.voipToken().hex());
    assertThat(provider.tokensOf("carol")).hasSize(1);
  }

  @Test
  void registrations_areValidatedWithASentence() {
    assertThatThrownBy(() -> provider.registerToken(new TokenRegistration("bob", "not a token!", BUNDLE, Environment.SANDBOX, null, Channel.VOIP)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hex");
    assertThatThrownBy(() -> provider.registerToken(new TokenRegistration("bob", "abcd", BUNDLE, null, null, Channel.VOIP)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'environment' is required");
    assertThatThrownBy(() -> Channel.fromWireName("fcm"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pushType' must be");
    assertThatThrownBy(() -> provider.placeCall("alice", "x".repeat(ReferenceProvider.MAX_USER_ID_CHARS + 1), "Alice"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
  }

  // ---- alerts ----

  @Test
  void aMessage_isAPlainAlertToTheApnsToken_storedForADay() {
    InstalledApp app = installVoipApp();
    registerVoip("bob", app);
    registerApns("bob", app);

    Dispatch dispatch = provider.message("alice", "bob", "Lunch?");

    assertThat(dispatch.attempts()).singleElement().extracting(SendAttempt::channel, SendAttempt::token)
        .containsExactly(Channel.APNS, app.apnsToken().hex());
    JournalEvent request = requests().get(0);
    assertThat(headers(request))
        .containsEntry("apns-push-type", "alert")
        .containsEntry("apns-topic", BUNDLE)
        .containsEntry("apns-expiration", String.valueOf(sim.clock().now().plus(ReferenceProvider.MESSAGE_LIFETIME).getEpochSecond()));
    assertThat(phone.notifications()).singleElement().extracting(ShownNotification::text).isEqualTo("alice: Lunch?");
  }

  @Test
  void aMessage_isNeverAVoipPush() {
    registerVoip("bob", installVoipApp());

    Dispatch dispatch = provider.message("alice", "bob", "Lunch?");

    assertThat(dispatch.route()).isEqualTo(Dispatch.Route.NO_TOKENS);
    assertThat(requests()).isEmpty();
  }

  @Test
  void aCallToAUserWithoutAVoipToken_isABannerInSinchsDisplayNameFormat() {
    InstalledApp app = install(AppSpec.voipApp(BUNDLE).withCapabilities(Capabilities.pushOnly()));
    registerApns("bob", app);

    provider.placeCall("alice", "bob", "Alice");

    JournalEvent request = requests().get(0);
    assertThat(headers(request)).containsEntry("apns-push-type", "alert").containsEntry("apns-expiration", "0");
    assertThat((String) request.get("payload"))
        .contains("\"loc-key\":\"SIN_INCOMING_CALL_DISPLAY_NAME\"").contains("\"loc-args\":[\"Alice\"]").contains("\"sin\":");
    assertThat(phone.notifications()).singleElement().extracting(ShownNotification::text).isEqualTo("Incoming call from Alice");
  }

  // ---- configuration ----

  @Test
  void tokenAuth_sendsWithTheTeamsKey_onOneClientPerEnvironment() {
    provider.close();
    SigningKey key = SigningKey.generate(TEAM);
    sim.team(TEAM).addKey(key);
    provider = ReferenceProvider.builderForSimulator(sim, BUNDLE).signingKey(key).build();
    InstalledApp app = installVoipApp();
    registerVoip("bob", app);
    registerApns("bob", app);

    provider.placeCall("alice", "bob", "Alice");
    provider.sendMessage("alice", "bob", "Hi");

    assertThat(statuses()).containsExactly(200, 200);
    assertThat(requests()).extracting(request -> request.get("auth")).containsOnly("token " + TEAM + "/" + key.keyId());
    assertThat(sim.journal().find(EventPattern.type(ApnsService.CONNECTION_OPENED_EVENT))).hasSize(1);
  }

  @Test
  void aCustomRetryPolicy_isFollowed() {
    provider.close();
    provider = ReferenceProvider.builderForSimulator(sim, BUNDLE).retryPolicy(2, Duration.ofMillis(500), 3).build();
    registerVoip("bob", installVoipApp());
    sim.faults().respondWith(Reason.INTERNAL_SERVER_ERROR, 5);

    provider.placeCall("alice", "bob", "Alice");
    sim.advance(Duration.ofMillis(500));
    sim.advance(Duration.ofMinutes(1));

    assertThat(provider.attempts()).extracting(SendAttempt::decision).containsExactly(Decision.RETRYING, Decision.GAVE_UP);
    sim.faults().clear();
  }

  @Test
  void aTencentCertificateId_choosesTheEnvironment() {
    provider.close();
    provider = ReferenceProvider.builderForSimulator(sim, BUNDLE)
        .certificateId("35512", Environment.SANDBOX)
        .certificateId("35513", Environment.PRODUCTION)
        .build();
    InstalledApp app = installVoipApp();

    // The SDK's environment field is not what Tencent goes by: the certificate ID is.
    provider.registerToken(new TokenRegistration("bob", app.voipToken().hex(), BUNDLE, Environment.PRODUCTION, "35512", Channel.VOIP));
    provider.placeCall("alice", "bob", "Alice");

    assertThat(requests()).singleElement().satisfies(request -> {
      assertThat(request.get("environment")).isEqualTo("development");
      assertThat(request.get("status")).isEqualTo(200);
    });
    assertThatThrownBy(() -> provider.registerToken(new TokenRegistration("bob", app.voipToken().hex(), BUNDLE, null, "99999", Channel.VOIP)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown certificate ID '99999': this provider has 35512 (development), 35513 (production).");
  }

  @Test
  void aTokenOfAnEnvironmentWithoutAHost_failsWithoutASend() {
    provider.close();
    provider = ReferenceProvider.builder()
        .apns(Environment.SANDBOX, "localhost", sim.sandbox().port())
        .trust(sim.ca().certificate())
        .signingKey(SigningKey.generate(TEAM))
        .bundleId(BUNDLE)
        .clock(sim.clock())
        .build();
    provider.registerToken(new TokenRegistration("bob", "abcd", BUNDLE, Environment.PRODUCTION, null, Channel.VOIP));

    assertThat(provider.call("alice", "bob", "Alice").attempts()).singleElement().satisfies(attempt -> {
      assertThat(attempt.decision()).isEqualTo(Decision.FAILED);
      assertThat(attempt.detail()).isEqualTo("no APNs host is configured for production");
    });
    assertThat(requests()).isEmpty();
  }

  @Test
  void build_saysWhatIsMissing() {
    assertThatThrownBy(() -> ReferenceProvider.builder().bundleId(BUNDLE).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("No APNs host given");
    assertThatThrownBy(() -> ReferenceProvider.builder().apns(Environment.SANDBOX, "localhost", 2197).bundleId(BUNDLE).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("No certificate or signing key given");
    assertThatThrownBy(() -> ReferenceProvider.builder().apns(Environment.SANDBOX, "localhost", 2197).signingKey(SigningKey.generate(TEAM)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("No bundle id given");
  }

  @Test
  void toString_showsState() {
    registerVoip("bob", installVoipApp());
    provider.placeCall("alice", "bob", "Alice");

    assertThat(provider.toString()).contains(BUNDLE).contains("1 token(s)").contains("attempts=1").contains("http://127.0.0.1:");
  }
}
