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

  @Test
  void aFailingSink_isCounted_andEventsStayInMemory() {
    JournalSink broken = new JournalSink() {
      @Override public void write(JournalEvent event) throws IOException { throw new IOException("disk full"); }
      @Override public void flush() {}
      @Override public void close() {}
    };
    Journal journal = new Journal(clock, 10, broken);
    journal.record(EventDraft.of("a"));
    journal.record(EventDraft.of("b"));
    assertThat(journal.sinkFailures()).isEqualTo(2);
    assertThat(journal.events()).hasSize(2);
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
