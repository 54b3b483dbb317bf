package dev.pushsim.journal;

import dev.pushsim.clock.SimClock;
import java.time.Duration;
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
 * counted ({@link #evicted()}). The sink is written on a thread of its own, in sequence order; a
 * failing sink is retried ({@link #sinkWriteErrors()}) and what it never gets is counted
 * ({@link #sinkFailures()}).
 * Listeners (the dashboard, tests) see every event as it is recorded.
 */
public final class Journal implements AutoCloseable {

  /** Ring size when none is given: enough for every event of a long scenario. */
  public static final int DEFAULT_CAPACITY = 10_000;
  /** How long {@link #flush()} waits for a slow or failing sink: real time, as the sink is real I/O. */
  public static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(Journal.class);

  private final SimClock clock;
  private final JournalEvent[] ring;
  private final JournalSink sink;
  private final SinkWriter writer;
  private final List<Consumer<JournalEvent>> listeners = new CopyOnWriteArrayList<>();
  private long recorded;
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
    this.writer = sink == null ? null : new SinkWriter(sink);
  }

  /**
   * Stamps the draft with the next sequence number and the clock's times, and keeps it. Its text is made well
   * formed first ({@link WellFormedText}: a lone surrogate becomes U+FFFD), so every reader can encode it.
   */
  public JournalEvent record(EventDraft draft) {
    FieldMap data = draft.data.freeze();
    String type = WellFormedText.of(draft.type);
    String apnsId = WellFormedText.of(draft.apnsId);
    String deviceToken = WellFormedText.of(draft.deviceToken);
    String topic = WellFormedText.of(draft.topic);
    String device = WellFormedText.of(draft.device);
    JournalEvent event;
    synchronized (this) {
      long sequence = recorded + 1;
      Instant now = clock.now();
      event = new JournalEvent(sequence, type, now, clock.wallTime(now), apnsId, deviceToken, topic, device, data);
      ring[(int) (recorded % ring.length)] = event;
      recorded = sequence;
      if (writer != null) {
        writer.submit(event); // under the monitor, so the sink gets events in sequence order; no I/O here
      }
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

  /** Assertions on this journal: {@code verify}, {@code single}, {@code await}, with near-miss failures. */
  public JournalQuery query() {
    return new JournalQuery(this);
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

  /**
   * Events the sink will never have: recorded after it was closed, or while it had failed so long that its
   * backlog was full, or still failing at close (in memory until evicted).
   */
  public long sinkFailures() {
    return writer == null ? 0 : writer.lost();
  }

  /** Failed attempts to write to the sink; each is retried, so a failure here loses nothing by itself. */
  public long sinkWriteErrors() {
    return writer == null ? 0 : writer.writeErrors();
  }

  public int capacity() {
    return ring.length;
  }

  /** Tells {@code listener} of every event recorded from now on; returns how to stop. */
  public Runnable subscribe(Consumer<JournalEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Waits (up to {@link #FLUSH_TIMEOUT}) until every event recorded so far is in the sink; a sink that fails
   * longer is logged, not thrown: its events are retried and counted.
   */
  public void flush() {
    if (writer != null && !writer.awaitSettled(FLUSH_TIMEOUT)) {
      log.warn("The journal sink has not taken every event after {}; it is retrying", FLUSH_TIMEOUT);
    }
  }

  /** Writes every event recorded so far and closes the sink; the in-memory events stay readable. Never throws. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (writer != null) {
      writer.close(); // outside the monitor: recording goes on (and is counted as lost) while the file closes
    }
  }

  /** Counts for metrics and health: recorded, in memory, evicted, sink failures. */
  public synchronized Map<String, Long> counts() {
    return Map.of(
        "recorded", recorded,
        "inMemory", Math.min(recorded, ring.length),
        "evicted", evicted(),
        "sinkFailures", sinkFailures(),
        "sinkWriteErrors", sinkWriteErrors());
  }

  @Override
  public synchronized String toString() {
    return "Journal{recorded=" + recorded + ", capacity=" + ring.length + ", evicted=" + evicted()
        + (sink == null ? "" : ", sink=" + sink) + "}";
  }
}
