package dev.pushsim.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.VirtualClock;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.Journal;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.push.AcceptedPush;
import dev.pushsim.push.Channel;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Environment;
import dev.pushsim.push.PushType;
import dev.pushsim.push.TokenRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The PushKit/CallKit rules on virtual time, without a socket: each rule, each outcome. */
class DeviceModelTest {

  static final String APP = "com.example.phone";

  final VirtualClock clock = SimClock.virtual(Instant.parse("2026-01-01T09:00:00Z"));
  final Journal journal = new Journal(clock);
  final TokenRegistry tokens = new TokenRegistry(clock);
  final DeviceContext context = new DeviceContext(clock, journal, tokens, DeviceRules.defaults());
  final Device phone = new Device("Bob's iPhone", "17.5", context);

  InstalledApp install(AppBehaviour behaviour) {
    return phone.install(AppSpec.voipApp(APP).withBehaviour(behaviour));
  }

  AcceptedPush voipPush(InstalledApp app, String payload) {
    return push(app.voipToken(), PushType.VOIP, payload, 0L, null, 10);
  }

  AcceptedPush voipPushUntil(InstalledApp app, long expiration) {
    return push(app.voipToken(), PushType.VOIP, "{\"caller\":\"Alice\"}", expiration, null, 10);
  }

  AcceptedPush voipPush(InstalledApp app) {
    return voipPush(app, "{\"aps\":{},\"caller\":\"Alice\",\"handle\":\"alice@example.com\"}");
  }

