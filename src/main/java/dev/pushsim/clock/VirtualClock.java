package dev.pushsim.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Virtual time with a deterministic scheduler, in the manner of Reactor's
 * VirtualTimeScheduler: {@link #advance} runs every task that falls due within the window, in
 * due order, with {@link #now()} equal to each task's own due time; tasks scheduled while
 * advancing still fire inside the window.
 *
 * <p>Thread-safe: network threads may schedule tasks (an idle-connection timeout, say) while a
 * test thread advances the clock. Tasks run on the thread that advances.
 */
public final class VirtualClock implements SimClock {

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private volatile long nowMillis;
  private long sequence;
  private boolean advancing;

  VirtualClock(Instant start) {
    this.nowMillis = start.toEpochMilli();
  }

  @Override
  public Instant now() {
    return Instant.ofEpochMilli(nowMillis);
  }

  @Override
  public long millis() {
    return nowMillis;
  }

  @Override
  public Instant wallTime() {
    return Instant.now();
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("A task cannot be scheduled in the past: " + delay);
    }
    Task scheduled = new Task(nowMillis + delay.toMillis(), sequence++, task);
    queue.add(scheduled);
    return scheduled::cancel;
  }

  @Override
  public synchronized Cancellable scheduleAt(Instant instant, Runnable task) {
    Task scheduled = new Task(Math.max(instant.toEpochMilli(), nowMillis), sequence++, task);
    queue.add(scheduled);
    return scheduled::cancel;
  }

  /** Moves the clock forward by {@code duration}, running every task that falls due. */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("Time only moves forward, not by " + duration);
    }
    advanceTo(Instant.ofEpochMilli(nowMillis + duration.toMillis()));
  }

  /** Moves the clock to {@code target}, running every task due up to and including it. */
  public void advanceTo(Instant target) {
    long targetMillis = target.toEpochMilli();
    if (targetMillis < nowMillis) {
      throw new IllegalArgumentException("Time only moves forward: " + target + " is before " + now());
    }
    synchronized (this) {
      if (advancing) {
        throw new IllegalStateException("A scheduled task cannot advance the clock it runs on.");
      }
      advancing = true;
    }
    try {
      Task next;
      while ((next = pollDue(targetMillis)) != null) {
        next.run();
      }
      nowMillis = targetMillis;
    } finally {
      synchronized (this) {
        advancing = false;
      }
    }
  }

  /** Runs every task due now, without moving the clock. */
  public void runDue() {
    advanceTo(now());
  }

  /** How many tasks wait for a future instant. */
  public synchronized int pendingTasks() {
    return (int) queue.stream().filter(Task::pending).count();
  }

  private synchronized Task pollDue(long targetMillis) {
    Task head;
    while ((head = queue.peek()) != null && head.dueMillis <= targetMillis) {
      queue.poll();
      if (head.pending()) {
        nowMillis = Math.max(nowMillis, head.dueMillis);
        return head;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "VirtualClock{now=" + now() + ", pending=" + pendingTasks() + "}";
  }

  private static final class Task implements Comparable<Task> {
    final long dueMillis;
    final long order;
    /** Null once run or cancelled: a cancelled task waits in the queue until its time, holding nothing. */
    private final AtomicReference<Runnable> action;

    Task(long dueMillis, long order, Runnable action) {
      this.dueMillis = dueMillis;
      this.order = order;
      this.action = new AtomicReference<>(action);
    }

    boolean pending() {
      return action.get() != null;
    }

    void run() {
      Runnable due = action.getAndSet(null);
      if (due != null) {
        due.run();
      }
    }

    boolean cancel() {
      return action.getAndSet(null) != null;
    }

    @Override
    public int compareTo(Task other) {
      int byDue = Long.compare(dueMillis, other.dueMillis);
      return byDue != 0 ? byDue : Long.compare(order, other.order);
    }
  }
}
