package dev.pushsim.world;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the pushes the device model has been handed and not yet finished, so that a caller can
 * wait until the model is idle before it moves virtual time or reads the journal. Counting is
 * lock-free; the monitor is taken only when someone waits.
 */
final class InFlight {

  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger waiters = new AtomicInteger();

  void begin() {
    pending.incrementAndGet();
  }

  void end() {
    if (pending.decrementAndGet() == 0 && waiters.get() > 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  int pending() {
    return pending.get();
  }

  /** Waits (real time, bounded) until nothing is in flight; false when {@code timeout} passed first. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    if (pending.get() == 0) {
      return true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    waiters.incrementAndGet();
    try {
      synchronized (this) {
        while (pending.get() > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
      }
    } finally {
      waiters.decrementAndGet();
    }
  }
}
