package dev.pushsim.clock;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The host's clock, for the standalone simulator; deadlines run on one daemon thread.
 *
 * <p>Deadlines sit on a timer wheel (Netty's {@link HashedWheelTimer}) rather than in a
 * {@code ScheduledThreadPoolExecutor}'s heap: under load every push schedules one (a ring
 * timeout, a report deadline) and many are cancelled, and the wheel takes both in constant time
 * without a lock the network threads would contend for. The price is {@link #TICK} of precision:
 * a deadline fires up to one tick late, never early.
 */
public final class SystemClock implements SimClock, AutoCloseable {

  /** How late a deadline may fire. */
  static final Duration TICK = Duration.ofMillis(10);
  /** 4096 ticks of 10 ms: a 60 s ring timeout goes round the wheel twice, not a hundred times. */
  private static final int TICKS_PER_WHEEL = 4096;

  private final HashedWheelTimer timer =
      new HashedWheelTimer(
          runnable -> {
            Thread thread = new Thread(runnable, "pushsim-clock");
            thread.setDaemon(true);
            return thread;
          },
          TICK.toMillis(),
          TimeUnit.MILLISECONDS,
          TICKS_PER_WHEEL,
          false); // no leak detection: a clock is closed by whoever made it, or lives as long as the JVM

  SystemClock() {}

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }

  @Override
  public Instant wallTime() {
    return Instant.now();
  }

  @Override
  public Instant wallTime(Instant now) {
    return now; // simulated time is the host's: one reading stamps both
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    // A cancelled timeout leaves the wheel at its next tick, so cancelled deadlines do not pile up.
    Timeout timeout = timer.newTimeout(ignored -> task.run(), delay.toNanos(), TimeUnit.NANOSECONDS);
    return timeout::cancel;
  }

  @Override
  public void close() {
    timer.stop();
  }

  @Override
  public String toString() {
    return "SystemClock{now=" + now() + "}";
  }
}
