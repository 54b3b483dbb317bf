package dev.pushsim.admin;

import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.Journal;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.journal.SequenceDiagram;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal: pages of events after a cursor, a live stream of server-sent events, and a push's
 * timeline as a sequence diagram. Every route takes the same filters, read into one {@link
 * EventPattern}: {@code type} (a trailing {@code *} matches a prefix), {@code apnsId}, {@code
 * token}, {@code app}, {@code device}, {@code topic}.
 */
final class JournalRoutes {

  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1_000;
  /** Events a diagram draws at most: the newest that match. */
  static final int MAX_DIAGRAM_EVENTS = 300;

  /** The filters, and the cursor and page size. */
  private static final List<String> QUERY = List.of(
      "type", "apnsId", "token", "app", "device", "topic", "status", "reason", "after", "limit");

  private final Journal journal;
  private final JournalStreams streams;

  JournalRoutes(Journal journal, JournalStreams streams) {
    this.journal = journal;
    this.streams = streams;
  }

  void addTo(RouteTable table) {
    table
        .get("/admin/journal", "events after a cursor: ?after=SEQ&limit=N and filters type, apnsId, token, app, device,"
            + " topic, status, reason", this::page)
        .get("/admin/journal/count", "how many events in memory match the same filters, e.g. ?status=410", this::count)
        .get("/admin/journal/stream", "server-sent events, live; same filters; resumes after ?after=SEQ or Last-Event-ID", this::stream)
        .get("/admin/journal/diagram", "the matching events as a sequence diagram (SVG), e.g. ?apnsId=...", this::diagram);
  }

  /** One page: the events, and {@code next}, the cursor to pass as {@code after} for the following page. */
  record Page(List<JournalEvent> events, long next, boolean more, long recorded, long oldestInMemory, long evicted) {}

  private Page page(AdminRequest request) {
    EventPattern pattern = pattern(request);
    long cursor = pastTheEnd(request.queryNumber("after", 0, 0, Long.MAX_VALUE));
    int limit = (int) request.queryNumber("limit", DEFAULT_PAGE, 1, MAX_PAGE);
    List<JournalEvent> matches = new ArrayList<>();
    boolean more = false;
    scan:
    while (true) {
      List<JournalEvent> chunk = journal.after(cursor, MAX_PAGE);
      if (chunk.isEmpty()) {
        break;
      }
      for (JournalEvent event : chunk) {
        if (pattern.test(event)) {
          if (matches.size() == limit) {
            more = true;
            break scan;
          }
          matches.add(event);
        }
        cursor = event.sequence();
      }
    }
    return new Page(matches, cursor, more, journal.recorded(), journal.oldestInMemory(), journal.evicted());
  }

  /** {@code GET /admin/journal/count}: the events in memory that match, and what the journal recorded in all. */
  record Count(long count, long recorded, long evicted) {}

  private Count count(AdminRequest request) {
    return new Count(journal.find(pattern(request)).size(), journal.recorded(), journal.evicted());
  }

  private AdminReply stream(AdminRequest request) {
    EventPattern pattern = pattern(request);
    String lastEventId = request.header("Last-Event-ID");
    long cursor;
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        cursor = Math.max(0, Long.parseLong(lastEventId.trim()));
      } catch (NumberFormatException e) {
        throw AdminException.badRequest("Last-Event-ID must be a journal sequence number, not '" + lastEventId + "'");
      }
    } else {
      cursor = request.queryNumber("after", journal.recorded(), 0, Long.MAX_VALUE);
    }
    return streams.open(pattern, pastTheEnd(cursor));
  }

  /**
   * A cursor beyond the last event means "after everything so far": clamped, so that the journal's
   * {@code sequence + 1} cannot overflow back to event 1 (issue 17: {@code after=9223372036854775807}).
   */
  private long pastTheEnd(long cursor) {
    return Math.min(cursor, journal.recorded());
  }

  private AdminReply diagram(AdminRequest request) {
    List<JournalEvent> matches = journal.find(pattern(request));
    return AdminReply.text("image/svg+xml; charset=utf-8",
        SequenceDiagram.svg(matches.subList(Math.max(0, matches.size() - MAX_DIAGRAM_EVENTS), matches.size())));
  }

  static EventPattern pattern(AdminRequest request) {
    request.allowQuery(QUERY);
    EventPattern pattern = EventPattern.any();
    request.query("type").ifPresent(type -> {
      if (type.endsWith("*")) {
        pattern.withTypePrefix(type.substring(0, type.length() - 1));
      } else {
        pattern.withType(type);
      }
    });
    request.query("apnsId").ifPresent(pattern::withApnsId);
    request.query("token").ifPresent(pattern::withDeviceToken);
    request.query("app").ifPresent(pattern::withApp);
    request.query("device").ifPresent(pattern::withDevice);
    request.query("topic").ifPresent(pattern::withTopic);
    request.query("status").ifPresent(status -> {
      if (!status.matches("[1-5][0-9][0-9]")) {
        throw AdminException.badRequest("status must be an HTTP status such as 410, not '" + status + "'");
      }
      pattern.with("status", Integer.parseInt(status));
    });
    request.query("reason").ifPresent(reason -> pattern.with("reason", reason));
    return pattern;
  }
}
