package dev.pushsim.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON form of journal events, shared by the NDJSON file and the admin API so the two cannot drift. */
public final class JournalJson {

  /**
   * ISO-8601 instants, not timestamps. Shared: do not reconfigure it; take a {@link
   * ObjectMapper#copy()} to add features, or an {@code ObjectWriter} for per-use settings.
   */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private JournalJson() {}
}
