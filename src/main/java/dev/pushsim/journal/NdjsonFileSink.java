package dev.pushsim.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each event as one JSON line to a file. A line is serialized whole before any of it is written, and
 * {@link #flush()} writes complete lines only: a write that fails part way (a full disk) is cut back to the last
 * whole line and retried by the next flush, so the file never keeps a torn line and no event is lost or doubled.
 */
public final class NdjsonFileSink implements JournalSink {

  private static final Logger log = LoggerFactory.getLogger(NdjsonFileSink.class);

  private final Path path;
  private final JournalFile.Opener opener;
  /** Whole lines serialized but not yet in the file, oldest first. */
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private JournalFile file;
  /** Where the last whole line the sink wrote ends: anything after it after a failure is a torn line. */
  private long goodSize;
  private boolean mayBeTorn;

  /** Opens (or creates) {@code path} now, so that a journal that cannot be written fails before anything runs. */
  public NdjsonFileSink(Path path) throws IOException {
    this(path, JournalFile::open);
  }

  NdjsonFileSink(Path path, JournalFile.Opener opener) throws IOException {
    this.path = path;
    this.opener = opener;
    try {
      open();
    } catch (IOException e) {
      // The JDK's message is often the bare path ("/proc/nope"): say what could not be done and why.
      throw new IOException("Cannot open the journal file " + path + ": " + reason(e), e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  public Path file() {
    return path;
  }

  /** Serializes the event into the pending lines; no I/O, so this does not fail on a full disk. */
  @Override
  public void write(JournalEvent event) {
    byte[] line = line(event);
    pending.write(line, 0, line.length);
    pending.write('\n');
  }

  /** Writes every pending line; on failure they stay pending, and the next flush cuts off what was torn. */
  @Override
  public void flush() throws IOException {
    if (pending.size() == 0) {
      return;
    }
    try {
      if (file == null) {
        file = opener.open(path); // after a failure: the torn tail, if any, is cut below
      }
      if (mayBeTorn) {
        cutTornLine();
      }
      file.append(ByteBuffer.wrap(pending.toByteArray()));
      goodSize += pending.size();
      pending.reset();
    } catch (IOException e) {
      mayBeTorn = true;
      closeQuietly(); // reopened on the next flush: the file may come back writable (chmod, chattr -i)
      throw e;
    }
  }

  /** Closes the file; pending lines that could not be written are the caller's to count. Never throws. */
  @Override
  public void close() {
    closeQuietly();
  }

  /** Bytes serialized and not yet in the file. */
  int pendingBytes() {
    return pending.size();
  }

  private void open() throws IOException {
    file = opener.open(path);
    goodSize = file.size();
    if (file.endsMidLine()) {
      // A line torn by an earlier process (killed mid-write): end it, so the first line of this run stays whole.
      file.append(ByteBuffer.wrap(new byte[] {'\n'}));
      goodSize++;
    }
  }

  private void cutTornLine() throws IOException {
    long size = file.size();
    if (size > goodSize) {
      file.truncate(goodSize);
    } else if (size < goodSize) {
      goodSize = size; // cut or replaced by someone else (log rotation): append to what is there now
    }
    mayBeTorn = false;
  }

  /** The event as JSON; its text is well formed (the journal made it so), so only a bug can fail here. */
  private static byte[] line(JournalEvent event) {
    try {
      return JournalJson.MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      // Still one line for the event, so that the file's count matches the journal's and the gap is explained.
      ObjectNode stand = JournalJson.MAPPER.createObjectNode()
          .put("sequence", event.sequence())
          .put("type", WellFormedText.of(event.type()))
          .put("unserializable", WellFormedText.of(String.valueOf(e.getOriginalMessage())));
      try {
        return JournalJson.MAPPER.writeValueAsBytes(stand);
      } catch (JsonProcessingException impossible) {
        throw new IllegalStateException("Could not write even the stand-in of event #" + event.sequence(), impossible);
      }
    }
  }

  private void closeQuietly() {
    if (file == null) {
      return;
    }
    try {
      file.close();
    } catch (IOException e) {
      log.warn("Could not close the journal file {}: {}", path, e.toString());
    }
    file = null;
  }

  @Override
  public String toString() {
    return "NdjsonFileSink{" + path + "}";
  }
}
