package dev.pushsim.journal;

import static dev.pushsim.journal.EventPattern.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.clock.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class JournalQueryTest {

  final Journal journal = new Journal(SimClock.virtual(Instant.parse("2026-01-01T09:00:00Z")));

  void request(String token, int status, String reason) {
    FieldMap headers = new FieldMap(2);
    headers.put("apns-push-type", "voip");
    headers.put("apns-topic", "com.example.phone.voip");
    journal.record(EventDraft.of(EventTypes.APNS_REQUEST).apnsId("ID-" + token).deviceToken(token)
        .topic("com.example.phone.voip").with("headers", headers).with("payload", "{\"aps\":{}}")
        .with("pushType", "voip").with("status", status).with("reason", reason).with("detail", null));
  }

  @Test
  void verifyReturnsTheMatchesWhenTheCountIsRight() {
    request("aa", 200, null);
    request("bb", 410, "Unregistered");

    assertThat(journal.query().verify(1, type(EventTypes.APNS_REQUEST).with("status", 410)))
        .extracting(JournalEvent::deviceToken).containsExactly("bb");
  }

  @Test
  void aMissNamesTheCauseFirstThenTheNearestEventsWithWhatDiffered() {
    journal.record(EventDraft.of(EventTypes.DEVICE_ADDED).device("alice").with("ios", "17.4"));
    request("aa", 410, "Unregistered");

    assertThatThrownBy(() -> journal.query().single(type(EventTypes.APNS_REQUEST).with("status", 200)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("""
            Expected exactly 1 events of type apns.request with status=200 but found 0.
            Nearest events:
              #2 apns.request token=aa status=410 reason=Unregistered pushType=voip <- status was 410, not 200
              #1 device.added device=alice ios=17.4 <- type was device.added; status was null, not 200""");
  }

  @Test
  void tooManyMatchesAreListed() {
    request("aa", 200, null);
    request("bb", 200, null);

    assertThatThrownBy(() -> journal.query().single(type(EventTypes.APNS_REQUEST)))
        .hasMessageStartingWith("Expected exactly 1 events of type apns.request but found 2.\nMatching events:\n  #1 ")
        .hasMessageContaining("\n  #2 apns.request token=bb");
  }

  @Test
  void anEmptyJournalSaysSo() {
    assertThatThrownBy(() -> journal.query().single(type(EventTypes.CALL_SHOWN)))
        .hasMessage("Expected exactly 1 events of type callkit.call.shown but found 0.\nNo events were recorded.");
  }

  @Test
  void listedLinesStayShort() {
    journal.record(EventDraft.of("x").with("detail", "y".repeat(300)));

    assertThatThrownBy(() -> journal.query().single(type("z")))
        .satisfies(e -> assertThat(e.getMessage().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(160)));
  }

  @Test
  void aRequestIsReadTyped() {
    request("bb", 410, "Unregistered");

    RecordedRequest request = journal.query().request(EventPattern.any().withDeviceToken("BB"));

    assertThat(request.status()).isEqualTo(410);
    assertThat(request.reason()).isEqualTo("Unregistered");
    assertThat(request.header("apns-push-type")).isEqualTo("voip");
    assertThat(request.deviceToken()).isEqualTo("bb");
    assertThat(request.accepted()).isFalse();
  }

  @Test
  void aShownCallIsReadTypedAndAnotherTypeIsRefusedByName() {
    JournalEvent shown = journal.record(EventDraft.of(EventTypes.CALL_SHOWN).apnsId("A").device("alice")
        .with("app", "com.example.phone").with("caller", "Bob").with("callUuid", "u-1"));

    assertThat(ShownCall.of(shown)).isEqualTo(new ShownCall(1, "alice", "com.example.phone", "Bob", "u-1", "A"));
    assertThatThrownBy(() -> RecordedRequest.of(shown))
        .hasMessage("Event #1 is callkit.call.shown, not apns.request");
  }

  @Test
  void awaitReturnsAnEventRecordedByAnotherThread() throws Exception {
    CompletableFuture<Void> later = CompletableFuture.runAsync(() -> request("cc", 200, null));

    JournalEvent event = journal.query().await(type(EventTypes.APNS_REQUEST), Duration.ofSeconds(10));

    later.get();
    assertThat(event.deviceToken()).isEqualTo("cc");
  }

  @Test
  void awaitFailsAfterItsTimeoutWithTheNearestEvents() {
    request("aa", 410, "Unregistered");

    assertThatThrownBy(() -> journal.query().await(type(EventTypes.APNS_REQUEST).with("status", 200),
        Duration.ofMillis(50)))
        .hasMessageStartingWith("Expected events of type apns.request with status=200 within PT0.05S but none came.")
        .hasMessageContaining("<- status was 410, not 200");
  }

  @Test
  void sinceLooksOnlyAtLaterEvents() {
    request("aa", 200, null);
    long mark = journal.recorded();
    request("bb", 200, null);

    assertThat(journal.query().since(mark).single(type(EventTypes.APNS_REQUEST)).deviceToken()).isEqualTo("bb");
    assertThatThrownBy(() -> journal.query().since(journal.recorded()).single(type(EventTypes.APNS_REQUEST)))
        .hasMessage("Expected exactly 1 events of type apns.request but found 0.\nNo events were recorded.");
  }
}
