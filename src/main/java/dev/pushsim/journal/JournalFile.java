package dev.pushsim.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file an {@link NdjsonFileSink} appends to, reduced to what recovery needs: its size, an append that may
 * stop part way (a full disk), and a truncate to cut a torn line off. Tests substitute one that fails on demand.
 */
interface JournalFile extends Closeable {

  /** Opens the file at a path; called again after a failure, so a file that was made writable again is used. */
  @FunctionalInterface
  interface Opener {
    JournalFile open(Path path) throws IOException;
  }

  long size() throws IOException;

  /** Whether the file's last byte is something other than a newline: a line torn before PushSim opened it. */
  boolean endsMidLine() throws IOException;

  /** Appends all of {@code bytes}, or throws having appended any part of them. */
  void append(ByteBuffer bytes) throws IOException;

  void truncate(long size) throws IOException;

  /** The real file, through a channel: no buffer of its own, so what {@link #append} returned is in the OS. */
  static JournalFile open(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // O_APPEND: another process appending to the same file cannot be overwritten.
    return new OnDisk(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  /** The journal file on disk. */
  final class OnDisk implements JournalFile {
    private final Path path;
    private final FileChannel channel;

    OnDisk(Path path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public boolean endsMidLine() throws IOException {
      long size = channel.size();
      if (size == 0) {
        return false;
      }
      // A channel cannot both read and append, so the last byte is read through a second one.
      try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
        ByteBuffer last = ByteBuffer.allocate(1);
        reader.read(last, size - 1);
        return last.get(0) != '\n';
      }
    }

    @Override
    public void append(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }

    @Override
    public void truncate(long size) throws IOException {
      channel.truncate(size);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
