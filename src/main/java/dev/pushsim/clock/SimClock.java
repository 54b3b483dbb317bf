package dev.pushsim.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The time every deadline in PushSim reads: virtual in tests and scenarios, the system clock
 * when the simulator runs standalone.
 *
 * <p>Nothing outside this package reads the system clock. A deadline is a task given to
 * {@link #schedule}; under a {@link VirtualClock} it fires only when the clock is advanced past
 * it, so "when 61 minutes pass" takes microseconds.
 */
public interface SimClock extends InstantSource {

  /** The simulated current instant. */
  Instant now();

  /** {@link #now()} in milliseconds since the epoch, for hot paths. */
  @Override
  long millis();

  /** {@link #now()}, so that code which needs only the time can take a plain {@link InstantSource}. */
  @Override
  default Instant instant() {
    return now();
  }

  /** The real time of the host, recorded next to simulated time in the journal. */
  Instant wallTime();

  /**
   * {@link #wallTime()} for a moment whose simulated time is {@code now}: a clock whose simulated
   * time is the host's answers {@code now} itself rather than reading the host's clock again.
   */
  default Instant wallTime(Instant now) {
    return wallTime();
  }

  /**
   * Runs {@code task} once {@code delay} has passed on this clock. Tasks due at the same instant
   * run in the order they were scheduled.
   */
  Cancellable schedule(Duration delay, Runnable task);

  /**
   * Runs {@code task} once this clock reaches {@code instant} (at once, or at the next advance, if
   * it already has). Use it when another thread may move the clock meanwhile: a delay computed
   * from a reading of {@link #now()} could already be stale.
   */
  default Cancellable scheduleAt(Instant instant, Runnable task) {
    Duration delay = Duration.between(now(), instant);
    return schedule(delay.isNegative() ? Duration.ZERO : delay, task);
  }

  /** A clock that moves only when told to, starting at {@code start}. */
  static VirtualClock virtual(Instant start) {
    return new VirtualClock(start);
  }

  /**
   * A virtual clock starting at the host's current second. Real clients sign provider tokens
   * with the host's time, so a virtual clock that starts there judges them as Apple would;
   * from then on only {@link VirtualClock#advance} moves it.
   */
  static VirtualClock virtual() {
    return new VirtualClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
  }

  /** The host's clock; tasks run on one daemon thread. */
  static SystemClock system() {
    return new SystemClock();
  }

  /** A scheduled task that has not yet run can be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task; returns false when it already ran or was cancelled. */
    boolean cancel();
  }
}
