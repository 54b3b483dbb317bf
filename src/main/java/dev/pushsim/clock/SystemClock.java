package dev.pushsim.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The host's clock, for the standalone simulator; deadlines run on one daemon thread. */
public final class SystemClock implements SimClock, AutoCloseable {

  private final ScheduledThreadPoolExecutor scheduler =
      new ScheduledThreadPoolExecutor(
          1,
          runnable -> {
            Thread thread = new Thread(runnable, "pushsim-clock");
            thread.setDaemon(true);
            return thread;
          });

  SystemClock() {
    // Most deadlines are cancelled (a call reported in time cancels its 7 s check; a closed
    // connection cancels its idle check an hour ahead): drop them at once, or the queue keeps
    // every push of the last 7 s, and closed connections, alive until they would have fired.
    scheduler.setRemoveOnCancelPolicy(true);
  }

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
  public Cancellable schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> future = scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  @Override
  public String toString() {
    return "SystemClock{now=" + now() + "}";
  }
}
