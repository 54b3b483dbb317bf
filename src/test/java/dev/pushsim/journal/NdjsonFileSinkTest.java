package dev.pushsim.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.clock.SimClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonFileSinkTest {

  static final Path PATH = Path.of("journal.ndjson");
  final Journal journal = new Journal(SimClock.virtual(Instant.parse("2026-01-01T09:00:00Z")), 100, null);
  final FlakyJournalFile disk = new FlakyJournalFile();

  private JournalEvent event(String caller) {
    return journal.record(EventDraft.of("callkit.reported").device("Alice's iPhone").with("caller", caller));
  }

  private static List<Long> sequences(byte[] content) throws IOException {
    List<Long> sequences = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : new String(content, StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.isEmpty()) {
        sequences.add(json.readTree(line).get("sequence").asLong());
      }
    }
    return sequences;
  }

  @Test
  void aWriteTornByAFullDisk_isCutOffAndRetried_soEveryEventIsInTheFileOnceAndWhole() throws IOException {
    NdjsonFileSink sink = new NdjsonFileSink(PATH, disk);
    sink.write(event("Bob"));
    sink.flush();

    disk.failAppends(2, 25);
    sink.write(event("Carol"));
    sink.write(event("Dave"));
    assertThatThrownBy(sink::flush).hasMessageContaining("No space");
    assertThat(new String(disk.content(), StandardCharsets.UTF_8)).as("a torn line, for now").doesNotEndWith("\n");
    assertThatThrownBy(sink::flush).as("still full").isInstanceOf(IOException.class);

    sink.flush(); // space is back
    assertThat(sequences(disk.content())).containsExactly(1L, 2L, 3L);
    assertThat(disk.content()).endsWith((byte) '\n');
    assertThat(sink.pendingBytes()).isZero();
  }

  @Test
  void aFileThatCannotBeReopened_keepsTheLinesPending_untilItCan() throws IOException {
    NdjsonFileSink sink = new NdjsonFileSink(PATH, disk);
    disk.failAppends(1, 0).failOpens(3);
    sink.write(event("Bob"));
    assertThatThrownBy(sink::flush).hasMessageContaining("No space");
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(sink::flush).hasMessageContaining("Permission denied");
    }
    sink.write(event("Carol"));
    sink.flush();
    assertThat(sequences(disk.content())).containsExactly(1L, 2L);
    assertThat(disk.opens).isEqualTo(5);
  }

  @Test
  void aLineTornByAnEarlierProcess_isEnded_soThisRunsLinesStayWhole() throws IOException {
    disk.containing("{\"sequence\":7,\"type\":\"apns.req");
    NdjsonFileSink sink = new NdjsonFileSink(PATH, disk);
    sink.write(event("Bob"));
    sink.flush();
    String[] lines = new String(disk.content(), StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(new ObjectMapper().readTree(lines[1]).get("sequence").asLong()).isEqualTo(1);
  }

  @Test
  void aJournalFileThatCannotBeOpened_isRefusedInOneSentence() {
    assertThatThrownBy(() -> new NdjsonFileSink(Path.of("/proc/nope/journal.ndjson")))
        .hasMessageStartingWith("Cannot open the journal file /proc/nope/journal.ndjson: ")
        .hasMessageNotContaining("Exception");
  }

  @Test
  void anEventWithALoneSurrogate_isWrittenAsValidUtf8_withTheReplacementCharacter(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("journal.ndjson");
    NdjsonFileSink sink = new NdjsonFileSink(file);
    sink.write(journal.record(EventDraft.of("callkit.reported").device("\ud800 phone")
        .with("caller", "\udc00x\ud83d\ude00").with("headers", Map.of("x-\ud800", List.of("\ud800")))));
    sink.flush();
    sink.close();
    sink.close();

    String line = Files.readString(file, StandardCharsets.UTF_8);
    var event = new ObjectMapper().readTree(line);
    assertThat(event.get("device").asText()).isEqualTo("\ufffd phone");
    assertThat(event.get("data").get("caller").asText()).as("a real pair is kept").isEqualTo("\ufffdx\ud83d\ude00");
    assertThat(event.get("data").get("headers").get("x-\ufffd").get(0).asText()).isEqualTo("\ufffd");
  }
}
