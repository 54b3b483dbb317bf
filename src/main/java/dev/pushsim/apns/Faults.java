package dev.pushsim.apns;

import dev.pushsim.push.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Fault injection for the fake APNs: each armed fault applies to a number of upcoming requests,
 * optionally after skipping some. Thread-safe; costs one volatile read per request when nothing
 * is armed.
 */
public final class Faults {

  private final List<Armed> armed = new ArrayList<>();
  private final List<LongConsumer> streamLimitListeners = new CopyOnWriteArrayList<>();
  private volatile boolean any;

  /** The next {@code times} requests answer {@code reason} (e.g. 503 ServiceUnavailable). */
  public Faults respondWith(Reason reason, int times) {
    return inject(new Fault.Respond(reason), 0, times);
  }

  /** The next {@code times} answers are held back by {@code delay}. */
  public Faults delay(Duration delay, int times) {
    return inject(new Fault.Delay(delay), 0, times);
  }

  /** After {@code streams} more answered requests, the connection of the last gets GOAWAY. */
  public Faults goAwayAfter(int streams, Reason reason) {
    return inject(new Fault.GoAway(reason), Math.max(0, streams - 1), 1);
  }

  /** The connection that carries the {@code requests}-th next request is closed instead of answered. */
  public Faults dropConnectionAfter(int requests) {
    return inject(new Fault.DropConnection(), Math.max(0, requests - 1), 1);
  }

  /** Announces a new SETTINGS_MAX_CONCURRENT_STREAMS to open connections and uses it for new ones. */
  public Faults maxConcurrentStreams(long streams) {
    if (streams < 0) {
      throw new IllegalArgumentException("Streams cannot be negative: " + streams);
    }
    streamLimitListeners.forEach(listener -> listener.accept(streams));
    return this;
  }

  /**
   * Arms {@code fault} for {@code times} requests after skipping {@code skip}. Faults of one kind
   * apply one after the other, in the order they were armed.
   */
  public synchronized Faults inject(Fault fault, int skip, int times) {
    if (skip < 0 || times < 1) {
      throw new IllegalArgumentException("A fault applies to one request or more after zero or more: skip=" + skip + ", times=" + times);
    }
    armed.add(new Armed(fault, skip, times));
    any = true;
    return this;
  }

  /** Disarms every fault. */
  public synchronized void clear() {
    armed.clear();
    any = false;
  }

  /** The faults that apply to the request arriving now, consuming one use of each. */
  List<Fault> next() {
    if (!any) {
      return List.of();
    }
    synchronized (this) {
      List<Fault> due = new ArrayList<>(1);
      armed.removeIf(entry -> entry.consume(due));
      any = !armed.isEmpty();
      return due;
    }
  }

  /** True when {@code due} already holds a fault of the same kind as {@code fault}. */
  private static boolean sameKindDue(List<Fault> due, Fault fault) {
    for (Fault other : due) {
      if (other.getClass() == fault.getClass()) {
        return true;
      }
    }
    return false;
  }

  void onStreamLimitChange(LongConsumer listener) {
    streamLimitListeners.add(listener);
  }

  /** What is armed, for the admin API and failure messages. */
  public synchronized List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Armed entry : armed) {
      lines.add(entry.toString());
    }
    return lines;
  }

  @Override
  public String toString() {
    return "Faults" + describe();
  }

  private static final class Armed {
    final Fault fault;
    int skip;
    int remaining;

    Armed(Fault fault, int skip, int remaining) {
      this.fault = fault;
      this.skip = skip;
      this.remaining = remaining;
    }

    /**
     * Adds the fault to {@code due} when it applies now; true once it is used up. Faults of one
     * kind queue: the second "respond with 503" waits until the first is used up.
     */
    boolean consume(List<Fault> due) {
      if (skip > 0) {
        skip--;
        return false;
      }
      if (sameKindDue(due, fault)) {
        return false;
      }
      due.add(fault);
      return --remaining == 0;
    }

    @Override
    public String toString() {
      return fault + " for " + remaining + " request(s)" + (skip > 0 ? " after " + skip : "");
    }
  }
}
