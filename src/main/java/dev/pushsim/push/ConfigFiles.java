package dev.pushsim.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a configuration file (a {@code .p8} key, a certificate, {@code world.yaml}) whole, and only when it is
 * a regular file under a size cap: {@code p8: /dev/zero} would otherwise read until the heap is gone, and a FIFO
 * would block forever. The file's kind is checked before it is opened, as opening a FIFO already blocks.
 */
public final class ConfigFiles {

  /** A {@code .p8} key is about 250 bytes and a certificate chain a few KB; 1 MiB is far beyond either. */
  public static final int KEY_LIMIT = 1 << 20;
  /** A world or provider file is a few KB; 4 MiB leaves room for thousands of phones. */
  public static final int YAML_LIMIT = 4 << 20;

  private ConfigFiles() {}

  /**
   * The bytes of {@code file}.
   *
   * @param what what the file should be, for the message: "the .p8 key file"
   * @throws IOException in one sentence naming the file: missing, not a regular file, too large, unreadable
   */
  public static byte[] read(Path file, String what, int limit) throws IOException {
    try {
      return readRegular(file, what, limit);
    } catch (RefusedFileException e) {
      throw e;
    } catch (AccessDeniedException e) {
      throw new RefusedFileException("Cannot read " + what + " " + file + ": permission denied.", e);
    } catch (IOException e) {
      throw new RefusedFileException("Cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readRegular(Path file, String what, int limit) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class); // follows links, as opening does
    } catch (NoSuchFileException e) {
      throw new RefusedFileException(capitalized(what) + " " + file + " does not exist.", e);
    }
    if (!attributes.isRegularFile()) {
      throw new RefusedFileException(
          capitalized(what) + " " + file + " is " + kind(file, attributes) + ", not a regular file.");
    }
    if (attributes.size() > limit) {
      throw new RefusedFileException(
          capitalized(what) + " " + file + " has " + attributes.size() + " bytes, over the limit of " + limit + ".");
    }
    try (InputStream in = Files.newInputStream(file)) {
      // Read at most one byte past the limit: a file that grows after the size check is still refused.
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw new RefusedFileException(capitalized(what) + " " + file + " is over the limit of " + limit + " bytes.");
      }
      return bytes;
    }
  }

  /** The text of {@code file} as UTF-8 (US-ASCII files such as PEM included), as {@link #read}. */
  public static String readText(Path file, String what, int limit) throws IOException {
    return new String(read(file, what, limit), StandardCharsets.UTF_8);
  }

  private static String capitalized(String what) {
    return what.isEmpty() ? what : Character.toUpperCase(what.charAt(0)) + what.substring(1);
  }

  /** A configuration file refused or unreadable; its message is one sentence that names the file. */
  public static final class RefusedFileException extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedFileException(String message) {
      super(message);
    }

    RefusedFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static String kind(Path file, BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a directory";
    }
    return switch (unixFileType(file)) {
      case 0x1000 -> "a FIFO (named pipe)";
      case 0x2000 -> "a character device";
      case 0x6000 -> "a block device";
      case 0xC000 -> "a socket";
      default -> "a device or other special file";
    };
  }

  /** The file-type bits of the file's Unix mode, to name the kind of special file; -1 off Unix. */
  private static int unixFileType(Path file) {
    try {
      return Files.getAttribute(file, "unix:mode") instanceof Integer mode ? mode & 0xF000 : -1;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }
}
