package dev.pushsim.journal;

import dev.pushsim.clock.SimClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of everything the simulator did: a bounded in-memory ring of the newest events,
 * plus an optional sink (an NDJSON file) that receives every event.
 *
 * <p>Nothing is dropped silently: when the ring is full the oldest event is evicted and
 * counted ({@link #evicted()}); a sink that fails is counted too ({@link #sinkFailures()}).
 * Listeners (the dashboard, tests) see every event as it is recorded.
 */
public final class Journal implements AutoCloseable {

  /** Ring size when none is given: enough for every event of a long scenario. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private static final Logger log = LoggerFactory.getLogger(Journal.class);

  private final SimClock clock;
  private final JournalEvent[] ring;
  private final JournalSink sink;
  private final List<Consumer<JournalEvent>> listeners = new CopyOnWriteArrayList<>();
  private long recorded;
  private long sinkFailures;
  private boolean closed;

  public Journal(SimClock clock) {
    this(clock, DEFAULT_CAPACITY, null);
  }

  /**
   * @param capacity how many of the newest events stay in memory
   * @param sink receives every event, or null for none
   */
  public Journal(SimClock clock, int capacity, JournalSink sink) {
    if (capacity < 1) {
      throw new IllegalArgumentException("The journal needs room for at least one event, not " + capacity);
    }
    this.clock = clock;
    this.ring = new JournalEvent[capacity];
    this.sink = sink;
  }

  /** Stamps the draft with the next sequence number and the clock's times, and keeps it. */
  public JournalEvent record(EventDraft draft) {
    JournalEvent event;
    synchronized (this) {
      long sequence = recorded + 1;
      Instant now = clock.now();
      event =
          new JournalEvent(
              sequence,
              draft.type,
              now,
              clock.wallTime(now),
              draft.apnsId,
              draft.deviceToken,
              draft.topic,
              draft.device,
              draft.data.freeze());
      ring[(int) (recorded % ring.length)] = event;
      recorded = sequence;
      writeToSink(event);
    }
    for (Consumer<JournalEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        log.warn("A journal listener failed on event #{}; it keeps receiving events", event.sequence(), e);
      }
    }
    return event;
  }

  private void writeToSink(JournalEvent event) {
    if (sink == null) {
      return;
    }
    if (closed) {
      // Recorded after the file was closed (a device deadline firing during shutdown, say): the
      // file will not have it, and that is counted rather than silent.
      sinkFailures++;
      return;
    }
    try {
      sink.write(event);
    } catch (IOException | RuntimeException e) {
      // The event is still in the ring; the failure is counted so that it cannot go unnoticed.
      sinkFailures++;
      if (sinkFailures == 1 || sinkFailures % 10_000 == 0) {
        log.error("Journal sink {} failed {} time(s); latest on event #{}", sink, sinkFailures, event.sequence(), e);
      }
    }
  }

  /** The events still in memory, oldest first. */
  public List<JournalEvent> events() {
    return after(0, ring.length);
  }

  /** The events in memory that match {@code pattern}, oldest first. */
  public List<JournalEvent> find(EventPattern pattern) {
    List<JournalEvent> matches = new ArrayList<>();
    for (JournalEvent event : events()) {
      if (pattern.test(event)) {
        matches.add(event);
      }
    }
    return matches;
  }

  /**
   * At most {@code limit} events in memory recorded after {@code sequence}, oldest first: a cursor
   * for paging and streaming. Reads only the slots it returns, so a streaming client that keeps up
   * costs little however large the ring.
   */
  public synchronized List<JournalEvent> after(long sequence, int limit) {
    long first = Math.max(sequence + 1, oldestInMemory());
    long last = Math.min(recorded, first + Math.max(0, limit) - 1);
    List<JournalEvent> page = new ArrayList<>((int) Math.max(0, last - first + 1));
    for (long next = first; next <= last; next++) {
      page.add(ring[(int) ((next - 1) % ring.length)]);
    }
    return page;
  }

  /** The sequence number of the oldest event still in memory (the next one's when empty). */
  public synchronized long oldestInMemory() {
    return evicted() + 1;
  }

  /** Every event ever recorded, including those evicted from memory. */
  public synchronized long recorded() {
    return recorded;
  }

  /** Events pushed out of the in-memory ring by newer ones (still in the sink, if any). */
  public synchronized long evicted() {
    return Math.max(0, recorded - ring.length);
  }

  /** Events the sink failed to write, or that came after it was closed (still in memory until evicted). */
  public synchronized long sinkFailures() {
    return sinkFailures;
  }

  public int capacity() {
    return ring.length;
  }

  /** Tells {@code listener} of every event recorded from now on; returns how to stop. */
  public Runnable subscribe(Consumer<JournalEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Writes what the sink buffers. */
  public synchronized void flush() {
    if (sink == null || closed) {
      return;
    }
    try {
      sink.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not flush the journal to " + sink, e);
    }
  }

  /** Flushes and closes the sink; the in-memory events stay readable. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    flush();
    closed = true;
    if (sink != null) {
      try {
        sink.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not close the journal sink " + sink, e);
      }
    }
  }

  /** Counts for metrics and health: recorded, in memory, evicted, sink failures. */
  public synchronized Map<String, Long> counts() {
    return Map.of(
        "recorded", recorded,
        "inMemory", Math.min(recorded, ring.length),
        "evicted", evicted(),
        "sinkFailures", sinkFailures);
  }

  @Override
  public synchronized String toString() {
    return "Journal{recorded=" + recorded + ", capacity=" + ring.length + ", evicted=" + evicted()
        + (sink == null ? "" : ", sink=" + sink) + "}";
  }
}
