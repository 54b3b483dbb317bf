package dev.pushsim.apns;

import dev.pushsim.push.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fault injection for the fake APNs: each armed fault applies to a number of upcoming requests,
 * optionally after skipping some. Thread-safe; costs one volatile read per request when nothing
 * is armed.
 */
public final class Faults {

  private final List<Armed> armed = new ArrayList<>();
  private final List<Consumer<OptionalLong>> streamLimitListeners = new CopyOnWriteArrayList<>();
  private volatile boolean any;
  /** Unlike the other faults, the stream limit applies to connections, not requests, until cleared. */
  private Fault.StreamLimit streamLimit;

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

  /**
   * Announces a new SETTINGS_MAX_CONCURRENT_STREAMS (1 to 2^31-1) to open connections and uses it
   * for new ones, until {@link #clear()}.
   */
  public Faults maxConcurrentStreams(long streams) {
    Fault.StreamLimit limit = new Fault.StreamLimit(streams);
    synchronized (this) {
      streamLimit = limit;
    }
    streamLimitListeners.forEach(listener -> listener.accept(OptionalLong.of(streams)));
    return this;
  }

  /** The armed stream limit, if any. */
  public synchronized OptionalLong streamLimit() {
    return streamLimit == null ? OptionalLong.empty() : OptionalLong.of(streamLimit.streams());
  }

  /**
   * Arms {@code fault} for {@code times} requests after skipping {@code skip}. Faults of one kind
   * apply one after the other, in the order they were armed.
   */
  public synchronized Faults inject(Fault fault, int skip, int times) {
    if (fault instanceof Fault.StreamLimit) {
      throw new IllegalArgumentException("A stream limit applies to connections: use maxConcurrentStreams.");
    }
    if (skip < 0 || times < 1) {
      throw new IllegalArgumentException(
          "A fault applies to one request or more after zero or more: skip=" + skip + ", times=" + times);
    }
    armed.add(new Armed(fault, skip, times));
    any = true;
    return this;
  }

  /** Disarms every fault; connections get the configured stream limit back. */
  public void clear() {
    boolean hadLimit;
    synchronized (this) {
      armed.clear();
      any = false;
      hadLimit = streamLimit != null;
      streamLimit = null;
    }
    if (hadLimit) {
      streamLimitListeners.forEach(listener -> listener.accept(OptionalLong.empty()));
    }
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

  /** {@code listener} gets the new limit, or empty when the configured one applies again. */
  void onStreamLimitChange(Consumer<OptionalLong> listener) {
    streamLimitListeners.add(listener);
  }

  /** What is armed, for the admin API and failure messages. */
  public synchronized List<String> describe() {
    List<String> lines = new ArrayList<>();
    if (streamLimit != null) {
      lines.add(streamLimit + " until cleared");
    }
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