  AcceptedPush push(DeviceToken token, PushType type, String payload, Long expiration, String collapseId, int priority) {
    return new AcceptedPush(UUID.randomUUID().toString().toUpperCase(), token, type, type.topicFor(token.bundleId()), priority, expiration,
        collapseId, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), token.environment());
  }

  AcceptedPush send(InstalledApp app, AcceptedPush push) {
    phone.receive(app, push);
    return push;
  }

  List<String> timeline(AcceptedPush push) {
    return journal.find(EventPattern.any().withApnsId(push.apnsId())).stream().map(JournalEvent::type).toList();
  }

  JournalEvent only(String type, AcceptedPush push) {
    List<JournalEvent> events = journal.find(EventPattern.type(type).withApnsId(push.apnsId()));
    assertThat(events).as("%s events of %s in %s", type, push.apnsId(), journal.events()).hasSize(1);
    return events.get(0);
  }

  @Nested
  class Installing {

    @Test
    void aVoipApp_getsTwoDistinctTokens_boundToItsSigningEnvironment() {
      InstalledApp app = phone.install(AppSpec.voipApp(APP).signedFor(Environment.PRODUCTION));
      assertThat(app.apnsToken().hex()).isNotEqualTo(app.voipToken().hex());
      assertThat(app.apnsToken().environment()).isEqualTo(Environment.PRODUCTION);
      assertThat(app.voipToken().channel()).isEqualTo(dev.pushsim.push.Channel.VOIP);
      assertThat(context.apps().find(app.voipToken().hex())).contains(app);
    }

    @Test
    void withoutTheVoipBackgroundMode_thereIsNoVoipToken() {
      InstalledApp app = phone.install(AppSpec.voipApp(APP).withCapabilities(Capabilities.voipApp().withVoipBackgroundMode(false)));
      assertThat(app.apnsToken()).isNotNull();
      assertThat(app.voipToken()).isNull();
    }

    @Test
    void uninstall_unregistersBothTokens_atThatInstant() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      clock.advance(Duration.ofMinutes(5));
      phone.uninstall(APP);
      assertThat(tokens.find(app.voipToken().hex()).orElseThrow().invalidatedAt()).isEqualTo(clock.now());
      assertThat(tokens.find(app.apnsToken().hex()).orElseThrow().isUnregistered()).isTrue();
      assertThat(phone.app(APP)).isEmpty();
    }
  }

  @Nested
  class VoipPushes {

    @Test
    void reportedAtOnce_showsTheIncomingCallWithTheCallersName() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      AcceptedPush push = send(app, voipPush(app));

      assertThat(timeline(push)).containsExactly(
          DeviceEvents.DELIVERED, DeviceEvents.LAUNCHED, DeviceEvents.DELEGATE_ENTERED,
          DeviceEvents.REPORTED, DeviceEvents.CALL_SHOWN, DeviceEvents.DELEGATE_RETURNED);
      assertThat(phone.callKit().ringingCall()).get().extracting(Call::displayName).isEqualTo("Alice");
      clock.advance(Duration.ofSeconds(30));
      assertThat(app.state()).isEqualTo(ProcessState.BACKGROUND);
      assertThat(app.strikes()).isZero();
    }

    @Test
    void check1_delegateReturnsWithoutReporting_killsTheAppWithApplesMessage() {
      InstalledApp app = install(AppBehaviour.neverReport());
      AcceptedPush push = send(app, voipPush(app));

      JournalEvent terminated = only(DeviceEvents.TERMINATED, push);
      assertThat(terminated.get("reason")).isEqualTo(
          "Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push.");
      assertThat(terminated.get("exception")).isEqualTo("NSInternalInconsistencyException");
      assertThat(terminated.time()).isEqualTo(Instant.parse("2026-01-01T09:00:00Z"));
      assertThat(app.state()).isEqualTo(ProcessState.TERMINATED_BY_SYSTEM);
      assertThat(only(DeviceEvents.STRIKE, push).get("strikes")).isEqualTo(1);
    }

    @Test
    void check2_aBlockedDelegate_isKilledAtTheSevenSecondDeadline_with0xbaadca11() {
      InstalledApp app = install(AppBehaviour.blockDelegate(Duration.ofSeconds(30)));
      AcceptedPush push = send(app, voipPush(app));

      clock.advance(Duration.ofMillis(6_999));
      assertThat(app.state()).isEqualTo(ProcessState.BACKGROUND);
      clock.advance(Duration.ofMillis(1));

      JournalEvent terminated = only(DeviceEvents.TERMINATED, push);
      assertThat(terminated.get("exception")).isEqualTo("0xbaadca11");
      assertThat(terminated.time()).isEqualTo(Instant.parse("2026-01-01T09:00:07Z"));
      clock.advance(Duration.ofSeconds(30));
      assertThat(journal.find(EventPattern.type(DeviceEvents.DELEGATE_RETURNED).withApnsId(push.apnsId()))).as("a dead delegate does not return").isEmpty();
      assertThat(app.strikes()).isEqualTo(1);
    }

    @Test
    void reportingAfterTwoSeconds_isInTime() {
      InstalledApp app = install(AppBehaviour.reportAfter(Duration.ofSeconds(2)));
      AcceptedPush push = send(app, voipPush(app));

      clock.advance(Duration.ofSeconds(2));
      assertThat(only(DeviceEvents.REPORTED, push).time()).isEqualTo(Instant.parse("2026-01-01T09:00:02Z"));
      clock.advance(Duration.ofSeconds(10));
      assertThat(timeline(push)).doesNotContain(DeviceEvents.TERMINATED);
    }

    @Test
    void reportingAfterEightSeconds_isTooLate() {
      InstalledApp app = install(AppBehaviour.reportAfter(Duration.ofSeconds(8)));
      AcceptedPush push = send(app, voipPush(app));

      clock.advance(Duration.ofSeconds(10));

      assertThat(timeline(push)).contains(DeviceEvents.TERMINATED).doesNotContain(DeviceEvents.REPORTED);
      assertThat(only(DeviceEvents.TERMINATED, push).get("exception")).isEqualTo("0xbaadca11");
    }

    @Test
    void aCrashInTheDelegate_terminatesTheApp_andIsAStrike() {
      InstalledApp app = install(AppBehaviour.crash("EXC_BAD_ACCESS"));
      AcceptedPush push = send(app, voipPush(app));
      assertThat(only(DeviceEvents.TERMINATED, push).get("reason")).isEqualTo("crashed in the PushKit delegate: EXC_BAD_ACCESS");
      assertThat(app.strikes()).isEqualTo(1);
    }

    @Test
    void aTerminatedApp_isLaunchedAgainByTheNextVoipPush() {
      InstalledApp app = install(AppBehaviour.neverReport());
      send(app, voipPush(app));
      app.setBehaviour(AppBehaviour.reportImmediately());

      AcceptedPush second = send(app, voipPush(app));

      assertThat(only(DeviceEvents.LAUNCHED, second).get("by")).isEqualTo("VoIP push");
      assertThat(timeline(second)).contains(DeviceEvents.CALL_SHOWN);
    }

    @Test
    void afterTheStrikeLimit_voipPushesAreThrottledSilently_untilReinstall() {
      InstalledApp app = install(AppBehaviour.neverReport());
      AcceptedPush first = send(app, voipPush(app));
      send(app, voipPush(app));
      AcceptedPush third = send(app, voipPush(app));
      assertThat(journal.find(EventPattern.type(DeviceEvents.STRIKE).withApnsId(first.apnsId()))).hasSize(1);
      assertThat(only(DeviceEvents.THROTTLED, third).get("strikes")).isEqualTo(3);
      assertThat(app.voipThrottled()).isTrue();

      app.setBehaviour(AppBehaviour.reportImmediately());
      AcceptedPush fourth = send(app, voipPush(app));
      assertThat(timeline(fourth)).containsExactly(DeviceEvents.DELIVERED, DeviceEvents.DROPPED);
      assertThat(only(DeviceEvents.DROPPED, fourth).get("reason").toString()).contains("throttled after 3 missed CallKit reports");

      InstalledApp reinstalled = phone.reinstall(APP);
      assertThat(reinstalled.voipToken().hex()).isNotEqualTo(app.voipToken().hex());
      assertThat(reinstalled.strikes()).isZero();
      AcceptedPush afterReinstall = send(reinstalled, voipPush(reinstalled));
      assertThat(timeline(afterReinstall)).contains(DeviceEvents.CALL_SHOWN);
    }

    @Test
    void theStrikeLimitIsAModelParameter() {
      DeviceContext strict = new DeviceContext(clock, journal, tokens, DeviceRules.defaults().withStrikeLimit(1));
      Device device = new Device("strict", "17.5", strict);
      InstalledApp app = device.install(AppSpec.voipApp(APP).withBehaviour(AppBehaviour.neverReport()));
      device.receive(app, voipPush(app));
      assertThat(app.voipThrottled()).isTrue();
    }

    @Test
    void byDefault_aUserKilledApp_isLaunchedForAVoipPush_andPushKitsChecksApply() {
      InstalledApp app = install(AppBehaviour.neverReport());
      phone.kill(APP);

      AcceptedPush push = send(app, voipPush(app));
      assertThat(only(DeviceEvents.LAUNCHED, push).get("afterForceQuit")).isEqualTo(true);
      assertThat(app.state()).isEqualTo(ProcessState.TERMINATED_BY_SYSTEM);
      assertThat(app.strikes()).isEqualTo(1);
    }

    @Test
    void withForceQuitWithhold_aUserKilledApp_getsNoVoipPush_untilTheUserLaunchesIt() {
      context.rules(DeviceRules.defaults().withForceQuitVoip(ForceQuitVoip.WITHHOLD));
      InstalledApp app = install(AppBehaviour.reportImmediately());
      phone.kill(APP);

      AcceptedPush whileKilled = send(app, voipPush(app));
      assertThat(timeline(whileKilled)).containsExactly(DeviceEvents.DELIVERED, DeviceEvents.DROPPED);
      assertThat(app.strikes()).as("a push iOS withheld is no strike").isZero();

      phone.launch(APP);
      AcceptedPush afterLaunch = send(app, voipPush(app));
      assertThat(timeline(afterLaunch)).contains(DeviceEvents.CALL_SHOWN).doesNotContain(DeviceEvents.LAUNCHED);
    }
  }

  @Nested
  class ReportExemptions {

    @Test
    void aForegroundApp_needNotReport_noKillNoStrike_andTheJournalNamesTheExemption() {
      InstalledApp app = install(AppBehaviour.blockDelegate(Duration.ofSeconds(30)));
      phone.launch(APP);
      AcceptedPush push = send(app, voipPush(app));
      clock.advance(Duration.ofSeconds(40));

      assertThat(only(DeviceEvents.EXEMPT, push).get("exemption")).isEqualTo("FOREGROUND");
      assertThat(timeline(push)).doesNotContain(DeviceEvents.TERMINATED, DeviceEvents.STRIKE);
      assertThat(app.state()).isEqualTo(ProcessState.FOREGROUND);
      assertThat(app.strikes()).isZero();
    }

    @Test
    void anAppWithARingingCall_needNotReportTheNextPush() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      send(app, voipPush(app));
      app.setBehaviour(AppBehaviour.neverReport());
      AcceptedPush second = send(app, voipPush(app));

      assertThat(only(DeviceEvents.EXEMPT, second).get("exemption")).isEqualTo("ACTIVE_CALL");
      assertThat(app.state()).isEqualTo(ProcessState.BACKGROUND);
      assertThat(app.strikes()).isZero();
    }

    @Test
    void anExemptCrash_terminatesTheApp_butIsNoStrike() {
      InstalledApp app = install(AppBehaviour.crash("EXC_BAD_ACCESS"));
      phone.launch(APP);
      send(app, voipPush(app));
      assertThat(app.state()).isEqualTo(ProcessState.TERMINATED_BY_SYSTEM);
      assertThat(app.strikes()).isZero();
    }
  }

  @Nested
  class DelegateAtLaunch {

    @Test
    void noDelegateAtLaunch_isKilledAtCheck2_andTheJournalSaysWhy() {
      InstalledApp app = install(AppBehaviour.delegateNeverSet(AppBehaviour.reportImmediately()));
      AcceptedPush push = send(app, voipPush(app));
      clock.advance(Duration.ofSeconds(7));

      assertThat(timeline(push)).doesNotContain(DeviceEvents.DELEGATE_ENTERED);
      JournalEvent terminated = only(DeviceEvents.TERMINATED, push);
      assertThat(terminated.get("exception")).isEqualTo("0xbaadca11");
      assertThat(terminated.get("reason").toString())
          .endsWith("the app had set no PushKit delegate, so PushKit never handed it the push");
      assertThat(terminated.time()).isEqualTo(Instant.parse("2026-01-01T09:00:07Z"));
    }

    @Test
    void aLateDelegate_getsTheHeldPush_whenItIsSet() {
      InstalledApp app = install(AppBehaviour.delegateSetLate(Duration.ofSeconds(2), AppBehaviour.reportImmediately()));
      AcceptedPush push = send(app, voipPush(app));
      clock.advance(Duration.ofSeconds(2));
      assertThat(only(DeviceEvents.REPORTED, push).time()).isEqualTo(Instant.parse("2026-01-01T09:00:02Z"));
      clock.advance(Duration.ofSeconds(10));
      assertThat(app.state()).isEqualTo(ProcessState.BACKGROUND);
    }
  }

  @Nested
  class Strikes {

    @Test
    void byDefault_aReportForgivesEarlierMisses() {
      InstalledApp app = install(AppBehaviour.neverReport());
      send(app, voipPush(app));
      send(app, voipPush(app));
      app.setBehaviour(AppBehaviour.reportImmediately());
      send(app, voipPush(app));
      assertThat(app.strikes()).isZero();
    }

    @Test
    void withStrikeDecayNone_missesAddUpAcrossGoodCalls() {
      context.rules(DeviceRules.defaults().withStrikeDecay(StrikeDecay.NONE));
      InstalledApp app = install(AppBehaviour.neverReport());
      send(app, voipPush(app));
      send(app, voipPush(app));
      app.setBehaviour(AppBehaviour.reportImmediately());
      for (int i = 0; i < 10; i++) {
        send(app, voipPush(app));
        phone.callKit().calls().forEach(call -> {
          if (call.state() == Call.State.RINGING) {
            phone.callKit().decline(call.update().callUuid());
          }
        });
      }
      app.setBehaviour(AppBehaviour.neverReport());
      send(app, voipPush(app));
      assertThat(app.voipThrottled()).isTrue();
    }
  }

  @Nested
  class ModelKnobsByName {

    @Test
    void everyKnobIsSetByName_andListedWithItsValue() {
      DeviceRules rules = ModelKnobs.set(DeviceRules.defaults(), java.util.Map.of(
          "strikeLimit", "5", "strikeDecay", "none", "reportDeadline", "10s", "ringTimeout", "2m",
          "forceQuitVoip", "withhold", "offlineStore", "one-per-app", "offlineCap", "7d",
          "staleAfter", "90s"));
      assertThat(ModelKnobs.of(rules)).containsExactly(
          java.util.Map.entry("strikeLimit", "5"), java.util.Map.entry("strikeDecay", "none"),
          java.util.Map.entry("reportDeadline", "10s"), java.util.Map.entry("ringTimeout", "120s"),
          java.util.Map.entry("forceQuitVoip", "withhold"), java.util.Map.entry("offlineStore", "one-per-app"),
          java.util.Map.entry("offlineCap", "7d"), java.util.Map.entry("staleAfter", "90s"));
    }

    @Test
    void aWrongNameOrValue_isNamedInTheMessage() {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelKnobs.set(DeviceRules.defaults(), "strikes", "5"))
          .hasMessageContaining("'strikes' is not a model knob");
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> ModelKnobs.set(DeviceRules.defaults(), "forceQuitVoip", "maybe"))
          .hasMessage("forceQuitVoip is one of launch, withhold, not 'maybe'");
    }
  }

  @Nested
  class CallKitReports {

    @Test
    void doNotDisturb_failsTheReport_whichStillCountsAsReported() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      phone.setDoNotDisturb(true);
      AcceptedPush push = send(app, voipPush(app));

      assertThat(only(DeviceEvents.REPORTED, push).get("result")).isEqualTo("filteredByDoNotDisturb");
      assertThat(only(DeviceEvents.REPORTED, push).get("errorCode")).isEqualTo(3);
      clock.advance(Duration.ofSeconds(10));
      assertThat(timeline(push)).doesNotContain(DeviceEvents.CALL_SHOWN, DeviceEvents.TERMINATED);
    }

    @Test
    void aBlockedHandle_failsTheReport() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      phone.block("alice@example.com");
      AcceptedPush push = send(app, voipPush(app));
      assertThat(only(DeviceEvents.REPORTED, push).get("result")).isEqualTo("filteredByBlockList");
    }

    @Test
    void aDuplicateCallUuid_fails_withCallUUIDAlreadyExists() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      String payload = "{\"aps\":{},\"caller\":\"Alice\",\"callId\":\"6F9619FF-8B86-D011-B42D-00C04FC964FF\"}";
      send(app, voipPush(app, payload));
      AcceptedPush second = send(app, voipPush(app, payload));
      assertThat(only(DeviceEvents.REPORTED, second).get("result")).isEqualTo("callUUIDAlreadyExists");
      assertThat(timeline(second)).doesNotContain(DeviceEvents.TERMINATED);
    }

    @Test
    void anAppWithoutCallKit_isUnentitled() {
      InstalledApp app = phone.install(AppSpec.voipApp(APP).withCapabilities(Capabilities.voipApp().withCallKit(false)));
      AcceptedPush push = send(app, voipPush(app));
      assertThat(only(DeviceEvents.REPORTED, push).get("result")).isEqualTo("unentitled");
    }

    @Test
    void answerDeclineAndUnanswered_endTheCall() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      AcceptedPush answered = send(app, voipPush(app, "{\"caller\":\"Alice\",\"callId\":\"A\"}"));
      phone.callKit().answer(phone.callKit().ringingCall().orElseThrow().update().callUuid());
      assertThat(timeline(answered)).contains(DeviceEvents.CALL_ANSWERED);

      AcceptedPush declined = send(app, voipPush(app, "{\"caller\":\"Carol\",\"callId\":\"B\"}"));
      phone.callKit().decline(phone.callKit().ringingCall().orElseThrow().update().callUuid());
      assertThat(timeline(declined)).contains(DeviceEvents.CALL_DECLINED);

      AcceptedPush unanswered = send(app, voipPush(app, "{\"caller\":\"Dave\",\"callId\":\"C\"}"));
      clock.advance(Duration.ofSeconds(60));
      assertThat(only(DeviceEvents.CALL_UNANSWERED, unanswered).time()).isEqualTo(Instant.parse("2026-01-01T09:01:00Z"));
      assertThat(phone.callKit().calls()).extracting(Call::state)
          .containsExactly(Call.State.ANSWERED, Call.State.DECLINED, Call.State.UNANSWERED);
    }
  }

  @Nested
  class StoreAndForward {

    @Test
    void offline_keepsOnlyTheNewestPushPerApp_andDeliversItOnReconnect() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      phone.goOffline();
      AcceptedPush older = send(app, voipPushUntil(app, 4_000_000_000L));
      AcceptedPush newer = send(app, push(app.voipToken(), PushType.VOIP, "{\"caller\":\"Bob\"}", 4_000_000_000L, null, 10));
      assertThat(only(DeviceEvents.REPLACED, older).get("by")).isEqualTo(newer.apnsId());

      phone.goOnline();

      assertThat(timeline(older)).containsExactly(DeviceEvents.STORED, DeviceEvents.REPLACED);
      assertThat(timeline(newer)).startsWith(DeviceEvents.STORED, DeviceEvents.DELIVERED).contains(DeviceEvents.CALL_SHOWN);
      assertThat(phone.callKit().ringingCall().orElseThrow().displayName()).isEqualTo("Bob");
    }

    @Test
    void expirationZero_isNotStored() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      phone.goOffline();
      AcceptedPush push = send(app, voipPush(app));
      phone.goOnline();
      assertThat(timeline(push)).containsExactly(DeviceEvents.EXPIRED);
    }

    @Test
    void aPushWhoseExpirationPassesWhileOffline_isNeverDelivered() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      phone.goOffline();
      long inOneMinute = clock.now().plusSeconds(60).getEpochSecond();
      AcceptedPush push = send(app, push(app.voipToken(), PushType.VOIP, "{\"caller\":\"Alice\"}", inOneMinute, null, 10));
      clock.advance(Duration.ofMinutes(2));
      phone.goOnline();
      assertThat(timeline(push)).containsExactly(DeviceEvents.STORED, DeviceEvents.EXPIRED);
    }

    @Test
    void byDefault_aPendingCallAndAPendingAlertOfOneApp_keepTheirOwnSlots() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      phone.goOffline();
      AcceptedPush call = send(app, voipPushUntil(app, 4_000_000_000L));
      send(app, push(app.apnsToken(), PushType.ALERT, "{\"aps\":{\"alert\":\"Hi\"}}", 4_000_000_000L, null, 10));
      phone.goOnline();
      assertThat(timeline(call)).contains(DeviceEvents.CALL_SHOWN);
      assertThat(phone.notifications()).hasSize(1);
    }

    @Test
    void withOneSlotPerApp_anAlertDiscardsAPendingCall() {
      context.rules(DeviceRules.defaults().withOfflineStore(OfflineStore.ONE_PER_APP));
      InstalledApp app = install(AppBehaviour.reportImmediately());
      phone.goOffline();
      AcceptedPush call = send(app, voipPushUntil(app, 4_000_000_000L));
      send(app, push(app.apnsToken(), PushType.ALERT, "{\"aps\":{\"alert\":\"Hi\"}}", 4_000_000_000L, null, 10));
      phone.goOnline();
      assertThat(timeline(call)).containsExactly(DeviceEvents.STORED, DeviceEvents.REPLACED);
    }

    @Test
    void aStoredPushIsKeptThirtyDaysAtMost_whateverItsExpiration() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      phone.goOffline();
      AcceptedPush push = send(app, voipPushUntil(app, 4_000_000_000L));
      clock.advance(Duration.ofDays(30));
      assertThat(phone.storedNotifications()).hasSize(1);
      clock.advance(Duration.ofMillis(1));
      phone.goOnline();
      assertThat(timeline(push)).containsExactly(DeviceEvents.STORED, DeviceEvents.EXPIRED);
      assertThat(only(DeviceEvents.EXPIRED, push).get("detail").toString()).contains("30 days at most");
    }
  }

  @Nested
  class AlertsAndBackgroundPushes {

    @Test
    void sinchDisplayNameAlert_isShownWithTheLocalizedText() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      send(app, push(app.apnsToken(), PushType.ALERT,
          "{\"aps\":{\"alert\":{\"loc-key\":\"SIN_INCOMING_CALL_DISPLAY_NAME\",\"loc-args\":[\"John Doe\"]}},\"sin\":\"opaque\"}", null, null, 10));
      assertThat(phone.notifications()).extracting(ShownNotification::text).containsExactly("Incoming call from John Doe");
    }

    @Test
    void aCollapseId_replacesTheShownNotification() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      send(app, push(app.apnsToken(), PushType.ALERT, "{\"aps\":{\"alert\":\"Missed call from Alice\"}}", null, "missed", 10));
      send(app, push(app.apnsToken(), PushType.ALERT, "{\"aps\":{\"alert\":\"2 missed calls from Alice\"}}", null, "missed", 10));
      assertThat(phone.notifications()).extracting(ShownNotification::text).containsExactly("2 missed calls from Alice");
    }

    @Test
    void alertsOfAUserKilledApp_areStillShownByTheSystem() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      phone.kill(APP);
      send(app, push(app.apnsToken(), PushType.ALERT, "{\"aps\":{\"alert\":\"Hi\"}}", null, null, 10));
      assertThat(phone.notifications()).hasSize(1);
    }

    @Test
    void backgroundPushes_wakeTheAppAtPriorityFive_butNotAUserKilledApp() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      AcceptedPush woken = send(app, push(app.apnsToken(), PushType.BACKGROUND, "{\"aps\":{\"content-available\":1}}", null, null, 5));
      assertThat(timeline(woken)).containsExactly(DeviceEvents.DELIVERED, DeviceEvents.LAUNCHED, DeviceEvents.WOKEN);

      phone.kill(APP);
      AcceptedPush dropped = send(app, push(app.apnsToken(), PushType.BACKGROUND, "{\"aps\":{\"content-available\":1}}", null, null, 5));
      assertThat(timeline(dropped)).containsExactly(DeviceEvents.DELIVERED, DeviceEvents.DROPPED);
    }
  }

  @Nested
  class History {

    Device phoneKeeping(int history) {
      return new Device("Carol's iPhone", "17.5", new DeviceContext(clock, journal, tokens, DeviceRules.defaults().withHistoryKept(history)));
    }

    AcceptedPush alert(InstalledApp app, String text) {
      return push(app.apnsToken(), PushType.ALERT, "{\"aps\":{\"alert\":\"" + text + "\"}}", null, null, 10);
    }

    @Test
    void aDeviceKeepsTheNewestNotificationsAndEndedCalls_upToTheHistoryRule() {
      Device carol = phoneKeeping(2);
      InstalledApp app = carol.install(AppSpec.voipApp(APP));
      for (String text : List.of("one", "two", "three")) {
        carol.receive(app, alert(app, text));
        carol.receive(app, voipPush(app, "{\"caller\":\"" + text + "\",\"callId\":\"" + text + "\"}"));
        clock.advance(Duration.ofSeconds(60)); // the call ends unanswered
      }

      assertThat(carol.notifications()).extracting(ShownNotification::text).containsExactly("two", "three");
      assertThat(carol.callKit().calls()).extracting(Call::displayName).containsExactly("two", "three");
      assertThat(journal.find(EventPattern.type(DeviceEvents.NOTIFICATION_SHOWN))).hasSize(3); // the journal keeps every one
    }

    @Test
    void noHistory_keepsOnlyWhatIsActive_andTheJournalStillHasEverything() {
      Device carol = phoneKeeping(0);
      InstalledApp app = carol.install(AppSpec.voipApp(APP));
      AcceptedPush shown = alert(app, "hello");
      carol.receive(app, shown);
      carol.receive(app, voipPush(app));

      assertThat(carol.notifications()).isEmpty();
      assertThat(only(DeviceEvents.NOTIFICATION_SHOWN, shown).get("text")).isEqualTo("hello");
      assertThat(carol.callKit().ringingCall()).isPresent(); // a ringing call is state, not history
      clock.advance(Duration.ofSeconds(60));
      assertThat(carol.callKit().calls()).isEmpty();
      assertThat(journal.find(EventPattern.type(DeviceEvents.CALL_UNANSWERED))).hasSize(1);
    }

    @Test
    void blockingAndUnblockingACaller() {
      InstalledApp app = install(AppBehaviour.reportImmediately());
      phone.block("alice@example.com");
      phone.block("bob@example.com");
      phone.unblock("alice@example.com");

      assertThat(phone.blockedHandles()).containsExactly("bob@example.com");
      AcceptedPush push = send(app, voipPush(app));
      assertThat(only(DeviceEvents.REPORTED, push).get("result")).isEqualTo("success");
    }
  }

  @Nested
  class Locking {

    /**
     * A delegate that thinks in real time (a webhook, say) holds up its own phone only: pushes to
     * other phones arrive on other network threads and must not wait for it.
     */
    @Test
    void aPhoneBusyInItsDelegateDoesNotHoldUpAnother() throws Exception {
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      InstalledApp busy = install(push -> {
        entered.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return AppBehaviour.reportImmediately().onVoipPush(push);
      });
      Device other = new Device("Carol's iPhone", "17.5", context);
      InstalledApp idle = other.install(AppSpec.voipApp(APP));
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        Future<?> thinking = threads.submit(() -> phone.receive(busy, voipPush(busy)));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        AcceptedPush meanwhile = voipPush(idle);
        threads.submit(() -> other.receive(idle, meanwhile)).get(10, TimeUnit.SECONDS);
        assertThat(timeline(meanwhile)).contains(DeviceEvents.CALL_SHOWN);
        assertThat(thinking).isNotDone();

        release.countDown();
        thinking.get(10, TimeUnit.SECONDS);
        assertThat(phone.callKit().ringingCall()).isPresent();
      } finally {
        release.countDown();
        threads.shutdownNow();
      }
    }
  }
}
