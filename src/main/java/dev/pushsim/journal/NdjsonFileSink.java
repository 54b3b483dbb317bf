package dev.pushsim.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends each event as one JSON line to a file, buffered; flushed on {@link #flush()} and close. */
public final class NdjsonFileSink implements JournalSink {

  /** One line per event into a writer that stays open between events. */
  private static final ObjectWriter LINE = JournalJson.MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private final Path file;
  private final BufferedWriter writer;

  public NdjsonFileSink(Path file) throws IOException {
    this.file = file;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.writer =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public Path file() {
    return file;
  }

  @Override
  public void write(JournalEvent event) throws IOException {
    LINE.writeValue(writer, event);
    writer.write('\n');
  }

  @Override
  public void flush() throws IOException {
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  @Override
  public String toString() {
    return "NdjsonFileSink{" + file + "}";
  }
}
