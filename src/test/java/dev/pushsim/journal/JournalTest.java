package dev.pushsim.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

  final VirtualClock clock = SimClock.virtual(Instant.parse("2026-01-01T09:00:00Z"));

  @Test
  void eventsGetSequenceNumbersAndSimulatedTime() {
    Journal journal = new Journal(clock);
    journal.record(EventDraft.of("a"));
    clock.advance(Duration.ofSeconds(5));
    JournalEvent second = journal.record(EventDraft.of("b").apnsId("ID").with("status", 200));

    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.time()).isEqualTo(Instant.parse("2026-01-01T09:00:05Z"));
    assertThat(second.summary()).isEqualTo("#2 2026-01-01T09:00:05Z b apns-id=ID status=200");
  }

  @Test
  void aFullRingEvictsTheOldest_andCountsIt() {
    Journal journal = new Journal(clock, 3, null);
    for (int i = 1; i <= 5; i++) {
      journal.record(EventDraft.of("e").with("i", i));
    }
    assertThat(journal.events()).extracting(event -> event.get("i")).containsExactly(3, 4, 5);
    assertThat(journal.recorded()).isEqualTo(5);
    assertThat(journal.evicted()).isEqualTo(2);
    assertThat(journal.after(3, 10)).extracting(JournalEvent::sequence).containsExactly(4L, 5L);
  }

  @Test
  void find_matchesEveryFieldOfThePattern() {
    Journal journal = new Journal(clock);
    journal.record(EventDraft.of("apns.request").apnsId("A").deviceToken("aa").with("status", 200));
    journal.record(EventDraft.of("apns.request").apnsId("B").deviceToken("bb").with("status", 410));
    journal.record(EventDraft.of("device.delivered").apnsId("A"));

    assertThat(journal.find(EventPattern.type("apns.request").with("status", 410))).extracting(JournalEvent::apnsId).containsExactly("B");
    assertThat(journal.find(EventPattern.any().withApnsId("a"))).hasSize(2);
    assertThat(journal.find(EventPattern.any().withTypePrefix("device."))).hasSize(1);
    assertThat(EventPattern.type("apns.request").withApnsId("A").with("status", 200).toString())
        .isEqualTo("events of type apns.request with apns-id A with status=200");
  }

  @Test
  void theNdjsonSinkReceivesEveryEvent_evenThoseEvictedFromMemory(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("journal.ndjson");
    try (Journal journal = new Journal(clock, 2, new NdjsonFileSink(file))) {
      for (int i = 1; i <= 5; i++) {
        journal.record(EventDraft.of("e").with("i", i));
      }
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(5);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("sequence").asLong()).isEqualTo(1);
    assertThat(first.get("time").asText()).isEqualTo("2026-01-01T09:00:00Z");
    assertThat(first.get("data").get("i").asInt()).isEqualTo(1);
  }

  @Test
  void anEventAfterTheFileIsClosed_isCountedAsNotWritten(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("journal.ndjson");
    Journal journal = new Journal(clock, 10, new NdjsonFileSink(file));
    journal.record(EventDraft.of("before"));
    journal.close();

    journal.record(EventDraft.of("after"));

    assertThat(Files.readAllLines(file)).hasSize(1);
    assertThat(journal.sinkFailures()).as("the event the file never got").isEqualTo(1);
    assertThat(journal.events()).extracting(JournalEvent::type).containsExactly("before", "after");
  }

  /** Takes events into a list on flush; fails its first {@code failures} flushes, like a disk out of space. */
  static final class RecoveringSink implements JournalSink {
    final List<Long> written = new CopyOnWriteArrayList<>();
    final List<JournalEvent> buffered = new ArrayList<>();
    final AtomicInteger failures;
    final CountDownLatch release = new CountDownLatch(1);
    final boolean blocking;

    RecoveringSink(int failures, boolean blocking) {
      this.failures = new AtomicInteger(failures);
      this.blocking = blocking;
    }

    @Override public void write(JournalEvent event) { buffered.add(event); }

    @Override public void flush() throws IOException {
      if (blocking) {
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      if (failures.getAndDecrement() > 0) {
        throw new IOException("No space left on device");
      }
      buffered.forEach(event -> written.add(event.sequence()));
      buffered.clear();
    }

    @Override public void close() throws IOException { throw new IOException("closing fails too"); }
  }

  @Test
  void aSinkThatFailsThenRecovers_getsEveryEventOnce_inOrder_andTheFailuresAreCounted() {
    RecoveringSink sink = new RecoveringSink(3, false);
    Journal journal = new Journal(clock, 10, sink);
    for (int i = 0; i < 50; i++) {
      journal.record(EventDraft.of("e").with("i", i));
    }
    journal.flush();
    assertThat(sink.written).containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
    assertThat(journal.sinkWriteErrors()).isEqualTo(3);
    assertThat(journal.sinkFailures()).isZero();
    journal.close(); // the sink's close throws; the journal's does not
    assertThat(journal.counts()).containsEntry("sinkWriteErrors", 3L).containsEntry("sinkFailures", 0L);
  }

  @Test
  void recording_doesNotWaitForASinkStuckOnItsDisk() {
    RecoveringSink sink = new RecoveringSink(0, true);
    Journal journal = new Journal(clock, 10, sink);
    long started = System.nanoTime();
    for (int i = 0; i < 1_000; i++) {
      journal.record(EventDraft.of("e"));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(sink.written).isEmpty();
    sink.release.countDown();
    journal.flush();
    assertThat(sink.written).hasSize(1_000).isSorted();
    journal.close();
  }

  @Test
  void aSinkThatNeverRecovers_closeGivesUpInBoundedTime_andCountsEveryEventNotWritten() {
    RecoveringSink sink = new RecoveringSink(Integer.MAX_VALUE, false);
    Journal journal = new Journal(clock, 10, sink);
    journal.record(EventDraft.of("a"));
    journal.record(EventDraft.of("b"));
    long started = System.nanoTime();
    journal.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SinkWriter.CLOSE_GRACE.plusSeconds(3));
    assertThat(journal.sinkFailures()).isEqualTo(2);
    assertThat(journal.sinkWriteErrors()).isPositive();
    assertThat(journal.events()).hasSize(2);
  }

  @Test
  void loneSurrogates_becomeTheReplacementCharacter_whenRecorded_andRealPairsStay() {
    Journal journal = new Journal(clock);
    JournalEvent event = journal.record(EventDraft.of("callkit.reported").device("\ud800 phone").topic("a\udc00")
        .with("caller", "\ud83d\ude00\ud83d").with("headers", List.of(Map.of("x", "\udfff"))).with("n", 3));
    assertThat(event.device()).isEqualTo("\ufffd phone");
    assertThat(event.topic()).isEqualTo("a\ufffd");
    assertThat(event.get("caller")).isEqualTo("\ud83d\ude00\ufffd");
    assertThat(event.get("headers")).isEqualTo(List.of(Map.of("x", "\ufffd")));
    assertThat(event.get("n")).isEqualTo(3);
    String wellFormed = "Alice \ud83d\udcde";
    assertThat(journal.record(EventDraft.of("e").with("caller", wellFormed)).get("caller")).isSameAs(wellFormed);
  }

  @Test
  void listenersSeeEveryEvent_andAFailingListenerDoesNotStopOthers() {
    Journal journal = new Journal(clock);
    List<String> seen = new ArrayList<>();
    journal.subscribe(event -> { throw new IllegalStateException("boom"); });
    Runnable unsubscribe = journal.subscribe(event -> seen.add(event.type()));
    journal.record(EventDraft.of("a"));
    unsubscribe.run();
    journal.record(EventDraft.of("b"));
    assertThat(seen).containsExactly("a");
  }
}
