package dev.pushsim.admin;

import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.Journal;
import dev.pushsim.journal.JournalEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The journal as server-sent events, one stream per client (the dashboard, {@code curl -N}).
 *
 * <p>No per-client copy of the events: the journal's ring is the buffer and each stream keeps only
 * a cursor into it. The journal's listener merely wakes the stream (a non-blocking semaphore
 * release), so a slow browser never blocks the thread that records an event, and memory stays
 * bounded however many clients lag. The stream then reads the ring in sequence order, which the
 * listener calls (made outside the journal's lock, from many threads) do not guarantee. A client
 * that falls more than the ring's capacity behind gets a {@code gap} event saying how many events
 * it missed; the journal itself (and its NDJSON file) still has them all.
 */
final class JournalStreams implements AutoCloseable {

  /** Open streams at most: each holds a server thread. */
  static final int MAX_STREAMS = 32;
  /** A comment line this often keeps proxies from timing the stream out and detects gone clients. */
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  /** Events read from the ring at a time. */
  private static final int BATCH = 500;
  /** What EventSource waits before reconnecting; it then resumes with Last-Event-ID. */
  private static final long RETRY_MILLIS = 2_000;

  private final Journal journal;
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  /** Taken when a stream is granted, before it runs, so that concurrent requests cannot pass the cap. */
  private final Semaphore slots = new Semaphore(MAX_STREAMS);
  private volatile boolean closed;

  JournalStreams(Journal journal) {
    this.journal = journal;
  }

  /** A stream of the events matching {@code pattern} recorded after {@code cursor}, then live. */
  AdminReply open(EventPattern pattern, long cursor) {
    if (closed) {
      throw new AdminException(503, "The admin server is stopping.");
    }
    if (!slots.tryAcquire()) {
      throw new AdminException(503, "Too many journal streams are open (" + MAX_STREAMS + "); close one and retry.");
    }
    // The streamer always runs right after the route returns (AdminHttpHandler), and frees the slot.
    return AdminReply.eventStream(out -> new Stream(pattern, cursor).run(out));
  }

  int count() {
    return open.size();
  }

  /** Ends every stream: each finishes its current write and returns. */
  @Override
  public void close() {
    closed = true;
    open.forEach(stream -> stream.wake.release());
  }

  /** One client's stream. */
  private final class Stream {
    final EventPattern pattern;
    final Semaphore wake = new Semaphore(0);
    long cursor;

    Stream(EventPattern pattern, long cursor) {
      this.pattern = pattern;
      this.cursor = cursor;
    }

    void run(ChannelOutput out) throws IOException {
      open.add(this);
      // A client that leaves frees its slot at once, not at the next heartbeat's failed write.
      out.onClose(wake::release);
      Runnable unsubscribe = journal.subscribe(event -> {
        if (wake.availablePermits() == 0) {
          wake.release();
        }
      });
      try {
        write(out, "retry: " + RETRY_MILLIS + "\n: pushsim journal, events after #" + cursor + "\n\n");
        while (!closed && out.isOpen()) {
          sendNewEvents(out);
          if (!wake.tryAcquire(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS)) {
            write(out, ": keep-alive\n\n");
          }
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        unsubscribe.run();
        open.remove(this);
        slots.release();
      }
    }

    private void sendNewEvents(ChannelOutput out) throws IOException {
      long oldest = journal.oldestInMemory();
      if (cursor + 1 < oldest) {
        write(out, "event: gap\ndata: {\"missed\":" + (oldest - 1 - cursor) + ",\"resumedAt\":" + oldest + "}\n\n");
        cursor = oldest - 1;
      }
      List<JournalEvent> batch;
      while (!(batch = journal.after(cursor, BATCH)).isEmpty()) {
        StringBuilder text = new StringBuilder();
        for (JournalEvent event : batch) {
          if (pattern.test(event)) {
            text.append("id: ").append(event.sequence()).append("\ndata: ").append(Json.MAPPER.writeValueAsString(event)).append("\n\n");
          }
          cursor = event.sequence();
        }
        if (text.length() > 0) {
          write(out, text.toString());
        }
      }
    }

    private void write(ChannelOutput out, String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }
}
