package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.pushsim.push.Environment.PRODUCTION;
import static dev.pushsim.push.Environment.SANDBOX;

import dev.pushsim.push.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsTest {

  final Faults faults = new Faults();

  @Test
  void nothingArmed_nothingApplies() {
    assertThat(faults.next(SANDBOX)).isEmpty();
  }

  @Test
  void faultsOfOneKindQueue_otherKindsApplyTogether() {
    faults.respondWith(Reason.INTERNAL_SERVER_ERROR, 1).respondWith(Reason.SERVICE_UNAVAILABLE, 2)
        .delay(Duration.ofMillis(5), 2);

    assertThat(faults.next(SANDBOX)).containsExactly(new Fault.Respond(Reason.INTERNAL_SERVER_ERROR),
        new Fault.Delay(Duration.ofMillis(5)));
    assertThat(faults.next(SANDBOX)).containsExactly(new Fault.Respond(Reason.SERVICE_UNAVAILABLE),
        new Fault.Delay(Duration.ofMillis(5)));
    assertThat(faults.next(SANDBOX)).containsExactly(new Fault.Respond(Reason.SERVICE_UNAVAILABLE));
    assertThat(faults.next(SANDBOX)).isEmpty();
  }

  @Test
  void goAwayAfterN_appliesToTheNthRequest() {
    faults.goAwayAfter(3, Reason.SHUTDOWN);
    assertThat(faults.next(SANDBOX)).isEmpty();
    assertThat(faults.next(SANDBOX)).isEmpty();
    assertThat(faults.next(SANDBOX)).containsExactly(new Fault.GoAway(Reason.SHUTDOWN));
    assertThat(faults.next(SANDBOX)).isEmpty();
  }

  @Test
  void clear_disarmsEverything() {
    faults.respondWith(Reason.SERVICE_UNAVAILABLE, 5).dropConnectionAfter(1);
    assertThat(faults.describe()).hasSize(2);
    faults.clear();
    assertThat(faults.next(SANDBOX)).isEmpty();
  }

  @Test
  void nonsense_isRefusedWithASentence() {
    assertThatThrownBy(() -> faults.respondWith(Reason.SUCCESS, 1)).hasMessageContaining("error reason");
    assertThatThrownBy(() -> faults.respondWith(Reason.SERVICE_UNAVAILABLE,
        0)).hasMessageContaining("one request or more");
  }

  @Test
  void theStreamLimit_isListed_andCleared_withItsListenersTold() {
    java.util.List<java.util.OptionalLong> told = new java.util.ArrayList<>();
    faults.onStreamLimitChange(() -> told.add(faults.streamLimit(SANDBOX)));
    faults.maxConcurrentStreams(1);
    assertThat(faults.describe()).containsExactly("StreamLimit[streams=1] until cleared");
    assertThat(faults.next(SANDBOX)).as("a connection-wide fault, not a request's").isEmpty();

    faults.clear();

    assertThat(faults.describe()).isEmpty();
    assertThat(faults.streamLimit(SANDBOX)).isEmpty();
    assertThat(told).containsExactly(java.util.OptionalLong.of(1), java.util.OptionalLong.empty());
  }

  @Test
  void aFaultForOneEnvironment_neitherAppliesNorCountsInTheOther() {
    faults.only(PRODUCTION).respondWith(Reason.SERVICE_UNAVAILABLE, 1).maxConcurrentStreams(3);
    faults.goAwayAfter(2, Reason.SHUTDOWN);

    assertThat(faults.describe()).containsExactly("StreamLimit[streams=3] in production only until cleared",
        "Respond[reason=503 ServiceUnavailable] for 1 request(s) in production only",
        "GoAway[reason=503 Shutdown] for 1 request(s) after 1");
    assertThat(faults.streamLimit(SANDBOX)).isEmpty();
    assertThat(faults.streamLimit(PRODUCTION)).hasValue(3);
    assertThat(faults.next(SANDBOX)).as("sandbox skips the shared GOAWAY's first request").isEmpty();
    assertThat(faults.next(SANDBOX)).containsExactly(new Fault.GoAway(Reason.SHUTDOWN));
    assertThat(faults.next(PRODUCTION)).containsExactly(new Fault.Respond(Reason.SERVICE_UNAVAILABLE));

    faults.clear();
    assertThat(faults.streamLimit(PRODUCTION)).as("clear undoes every environment's faults").isEmpty();
    assertThat(faults.describe()).isEmpty();
  }

  @Test
  void resetAndStall_areArmedLikeTheOthers_andAnUnknownErrorIsRefused() {
    faults.resetStream("INTERNAL_ERROR", 1).stall(1);
    assertThat(faults.next(SANDBOX)).containsExactly(new Fault.ResetStream("INTERNAL_ERROR"), new Fault.Stall());
    assertThat(new Fault.ResetStream("INTERNAL_ERROR").code()).isEqualTo(2);
    assertThat(new Fault.ResetStream("HTTP_1_1_REQUIRED").code()).isEqualTo(0xd);
    assertThatThrownBy(() -> faults.resetStream("OOPS", 1)).hasMessageStartingWith("unknown HTTP/2 error 'OOPS'");
  }

  @Test
  void parametersOutOfRange_areRefusedWithTheRange() {
    assertThatThrownBy(() -> faults.maxConcurrentStreams(0)).hasMessageContaining("from 1 to 2147483647");
    assertThatThrownBy(() -> faults.maxConcurrentStreams(1L << 31)).hasMessageEndingWith("not 2147483648");
    assertThatThrownBy(() -> faults.delay(Duration.ofHours(2), 1)).hasMessage("A delay must be from 0 to 1h, not PT2H");
    assertThatThrownBy(() -> faults.delay(Duration.ofMillis(-1), 1)).hasMessageContaining("from 0 to 1h");
    assertThatThrownBy(() -> faults.goAwayAfter(1, Reason.SUCCESS)).hasMessageContaining("error reason");
    assertThatThrownBy(() -> faults.inject(new Fault.StreamLimit(5), 0, 1))
        .hasMessageContaining("use maxConcurrentStreams");
    assertThat(faults.describe()).isEmpty();
  }
}
