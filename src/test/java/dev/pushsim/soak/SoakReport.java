package dev.pushsim.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a soak did and what it found: the client's view of every request, the journal's, the faults
 * and the device churn, and the process before and after. {@link #brokenInvariants()} lists each
 * equality that does not hold.
 *
 * @param sent requests whose headers went out on an open connection
 * @param notSent requests refused by a connection already closing (after GOAWAY): never sent
 * @param byStatus answers by HTTP status (431 included: the HTTP/2 layer's)
 * @param resets streams the server reset instead of answering
 * @param lost requests whose connection closed before an answer (dropped by a fault, GOAWAY)
 * @param hung requests still without an outcome when the soak gave up waiting
 * @param answeredNotJournaled APNs answers with no journal event of their own
 * @param statusMismatches APNs answers whose journal event has another status
 * @param journaledRequests {@code apns.request} events
 * @param lostButJournaled of those, requests judged whose answer the closed connection lost
 * @param phantoms journaled requests the client never sent, or answered otherwise
 * @param rejectedStreams {@code apns.stream.rejected} events
 * @param journalRecorded every journal event recorded
 * @param sinkLines lines in the NDJSON journal file
 * @param sinkFailures events the file could not take
 * @param threadsLeftBehind threads the soak started that are still alive after it
 * @param leaks ByteBuf leaks Netty reported
 */
public record SoakReport(
    Duration load,
    Duration took,
    int connectionsOpened,
    long sent,
    long notSent,
    Map<Integer, Long> byStatus,
    long resets,
    long lost,
    long hung,
    long answeredNotJournaled,
    long statusMismatches,
    long journaledRequests,
    long lostButJournaled,
    long phantoms,
    long rejectedStreams,
    long journalRecorded,
    long sinkLines,
    long sinkFailures,
    Map<String, Long> faults,
    Map<String, Long> churn,
    Heap heap,
    int threadsBefore,
    List<String> threadsLeftBehind,
    long fileDescriptorsBefore,
    long fileDescriptorsAfter,
    long leaks) {

  /** Heap after GC may differ by this much between two samples (class loading, JIT, JDK caches). */
  static final long HEAP_GROWTH_ALLOWED = 16L << 20;

  /**
   * Heap used after a full GC: before the simulator starts, at half time and at the end of the load
   * (the journal ring full by then), and after everything closed.
   */
  public record Heap(long before, long underLoad, long endOfLoad, long after) {}

  public long answered() {
    return byStatus.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Answers the HTTP/2 layer gave (431 for a header list too large): journaled as rejected streams. */
  public long answeredByHttp2() {
    return byStatus.getOrDefault(431, 0L);
  }

  public long answeredByApns() {
    return answered() - answeredByHttp2();
  }

  /** Every equality of the soak that does not hold, in words; empty when all hold. */
  public List<String> brokenInvariants() {
    List<String> broken = new ArrayList<>();
    check(broken, hung == 0, hung + " request(s) never got an answer, a reset or a closed connection");
    check(broken, sent == answered() + resets + lost,
        "sent " + sent + " != answered " + answered() + " + reset " + resets + " + lost " + lost);
    check(broken, answeredNotJournaled == 0, answeredNotJournaled + " answer(s) have no journal event");
    check(broken, statusMismatches == 0, statusMismatches + " answer(s) differ from their journal event");
    check(broken, journaledRequests == answeredByApns() + lostButJournaled,
        "journaled requests " + journaledRequests + " != answered by APNs " + answeredByApns() + " + lost after judging " + lostButJournaled);
    check(broken, phantoms == 0, phantoms + " journaled request(s) the client never sent");
    long rejectedSeen = resets + answeredByHttp2();
    check(broken, rejectedStreams >= rejectedSeen && rejectedStreams <= rejectedSeen + (lost - lostButJournaled),
        "rejected streams " + rejectedStreams + " do not match resets " + resets + " + 431 answers " + answeredByHttp2()
            + " (+ at most " + (lost - lostButJournaled) + " lost unjudged)");
    check(broken, sinkLines == journalRecorded && sinkFailures == 0,
        "journal file has " + sinkLines + " lines for " + journalRecorded + " events (" + sinkFailures + " sink failures)");
    check(broken, leaks == 0, leaks + " ByteBuf leak(s) reported by Netty");
    check(broken, threadsLeftBehind.isEmpty(), "threads left behind: " + threadsLeftBehind);
    check(broken, fileDescriptorsAfter <= fileDescriptorsBefore + 2,
        "open files: " + fileDescriptorsBefore + " before, " + fileDescriptorsAfter + " after");
    check(broken, heap.endOfLoad() - heap.underLoad() <= HEAP_GROWTH_ALLOWED,
        "heap after GC grew under load from " + mib(heap.underLoad()) + " at half time to " + mib(heap.endOfLoad()) + " at the end");
    check(broken, heap.after() - heap.before() <= HEAP_GROWTH_ALLOWED,
        "heap after GC was " + mib(heap.before()) + " before the soak and " + mib(heap.after()) + " after it");
    return broken;
  }

  private static void check(List<String> broken, boolean holds, String otherwise) {
    if (!holds) {
      broken.add(otherwise);
    }
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  @Override
  public String toString() {
    return String.format("""
        Soak: %.1f s of load, %.1f s in all; %d connections opened
          requests   sent %,d = answered %,d + reset %,d + lost with their connection %,d  (not sent, connection closing: %,d; hung: %d)
          answers    %s
          journal    %,d requests = %,d answered by APNs + %,d judged then lost with their connection; %,d rejected streams; phantoms %d
                     every answer journaled with its status: %s
                     %,d events recorded, %,d lines in the NDJSON file, %d sink failures
          faults     %s
          churn      %s
          heap       after GC: %s before, %s at half time, %s at the end of the load, %s after closing
          threads    %d before, %d of the soak's left after;  open files %d before, %d after;  Netty leaks %d
        """,
        load.toMillis() / 1000.0, took.toMillis() / 1000.0, connectionsOpened,
        sent, answered(), resets, lost, notSent, hung,
        new TreeMap<>(byStatus),
        journaledRequests, answeredByApns(), lostButJournaled, rejectedStreams, phantoms,
        answeredNotJournaled == 0 && statusMismatches == 0 ? "yes" : "NO (" + answeredNotJournaled + " missing, " + statusMismatches + " different)",
        journalRecorded, sinkLines, sinkFailures,
        new TreeMap<>(faults), new TreeMap<>(churn),
        mib(heap.before()), mib(heap.underLoad()), mib(heap.endOfLoad()), mib(heap.after()),
        threadsBefore, threadsLeftBehind.size(), fileDescriptorsBefore, fileDescriptorsAfter, leaks);
  }
}
