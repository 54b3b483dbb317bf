package dev.pushsim.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  private final Journal journal;

  public JournalQuery(Journal journal) {
    this.journal = journal;
  }

  /** Passes when exactly {@code count} events in memory match {@code pattern}; returns them. */
  public List<JournalEvent> verify(int count, EventPattern pattern) {
    List<JournalEvent> matches = journal.find(pattern);
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
      if (pattern.test(event)) {
        seen.countDown();
      }
    });
    try {
      List<JournalEvent> matches = journal.find(pattern); // after subscribing, so none can slip between
      if (matches.isEmpty() && !seen.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw failure("Expected " + pattern + " within " + timeout + " but none came", pattern, List.of());
      }
      return journal.find(pattern).get(0);
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
      text.append(nearest.isEmpty() ? "\nThe journal is empty." : "\nNearest events:");
      for (JournalEvent event : nearest) {
        String misses = String.join("; ", pattern.mismatches(event));
        text.append("\n  ").append(shortLine(event)).append(" <- ").append(misses);
      }
    }
    return new AssertionError(text.toString());
  }

  /** The events that miss {@code pattern} in the fewest fields, newest first among equals. */
  private List<JournalEvent> nearest(EventPattern pattern) {
    List<JournalEvent> events = new ArrayList<>(journal.events());
    events.sort(Comparator.<JournalEvent>comparingInt(event -> pattern.mismatches(event).size())
        .thenComparing(Comparator.comparingLong(JournalEvent::sequence).reversed()));
    return events.subList(0, Math.min(NEAREST, events.size()));
  }

  /** {@code #3 apns.request apns-id=... status=410 reason=Unregistered}, without payload or headers. */
  static String shortLine(JournalEvent event) {
    StringBuilder line = new StringBuilder("#").append(event.sequence()).append(' ').append(event.type());
    if (event.device() != null) line.append(" device=").append(event.device());
    if (event.deviceToken() != null) line.append(" token=").append(abbreviate(event.deviceToken()));
    event.data().forEach((key, value) -> {
      if (value != null && !key.equals("headers") && !key.equals("payload") && !key.equals("auth")) {
        line.append(' ').append(key).append('=').append(value);
      }
    });
    return line.length() <= LINE_LIMIT ? line.toString() : line.substring(0, LINE_LIMIT - 3) + "...";
  }

  private static String abbreviate(String token) {
    return token.length() <= 12 ? token : token.substring(0, 8) + "..";
  }
}
