package dev.pushsim.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.VirtualClock;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.Call;
import dev.pushsim.device.CallUpdate;
import dev.pushsim.device.Device;
import dev.pushsim.device.DeviceContext;
import dev.pushsim.device.DeviceEvents;
import dev.pushsim.device.DeviceRules;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.device.ProcessState;
import dev.pushsim.device.VoipPush;
import dev.pushsim.device.VoipReaction;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.Journal;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.push.AcceptedPush;
import dev.pushsim.push.PushType;
import dev.pushsim.push.TokenRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A remote webhook decides what the app's PushKit delegate does; every failure becomes a named crash. */
class WebhookBehaviourTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String APP = "com.example.phone";
  static final ObjectMapper JSON = new ObjectMapper();
  static final UUID SUGGESTED_UUID = UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff");
  static final CallUpdate SUGGESTED = new CallUpdate(SUGGESTED_UUID, "alice@example.com", "Alice");

  String url() {
    return server.url("/push");
  }

  WebhookBehaviour webhook() {
    return new WebhookBehaviour(URI.create(url()), Duration.ofMillis(500));
  }

  void answer(String json) {
    server.stubFor(post("/push").willReturn(okJson(json)));
  }

  static VoipPush push() {
    return new VoipPush("A6D4C2E0-0000-4000-8000-000000000001", "Bob's iPhone", APP,
        json("{\"aps\":{},\"caller\":\"Alice\",\"handle\":\"alice@example.com\",\"sin\":\"opaque\"}"), SUGGESTED, true);
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The crash reason of a reaction that must be a crash. */
  static String crashReason(VoipReaction reaction) {
    assertThat(reaction).isInstanceOf(VoipReaction.Crash.class);
    return ((VoipReaction.Crash) reaction).reason();
  }

  @Nested
  class Actions {

    @Test
    void report_withoutACall_reportsTheSuggestedCall_atOnce() {
      answer("{\"action\":\"report\"}");
      assertThat(webhook().onVoipPush(push())).isEqualTo(new VoipReaction.Report(Duration.ZERO, SUGGESTED));
    }

    @Test
    void report_withACall_replacesTheSuggestedFields_itGives() {
      answer("{\"action\":\"report\",\"afterMillis\":1500,\"call\":{\"displayName\":\"Alice Liddell\"}}");
      assertThat(webhook().onVoipPush(push())).isEqualTo(
          new VoipReaction.Report(Duration.ofMillis(1500), new CallUpdate(SUGGESTED_UUID, "alice@example.com", "Alice Liddell")));
    }

    @Test
    void report_withAnotherCallUuid_reportsThatUuid() {
      UUID other = UUID.randomUUID();
      answer("{\"action\":\"report\",\"call\":{\"callUuid\":\"" + other + "\",\"handle\":\"+4915100000\"}}");
      assertThat(webhook().onVoipPush(push())).isEqualTo(VoipReaction.report(new CallUpdate(other, "+4915100000", "Alice")));
    }

    @Test
    void returnWithoutReport_afterMillis_isADelegateThatReturnsThen() {
      answer("{\"action\":\"returnWithoutReport\",\"afterMillis\":9000}");
      assertThat(webhook().onVoipPush(push())).isEqualTo(new VoipReaction.ReturnWithoutReport(Duration.ofSeconds(9)));
    }

    @Test
    void crash_carriesTheWebhooksReason() {
      answer("{\"action\":\"crash\",\"reason\":\"EXC_BAD_ACCESS\",\"afterMillis\":20}");
      assertThat(webhook().onVoipPush(push())).isEqualTo(new VoipReaction.Crash(Duration.ofMillis(20), "EXC_BAD_ACCESS"));
    }

    @Test
    void crash_withoutAReason_namesTheWebhook() {
      answer("{\"action\":\"crash\"}");
      assertThat(crashReason(webhook().onVoipPush(push()))).isEqualTo("webhook " + url() + " asked for a crash");
    }
  }

  @Test
  void theRequest_carriesThePushAndTheSuggestedCall() {
    answer("{\"action\":\"report\"}");
    webhook().onVoipPush(push());

    server.verify(1, postRequestedFor(urlEqualTo("/push"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(matchingJsonPath("$.device", equalTo("Bob's iPhone")))
        .withRequestBody(matchingJsonPath("$.bundleId", equalTo(APP)))
        .withRequestBody(matchingJsonPath("$.apnsId", equalTo("A6D4C2E0-0000-4000-8000-000000000001")))
        .withRequestBody(matchingJsonPath("$.launchedForPush", equalTo("true")))
        .withRequestBody(matchingJsonPath("$.payload.caller", equalTo("Alice")))
        .withRequestBody(matchingJsonPath("$.payload.sin", equalTo("opaque")))
        .withRequestBody(matchingJsonPath("$.suggestedCall.callUuid", equalTo(SUGGESTED_UUID.toString())))
        .withRequestBody(matchingJsonPath("$.suggestedCall.handle", equalTo("alice@example.com")))
        .withRequestBody(matchingJsonPath("$.suggestedCall.displayName", equalTo("Alice"))));
  }

  @Nested
  class FailuresBecomeCrashes {

    @Test
    void aServerError() {
      server.stubFor(post("/push").willReturn(aResponse().withStatus(500)));
      assertThat(crashReason(webhook().onVoipPush(push()))).isEqualTo("webhook " + url() + " answered 500");
    }

    @Test
    void aServerError_quotesItsBody() {
      server.stubFor(post("/push").willReturn(aResponse().withStatus(503).withBody("maintenance until 10:00")));
      assertThat(crashReason(webhook().onVoipPush(push()))).isEqualTo("webhook " + url() + " answered 503: maintenance until 10:00");
    }

    @Test
    void garbageJson() {
      server.stubFor(post("/push").willReturn(aResponse().withStatus(200).withBody("{action: report")));
      assertThat(crashReason(webhook().onVoipPush(push()))).isEqualTo("webhook " + url() + " answered a body that is not JSON: {action: report");
    }

    @Test
    void jsonThatIsNotAnObject() {
      answer("[\"report\"]");
      assertThat(crashReason(webhook().onVoipPush(push()))).isEqualTo("webhook " + url() + " answered [\"report\"], not a JSON object");
    }

    @Test
    void anUnknownAction() {
      answer("{\"action\":\"dance\"}");
      assertThat(crashReason(webhook().onVoipPush(push())))
          .isEqualTo("webhook " + url() + " answered unknown action 'dance' (expected report, returnWithoutReport or crash)");
    }

    @Test
    void noAction() {
      answer("{\"afterMillis\":5}");
      assertThat(crashReason(webhook().onVoipPush(push()))).startsWith("webhook " + url() + " answered without an action");
    }

    @Test
    void aNegativeDelay() {
      answer("{\"action\":\"report\",\"afterMillis\":-1}");
      assertThat(crashReason(webhook().onVoipPush(push()))).contains("answered afterMillis -1");
    }

    @Test
    void aCallUuidThatIsNotAUuid() {
      answer("{\"action\":\"report\",\"call\":{\"callUuid\":\"call-42\"}}");
      assertThat(crashReason(webhook().onVoipPush(push()))).isEqualTo("webhook " + url() + " answered callUuid 'call-42', which is not a UUID");
    }

    @Test
    void anAnswerLaterThanTheTimeout() {
      server.stubFor(post("/push").willReturn(okJson("{\"action\":\"report\"}").withFixedDelay(2_000)));
      WebhookBehaviour slow = webhook().withTimeout(Duration.ofMillis(200));
      assertThat(crashReason(slow.onVoipPush(push()))).isEqualTo("webhook " + url() + " did not answer within 200 ms");
    }

    @Test
    void aRefusedConnection() throws IOException {
      String closed = "http://localhost:" + freePort() + "/push";
      assertThat(crashReason(WebhookBehaviour.at(closed).onVoipPush(push()))).isEqualTo("webhook " + closed + " refused the connection");
    }

    private int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }

  @Test
  void describesItself_andChecksItsSettings() {
    assertThat(WebhookBehaviour.at("http://localhost:1234/push")).hasToString("asks webhook http://localhost:1234/push");
    assertThat(WebhookBehaviour.at("http://localhost:1234/push").timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> WebhookBehaviour.at("ftp://example.com/push")).hasMessage("A webhook URL must be http or https, not ftp://example.com/push");
    assertThatThrownBy(() -> webhook().withTimeout(Duration.ZERO)).hasMessage("A webhook timeout must be positive, not PT0S");
  }

  /** The webhook behind a simulated phone, as a vendor would use it. */
  @Nested
  class OnADevice {

    final VirtualClock clock = SimClock.virtual(Instant.parse("2026-01-01T09:00:00Z"));
    final Journal journal = new Journal(clock);
    final DeviceContext context = new DeviceContext(clock, journal, new TokenRegistry(clock), DeviceRules.defaults());
    final Device phone = new Device("Bob's iPhone", "17.5", context);
    final InstalledApp app = phone.install(AppSpec.voipApp(APP).withBehaviour(webhook()));

    AcceptedPush send(String payload) {
      AcceptedPush push = new AcceptedPush(UUID.randomUUID().toString().toUpperCase(), app.voipToken(), PushType.VOIP,
          PushType.VOIP.topicFor(APP), 10, 0L, null, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), app.voipToken().environment());
      phone.receive(app, push);
      return push;
    }

    JournalEvent only(String type, AcceptedPush push) {
      List<JournalEvent> events = journal.find(EventPattern.type(type).withApnsId(push.apnsId()));
      assertThat(events).as("%s events of %s in %s", type, push.apnsId(), journal.events()).hasSize(1);
      return events.get(0);
    }

    @Test
    void aCallTheWebhookReports_ringsWithTheWebhooksDisplayName() {
      answer("{\"action\":\"report\",\"afterMillis\":1000,\"call\":{\"displayName\":\"Alice (work)\"}}");
      AcceptedPush push = send("{\"aps\":{},\"caller\":\"Alice\"}");

      assertThat(phone.callKit().ringingCall()).as("the report waits for the delegate's simulated second").isEmpty();
      clock.advance(Duration.ofSeconds(1));

      assertThat(phone.callKit().ringingCall()).get().extracting(Call::displayName).isEqualTo("Alice (work)");
      assertThat(only(DeviceEvents.REPORTED, push).time()).isEqualTo(Instant.parse("2026-01-01T09:00:01Z"));
      assertThat(journal.find(EventPattern.type(DeviceEvents.INSTALLED))).extracting(event -> event.get("behaviour"))
          .containsExactly("asks webhook " + url());
    }

    @Test
    void aWebhookThatReturnsWithoutReporting_getsTheAppKilledWithApplesMessage() {
      answer("{\"action\":\"returnWithoutReport\"}");
      AcceptedPush push = send("{\"aps\":{},\"caller\":\"Alice\"}");

      assertThat(only(DeviceEvents.TERMINATED, push).get("reason")).isEqualTo(DeviceEvents.NEVER_POSTED_MESSAGE);
      assertThat(app.state()).isEqualTo(ProcessState.TERMINATED_BY_SYSTEM);
      assertThat(app.strikes()).isEqualTo(1);
    }

    @Test
    void aFailingWebhook_showsInTheTerminationReason() {
      server.stubFor(post("/push").willReturn(aResponse().withStatus(500)));
      AcceptedPush push = send("{\"aps\":{},\"caller\":\"Alice\"}");

      assertThat(only(DeviceEvents.TERMINATED, push).get("reason"))
          .isEqualTo("crashed in the PushKit delegate: webhook " + url() + " answered 500");
    }
  }
}
