package dev.pushsim.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Assertions on a journal in the WireMock manner: {@code verify(1, type(APNS_REQUEST).with("status", 410))}.
 * A failure is an {@link AssertionError} whose first line is the cause, followed by the nearest events, one
 * short line each with what differed, so the test report does the debugging.
 */
public final class JournalQuery {

  /** How many near misses a failure lists: enough to spot the one meant, short enough to read. */
  public static final int NEAREST = 5;
  /** Longest line of a listed event; its payload and headers are left out. */
  static final int LINE_LIMIT = 120;

  /** Fields a near miss is usually about, shown before the rest. */
  private static final List<String> FIRST = List.of("status", "reason", "detail", "pushType", "app", "caller");
  /** Fields too long or too technical for a one-line listing; the journal keeps them all. */
  private static final Set<String> LEFT_OUT =
      Set.of("headers", "payload", "auth", "connection", "stream", "method", "path", "payloadBytes", "tokenIat");

  private final Journal journal;
  /** Events up to this sequence number are not looked at: another test's, on a shared simulator. */
  private final long after;

  public JournalQuery(Journal journal) {
    this(journal, 0);
  }

  private JournalQuery(Journal journal, long after) {
    this.journal = journal;
    this.after = after;
  }

  /** The same queries over the events recorded after {@code sequence} only. */
  public JournalQuery since(long sequence) {
    return new JournalQuery(journal, sequence);
  }

  /** The events in scope that match {@code pattern}, oldest first. */
  public List<JournalEvent> find(EventPattern pattern) {
    return journal.find(pattern).stream().filter(event -> event.sequence() > after).toList();
  }

  /** Passes when exactly {@code count} events in memory match {@code pattern}; returns them. */
  public List<JournalEvent> verify(int count, EventPattern pattern) {
    List<JournalEvent> matches = find(pattern);
    if (matches.size() != count) {
      throw failure("Expected exactly " + count + " " + pattern + " but found " + matches.size(), pattern, matches);
    }
    return matches;
  }

  /** The one event matching {@code pattern}; none or several is a failure. */
  public JournalEvent single(EventPattern pattern) {
    return verify(1, pattern).get(0);
  }

  /** The one APNs request matching {@code pattern} (its type is set here), typed. */
  public RecordedRequest request(EventPattern pattern) {
    return RecordedRequest.of(single(pattern.withType(EventTypes.APNS_REQUEST)));
  }

  /**
   * Waits up to {@code timeout} of real time for an event matching {@code pattern}, and returns the first. For
   * what real I/O causes (a client's request); what virtual time causes is there once the clock is advanced.
   */
  public JournalEvent await(EventPattern pattern, Duration timeout) {
    CountDownLatch seen = new CountDownLatch(1);
    Runnable unsubscribe = journal.subscribe(event -> {
      if (event.sequence() > after && pattern.test(event)) {
        seen.countDown();
      }
    });
    try {
      List<JournalEvent> matches = find(pattern); // after subscribing, so none can slip between
      if (matches.isEmpty() && !seen.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw failure("Expected " + pattern + " within " + timeout + " but none came", pattern, List.of());
      }
      return find(pattern).get(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for " + pattern, e);
    } finally {
      unsubscribe.run();
    }
  }

  private AssertionError failure(String cause, EventPattern pattern, List<JournalEvent> matches) {
    StringBuilder text = new StringBuilder(cause).append('.');
    if (!matches.isEmpty()) {
      text.append("\nMatching events:");
      matches.stream().limit(NEAREST).forEach(event -> text.append("\n  ").append(shortLine(event)));
    } else {
      List<JournalEvent> nearest = nearest(pattern);
      text.append(nearest.isEmpty() ? "\nNo events were recorded." : "\nNearest events:");
      for (JournalEvent event : nearest) {
        String misses = String.join("; ", pattern.mismatches(event));
        text.append("\n  ").append(shortLine(event)).append(" <- ").append(misses);
      }
    }
    return new AssertionError(text.toString());
  }

  /** The events that miss {@code pattern} in the fewest fields, newest first among equals. */
  private List<JournalEvent> nearest(EventPattern pattern) {
    List<JournalEvent> events = new ArrayList<>(journal.after(after, journal.capacity()));
    events.sort(Comparator.<JournalEvent>comparingInt(event -> pattern.mismatches(event).size())
        .thenComparing(Comparator.comparingLong(JournalEvent::sequence).reversed()));
    return events.subList(0, Math.min(NEAREST, events.size()));
  }

  /** {@code #3 apns.request token=.. status=410 reason=Unregistered}: what tells events apart comes first. */
  static String shortLine(JournalEvent event) {
    StringBuilder line = new StringBuilder("#").append(event.sequence()).append(' ').append(event.type());
    if (event.device() != null) line.append(" device=").append(event.device());
    if (event.deviceToken() != null) line.append(" token=").append(abbreviate(event.deviceToken()));
    for (String key : FIRST) {
      append(line, key, event.get(key));
    }
    event.data().forEach((key, value) -> {
      if (!FIRST.contains(key) && !LEFT_OUT.contains(key)) {
        append(line, key, value);
      }
    });
    return line.length() <= LINE_LIMIT ? line.toString() : line.substring(0, LINE_LIMIT - 3) + "...";
  }

  private static void append(StringBuilder line, String key, Object value) {
    if (value != null) {
      line.append(' ').append(key).append('=').append(value);
    }
  }

  private static String abbreviate(String token) {
    return token.length() <= 12 ? token : token.substring(0, 8) + "..";
  }
}
