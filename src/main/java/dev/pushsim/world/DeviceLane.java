package dev.pushsim.world;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One device's serial executor: its pushes run one at a time, in the order APNs accepted them.
 * A task that may run on the caller's thread does so when the lane is idle (no thread hop, the
 * benchmark's hot path); anything else, and everything queued behind a running task, runs on a
 * worker thread, so a blocking task never holds up the caller.
 */
final class DeviceLane {

  private final Executor workers;
  private final InFlight inFlight;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean busy;

  DeviceLane(Executor workers, InFlight inFlight) {
    this.workers = workers;
    this.inFlight = inFlight;
  }

  /** Runs {@code task} after every task submitted before it; on this thread only if {@code mayRunHere}. */
  void submit(Runnable task, boolean mayRunHere) {
    inFlight.begin();
    synchronized (this) {
      if (busy || !mayRunHere) {
        queue.add(task);
        if (!busy) {
          busy = true;
          workers.execute(this::drain);
        }
        return;
      }
      busy = true;
    }
    run(task);
    // Tasks queued meanwhile may block: they go to a worker, never run on the caller's thread.
    synchronized (this) {
      if (queue.isEmpty()) {
        busy = false;
        return;
      }
    }
    workers.execute(this::drain);
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = queue.poll();
        if (next == null) {
          busy = false;
          return;
        }
      }
      run(next);
    }
  }

  private void run(Runnable task) {
    try {
      task.run();
    } finally {
      inFlight.end();
    }
  }
}
