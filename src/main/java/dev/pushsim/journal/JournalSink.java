package dev.pushsim.journal;

import java.io.IOException;

/** Where the journal copies every event besides its in-memory ring, e.g. an NDJSON file. */
public interface JournalSink extends AutoCloseable {

  /** Writes one event; called in sequence order, one call at a time. */
  void write(JournalEvent event) throws IOException;

  /** Pushes buffered events to their destination. */
  void flush() throws IOException;

  @Override
  void close() throws IOException;
}
