package dev.pushsim.bench;

import dev.pushsim.apns.ApnsService;
import dev.pushsim.device.DeviceEvents;
import dev.pushsim.journal.JournalEvent;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Counts journal events by type as they are recorded (a journal listener sees every one). */
final class EventTally {

  private final Map<String, LongAdder> byType = new ConcurrentHashMap<>();
  private final LongAdder accepted = new LongAdder();

  void count(JournalEvent event) {
    byType.computeIfAbsent(event.type(), type -> new LongAdder()).increment();
    if (event.type().equals(ApnsService.REQUEST_EVENT) && Integer.valueOf(200).equals(event.get("status"))) {
      accepted.increment();
    }
    if (event.type().equals(DeviceEvents.CALL_UNANSWERED)) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  long of(String type) {
    LongAdder count = byType.get(type);
    return count == null ? 0 : count.sum();
  }

  long requests() {
    return of(ApnsService.REQUEST_EVENT);
  }

  /** {@code apns.request} events answered 200. */
  long accepted() {
    return accepted.sum();
  }

  long total() {
    return byType.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Map<String, Long> byType() {
    Map<String, Long> counts = new TreeMap<>();
    byType.forEach((type, count) -> counts.put(type, count.sum()));
    return counts;
  }

  /** Waits until every call shown has ended unanswered (no one answers in the scale run); false on timeout. */
  synchronized boolean awaitCallsEnded(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (of(DeviceEvents.CALL_UNANSWERED) < of(DeviceEvents.CALL_SHOWN)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
