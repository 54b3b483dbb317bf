package dev.pushsim.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** An in-memory journal file that fails on demand like a full disk: part of an append lands, then it throws. */
final class FlakyJournalFile implements JournalFile, JournalFile.Opener {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private int failingAppends;
  private int bytesBeforeFailing;
  private int failingOpens;
  int opens;

  /** The next {@code count} appends write {@code bytesFirst} bytes and then fail. */
  FlakyJournalFile failAppends(int count, int bytesFirst) {
    failingAppends = count;
    bytesBeforeFailing = bytesFirst;
    return this;
  }

  /** The next {@code count} opens fail (the file is read-only, say). */
  FlakyJournalFile failOpens(int count) {
    failingOpens = count;
    return this;
  }

  FlakyJournalFile containing(String text) {
    bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  byte[] content() {
    return bytes.toByteArray();
  }

  @Override
  public JournalFile open(Path path) throws IOException {
    opens++;
    if (failingOpens > 0) {
      failingOpens--;
      throw new IOException("Permission denied: " + path);
    }
    return this;
  }

  @Override
  public long size() {
    return bytes.size();
  }

  @Override
  public boolean endsMidLine() {
    byte[] content = bytes.toByteArray();
    return content.length > 0 && content[content.length - 1] != '\n';
  }

  @Override
  public void append(ByteBuffer data) throws IOException {
    if (failingAppends > 0) {
      failingAppends--;
      int part = Math.min(bytesBeforeFailing, data.remaining());
      byte[] landed = new byte[part];
      data.get(landed);
      bytes.writeBytes(landed);
      throw new IOException("No space left on device");
    }
    byte[] all = new byte[data.remaining()];
    data.get(all);
    bytes.writeBytes(all);
  }

  @Override
  public void truncate(long size) {
    byte[] kept = Arrays.copyOf(bytes.toByteArray(), (int) size);
    bytes.reset();
    bytes.writeBytes(kept);
  }

  @Override
  public void close() {}
}
