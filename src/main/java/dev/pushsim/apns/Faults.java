package dev.pushsim.apns;

import dev.pushsim.push.Environment;
import dev.pushsim.push.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fault injection for the fake APNs: each armed fault applies to a number of upcoming requests,
 * optionally after skipping some, in both environments or in the one {@link #only(Environment)}
 * names. Thread-safe; costs one volatile read per request when nothing is armed.
 */
public final class Faults {

  private final Armory armory;
  /** The environment this view arms faults in; null for both. */
  private final Environment target;

  public Faults() {
    this(new Armory(), null);
  }

  private Faults(Armory armory, Environment target) {
    this.armory = armory;
    this.target = target;
  }

  /** The same faults, but what is armed through the view returned applies to {@code environment} only. */
  public Faults only(Environment environment) {
    return new Faults(armory, Objects.requireNonNull(environment, "environment"));
  }

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

  /** The next {@code times} requests get RST_STREAM {@code error} (INTERNAL_ERROR, say) instead of an answer. */
  public Faults resetStream(String error, int times) {
    return inject(new Fault.ResetStream(error), 0, times);
  }

  /** The next {@code times} requests are never answered, until the provider gives up or the connection closes. */
  public Faults stall(int times) {
    return inject(new Fault.Stall(), 0, times);
  }

  /**
   * Announces a new SETTINGS_MAX_CONCURRENT_STREAMS (1 to 2^31-1) to open connections and uses it
   * for new ones, until {@link #clear()}.
   */
  public Faults maxConcurrentStreams(long streams) {
    Fault.StreamLimit limit = new Fault.StreamLimit(streams);
    synchronized (armory) {
      // A newer limit for the same environments replaces the older; one for both replaces all.
      armory.streamLimits.removeIf(entry -> target == null || target == entry.target);
      armory.streamLimits.add(new TargetedLimit(limit, target));
    }
    armory.tellStreamLimitListeners();
    return this;
  }

  /** The stream limit armed for {@code environment}, if any. */
  public OptionalLong streamLimit(Environment environment) {
    synchronized (armory) {
      for (int i = armory.streamLimits.size() - 1; i >= 0; i--) {
        TargetedLimit entry = armory.streamLimits.get(i);
        if (entry.appliesTo(environment)) {
          return OptionalLong.of(entry.limit.streams());
        }
      }
      return OptionalLong.empty();
    }
  }

  /**
   * Arms {@code fault} for {@code times} requests after skipping {@code skip}. Faults of one kind
   * apply one after the other, in the order they were armed.
   */
  public Faults inject(Fault fault, int skip, int times) {
    Objects.requireNonNull(fault, "fault");
    if (fault instanceof Fault.StreamLimit) {
      throw new IllegalArgumentException("A stream limit applies to connections: use maxConcurrentStreams.");
    }
    if (skip < 0 || times < 1) {
      throw new IllegalArgumentException(
          "A fault applies to one request or more after zero or more: skip=" + skip + ", times=" + times);
    }
    synchronized (armory) {
      armory.armed.add(new Armed(fault, target, skip, times));
      armory.any = true;
    }
    return this;
  }

  /** Disarms every fault, in both environments; connections get the configured stream limit back. */
  public void clear() {
    boolean hadLimit;
    synchronized (armory) {
      armory.armed.clear();
      armory.any = false;
      hadLimit = !armory.streamLimits.isEmpty();
      armory.streamLimits.clear();
    }
    if (hadLimit) {
      armory.tellStreamLimitListeners();
    }
  }

  /** The faults that apply to a request arriving now in {@code environment}, consuming one use of each. */
  List<Fault> next(Environment environment) {
    if (!armory.any) {
      return List.of();
    }
    synchronized (armory) {
      List<Fault> due = new ArrayList<>(1);
      armory.armed.removeIf(entry -> entry.consume(environment, due));
      armory.any = !armory.armed.isEmpty();
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

  /** {@code listener} runs whenever a stream limit is armed or cleared; it reads {@link #streamLimit}. */
  void onStreamLimitChange(Runnable listener) {
    armory.streamLimitListeners.add(listener);
  }

  /** What is armed, for the admin API and failure messages. */
  public List<String> describe() {
    synchronized (armory) {
      List<String> lines = new ArrayList<>();
      for (TargetedLimit entry : armory.streamLimits) {
        lines.add(entry.limit + targetText(entry.target) + " until cleared");
      }
      for (Armed entry : armory.armed) {
        lines.add(entry.toString());
      }
      return lines;
    }
  }

  @Override
  public String toString() {
    return "Faults" + (target == null ? "" : "(" + targetText(target).trim() + ")") + describe();
  }

  private static String targetText(Environment target) {
    return target == null ? "" : " in " + target.name().toLowerCase(java.util.Locale.ROOT) + " only";
  }

  /** What every view of one {@code Faults} shares. */
  private static final class Armory {
    final List<Armed> armed = new ArrayList<>();
    final List<TargetedLimit> streamLimits = new ArrayList<>();
    final List<Runnable> streamLimitListeners = new CopyOnWriteArrayList<>();
    volatile boolean any;

    void tellStreamLimitListeners() {
      streamLimitListeners.forEach(Runnable::run);
    }
  }

  /** A stream limit and the environment it applies to (null: both). */
  private record TargetedLimit(Fault.StreamLimit limit, Environment target) {
    boolean appliesTo(Environment environment) {
      return target == null || target == environment;
    }
  }

  private static final class Armed {
    final Fault fault;
    final Environment target;
    int skip;
    int remaining;

    Armed(Fault fault, Environment target, int skip, int remaining) {
      this.fault = fault;
      this.target = target;
      this.skip = skip;
      this.remaining = remaining;
    }

    /**
     * Adds the fault to {@code due} when it applies now in {@code environment}; true once it is
     * used up. Faults of one kind queue: the second "respond with 503" waits until the first is
     * used up. A request in the other environment neither uses nor skips a targeted fault.
     */
    boolean consume(Environment environment, List<Fault> due) {
      if (target != null && target != environment) {
        return false;
      }
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
      return fault + " for " + remaining + " request(s)" + (skip > 0 ? " after " + skip : "") + targetText(target);
    }
  }
}
