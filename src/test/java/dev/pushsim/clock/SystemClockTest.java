package dev.pushsim.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host's clock: deadlines on its timer wheel fire on its own thread, never early, at most a tick late under no load. */
class SystemClockTest {

  final SystemClock clock = SimClock.system();

  @AfterEach
  void close() {
    clock.close();
  }

  @Test
  void aDeadlineFiresOnTheClocksThread_notBeforeItsDelay() throws InterruptedException {
    CountDownLatch fired = new CountDownLatch(1);
    AtomicReference<String> thread = new AtomicReference<>();
    AtomicLong elapsedNanos = new AtomicLong();
    long scheduledAt = System.nanoTime();
    clock.schedule(Duration.ofMillis(50), () -> {
      elapsedNanos.set(System.nanoTime() - scheduledAt);
      thread.set(Thread.currentThread().getName());
      fired.countDown();
    });

    assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(thread.get()).isEqualTo("pushsim-clock");
    assertThat(elapsedNanos.get()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
  }

  @Test
  void aCancelledDeadlineNeverRuns_andCancellingTwiceSaysSo() throws InterruptedException {
    List<String> fired = new CopyOnWriteArrayList<>();
    SimClock.Cancellable cancelled = clock.schedule(Duration.ofMillis(20), () -> fired.add("cancelled"));
    CountDownLatch later = new CountDownLatch(1);
    clock.schedule(Duration.ofMillis(60), () -> {
      fired.add("later");
      later.countDown();
    });

    assertThat(cancelled.cancel()).isTrue();
    assertThat(cancelled.cancel()).isFalse();
    assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(fired).containsExactly("later"); // the wheel passed the cancelled one's tick first
  }

  @Test
  void deadlinesOfTheSameDelay_runInTheOrderTheyWereScheduled() throws InterruptedException {
    List<Integer> fired = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(1_000);
    for (int i = 0; i < 1_000; i++) {
      int n = i;
      clock.schedule(Duration.ofMillis(30), () -> {
        fired.add(n);
        all.countDown();
      });
    }

    assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(fired).containsExactlyElementsOf(IntStream.range(0, 1_000).boxed().toList());
  }

  @Test
  void aTaskThatThrows_doesNotStopTheClock() throws InterruptedException {
    clock.schedule(Duration.ZERO, () -> {
      throw new IllegalStateException("a deadline failed");
    });
    CountDownLatch next = new CountDownLatch(1);
    clock.schedule(Duration.ofMillis(20), next::countDown);

    assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
