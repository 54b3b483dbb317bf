package dev.pushsim.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

  static final Instant START = Instant.parse("2026-01-01T09:00:00Z");
  final VirtualClock clock = SimClock.virtual(START);
  final List<String> fired = new ArrayList<>();

  @Test
  void advance_runsDueTasksInDueOrder_withNowAtEachTasksOwnInstant() {
    clock.schedule(Duration.ofSeconds(7), () -> fired.add("7s at " + clock.now()));
    clock.schedule(Duration.ofSeconds(2), () -> fired.add("2s at " + clock.now()));
    clock.schedule(Duration.ofSeconds(30), () -> fired.add("30s"));

    clock.advance(Duration.ofSeconds(10));

    assertThat(fired).containsExactly("2s at 2026-01-01T09:00:02Z", "7s at 2026-01-01T09:00:07Z");
    assertThat(clock.now()).isEqualTo(START.plusSeconds(10));
    assertThat(clock.pendingTasks()).isEqualTo(1);
  }

  @Test
  void tasksDueAtTheSameInstant_runInTheOrderTheyWereScheduled() {
    for (String name : List.of("a", "b", "c")) {
      clock.schedule(Duration.ofSeconds(1), () -> fired.add(name));
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(fired).containsExactly("a", "b", "c");
  }

  @Test
  void tasksScheduledWhileAdvancing_fireInsideTheWindow() {
    clock.schedule(Duration.ofSeconds(1), () -> {
      fired.add("first");
      clock.schedule(Duration.ofSeconds(1), () -> fired.add("second at " + clock.now()));
    });
    clock.advance(Duration.ofSeconds(5));
    assertThat(fired).containsExactly("first", "second at 2026-01-01T09:00:02Z");
  }

  @Test
  void cancelledTasks_doNotRun() {
    SimClock.Cancellable task = clock.schedule(Duration.ofSeconds(1), () -> fired.add("no"));
    assertThat(task.cancel()).isTrue();
    clock.advance(Duration.ofSeconds(2));
    assertThat(fired).isEmpty();
    assertThat(task.cancel()).isFalse();
  }

  @Test
  void runDue_runsWhatIsDueNowWithoutMovingTime() {
    clock.schedule(Duration.ZERO, () -> fired.add("now"));
    clock.runDue();
    assertThat(fired).containsExactly("now");
    assertThat(clock.now()).isEqualTo(START);
  }

  @Test
  void scheduleAt_anInstantInThePast_runsAtTheNextAdvance_atTheCurrentTime() {
    clock.advance(Duration.ofMinutes(2));
    clock.scheduleAt(START.plusSeconds(30), () -> fired.add("late at " + clock.now()));
    clock.scheduleAt(START.plusSeconds(150), () -> fired.add("on time at " + clock.now()));
    clock.advance(Duration.ofMinutes(1));
    assertThat(fired).containsExactly("late at 2026-01-01T09:02:00Z", "on time at 2026-01-01T09:02:30Z");
  }

  @Test
  void timeOnlyMovesForward() {
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).hasMessageContaining("forward");
    assertThatThrownBy(() -> clock.advanceTo(START.minusSeconds(1))).hasMessageContaining("forward");
    assertThatThrownBy(() -> clock.schedule(Duration.ofSeconds(-1), () -> {})).hasMessageContaining("past");
  }

  @Test
  void aTaskCannotAdvanceItsOwnClock() {
    clock.schedule(Duration.ofSeconds(1), () -> clock.advance(Duration.ofSeconds(1)));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCancelledTask_letsGoOfWhatItWouldHaveRun_longBeforeItsTime() {
    // An idle check an hour ahead holds its connection's pipeline; closing the connection cancels it.
    Object pipeline = new Object();
    WeakReference<Object> held = new WeakReference<>(pipeline);
    SimClock.Cancellable check = scheduleUsing(pipeline);
    pipeline = null;

    assertThat(check.cancel()).isTrue();
    for (int i = 0; i < 10 && held.get() != null; i++) {
      System.gc();
    }

    assertThat(held.get()).as("what the cancelled task referred to").isNull();
    assertThat(clock.pendingTasks()).isZero();
  }

  private SimClock.Cancellable scheduleUsing(Object resource) {
    return clock.schedule(Duration.ofHours(1), () -> fired.add(resource.toString()));
  }
}
