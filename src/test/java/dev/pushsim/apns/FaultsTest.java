package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.push.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsTest {

  final Faults faults = new Faults();

  @Test
  void nothingArmed_nothingApplies() {
    assertThat(faults.next()).isEmpty();
  }

  @Test
  void faultsOfOneKindQueue_otherKindsApplyTogether() {
    faults.respondWith(Reason.INTERNAL_SERVER_ERROR, 1).respondWith(Reason.SERVICE_UNAVAILABLE, 2).delay(Duration.ofMillis(5), 2);

    assertThat(faults.next()).containsExactly(new Fault.Respond(Reason.INTERNAL_SERVER_ERROR), new Fault.Delay(Duration.ofMillis(5)));
    assertThat(faults.next()).containsExactly(new Fault.Respond(Reason.SERVICE_UNAVAILABLE), new Fault.Delay(Duration.ofMillis(5)));
    assertThat(faults.next()).containsExactly(new Fault.Respond(Reason.SERVICE_UNAVAILABLE));
    assertThat(faults.next()).isEmpty();
  }

  @Test
  void goAwayAfterN_appliesToTheNthRequest() {
    faults.goAwayAfter(3, Reason.SHUTDOWN);
    assertThat(faults.next()).isEmpty();
    assertThat(faults.next()).isEmpty();
    assertThat(faults.next()).containsExactly(new Fault.GoAway(Reason.SHUTDOWN));
    assertThat(faults.next()).isEmpty();
  }

  @Test
  void clear_disarmsEverything() {
    faults.respondWith(Reason.SERVICE_UNAVAILABLE, 5).dropConnectionAfter(1);
    assertThat(faults.describe()).hasSize(2);
    faults.clear();
    assertThat(faults.next()).isEmpty();
  }

  @Test
  void nonsense_isRefusedWithASentence() {
    assertThatThrownBy(() -> faults.respondWith(Reason.SUCCESS, 1)).hasMessageContaining("error reason");
    assertThatThrownBy(() -> faults.respondWith(Reason.SERVICE_UNAVAILABLE, 0)).hasMessageContaining("one request or more");
  }
}
