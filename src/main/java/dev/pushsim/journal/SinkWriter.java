package dev.pushsim.journal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a journal's events to its sink on a thread of its own, in sequence order, so that recording an event
 * never waits for a disk. While the sink fails, the same events are retried (a full disk that gets space back
 * loses nothing) and later ones wait behind them; each failed attempt is counted.
 */
final class SinkWriter {

  /** Events waiting for a failing sink before new ones are refused (counted as lost): memory stays bounded. */
  static final int MAX_BACKLOG = 100_000;
  /** Events handed to the sink per flush: one flush per batch keeps a busy journal cheap to write. */
  static final int MAX_BATCH = 1_024;
  static final Duration FIRST_RETRY = Duration.ofMillis(10);
  static final Duration LAST_RETRY = Duration.ofSeconds(1);
  /** How long close goes on retrying a failing sink before it counts what is left as lost. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(SinkWriter.class);
  /** Queued by close to wake a writer waiting for events; never handed to the sink. */
  private static final JournalEvent WAKE_UP =
      new JournalEvent(0, "wake-up", null, null, null, null, null, null, Map.of());

  private final JournalSink sink;
  private final LinkedBlockingQueue<JournalEvent> queue = new LinkedBlockingQueue<>(MAX_BACKLOG);
  private final CountDownLatch closeRequested = new CountDownLatch(1);
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong writeErrors = new AtomicLong();
  /** The newest sequence number the sink has flushed or given up: what {@link #awaitSettled} waits for. */
  private final AtomicLong settled = new AtomicLong();
  /** The newest sequence number queued. */
  private volatile long queued;
  private final Thread thread;
  private volatile boolean closing;

  SinkWriter(JournalSink sink) {
    this.sink = sink;
    this.thread = new Thread(this::run, "pushsim-journal-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues an event; the caller submits in sequence order (the journal does, under its monitor). */
  void submit(JournalEvent event) {
    if (!closing && queue.offer(event)) {
      queued = event.sequence();
    } else {
      // After close (a deadline firing during shutdown), or a sink failing so long the backlog is full.
      long count = lost.incrementAndGet();
      if (count == 1 || count % 10_000 == 0) {
        log.error("Journal sink {} did not get {} event(s); latest #{} ({})", sink, count, event.sequence(),
            closing ? "recorded after close" : "backlog of " + MAX_BACKLOG + " full");
      }
    }
  }

  /** Waits until every event queued so far is written or counted lost; false if {@code timeout} ran out. */
  boolean awaitSettled(Duration timeout) {
    long sequence = queued;
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (settled) {
      while (settled.get() < sequence) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(settled, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /** Writes what is queued (retrying a failing sink for {@link #CLOSE_GRACE}), then closes the sink; never throws. */
  void close() {
    closing = true;
    closeRequested.countDown();
    queue.offer(WAKE_UP); // when the queue is full the writer is not waiting for events anyway
    try {
      thread.join(CLOSE_GRACE.plus(LAST_RETRY).plus(LAST_RETRY).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.error("The journal writer for {} is stuck in a write; closing the sink under it", sink);
    }
    try {
      sink.close();
    } catch (IOException | RuntimeException e) {
      log.warn("Could not close the journal sink {}: {}", sink, e.toString());
    }
  }

  long lost() {
    return lost.get();
  }

  long writeErrors() {
    return writeErrors.get();
  }

  private void run() {
    List<JournalEvent> batch = new ArrayList<>(MAX_BATCH);
    int handed = 0;
    Duration retry = FIRST_RETRY;
    long giveUpAt = Long.MAX_VALUE;
    while (true) {
      if (batch.isEmpty() && !takeBatch(batch)) {
        return;
      }
      try {
        for (; handed < batch.size(); handed++) {
          hand(batch.get(handed));
        }
        sink.flush();
        settle(batch.get(batch.size() - 1).sequence());
        batch.clear();
        handed = 0;
        retry = FIRST_RETRY;
      } catch (IOException | RuntimeException e) {
        long errors = writeErrors.incrementAndGet();
        if (errors == 1 || errors % 1_000 == 0) {
          log.error("Journal sink {} failed {} time(s) on event #{}; retrying", sink, errors,
              batch.get(Math.min(handed, batch.size() - 1)).sequence(), e);
        }
        if (closing && giveUpAt == Long.MAX_VALUE) {
          giveUpAt = System.nanoTime() + CLOSE_GRACE.toNanos();
        }
        if (closing && System.nanoTime() > giveUpAt) {
          giveUp(batch);
          return;
        }
        pause(retry);
        retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
      }
    }
  }

  /** Fills {@code batch} with the next events; false when closing with nothing left. */
  private boolean takeBatch(List<JournalEvent> batch) {
    try {
      while (true) {
        if (closing && queue.isEmpty()) {
          return false;
        }
        JournalEvent next = queue.poll(1, TimeUnit.SECONDS);
        if (next != null && next != WAKE_UP) {
          batch.add(next);
          queue.drainTo(batch, MAX_BATCH - 1);
          batch.removeIf(event -> event == WAKE_UP);
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Hands one event over; one the sink cannot take at all is lost, as retrying it would stall every later one. */
  private void hand(JournalEvent event) throws IOException {
    try {
      sink.write(event);
    } catch (RuntimeException e) {
      lost.incrementAndGet();
      log.error("Journal sink {} cannot take event #{}; it is counted as lost", sink, event.sequence(), e);
    }
  }

  private void giveUp(List<JournalEvent> batch) {
    List<JournalEvent> left = new ArrayList<>(batch);
    queue.drainTo(left);
    left.removeIf(event -> event == WAKE_UP);
    lost.addAndGet(left.size());
    settle(left.get(left.size() - 1).sequence());
    log.error("Journal sink {} still failing at close: {} event(s) not written", sink, left.size());
  }

  /** Waits before a retry; a close request cuts the first wait short. Real time: this waits for a real disk. */
  private void pause(Duration retry) {
    if (closing) {
      LockSupport.parkNanos(retry.toNanos());
      return;
    }
    try {
      closeRequested.await(retry.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void settle(long sequence) {
    synchronized (settled) {
      settled.accumulateAndGet(sequence, Math::max);
      settled.notifyAll();
    }
  }
}
