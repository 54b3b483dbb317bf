package dev.pushsim.world;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The secret a data directory's device tokens are derived from ({@value #FILE}, 32 random bytes,
 * readable by its owner only): minted at the first start, read at every later one, so a phone
 * keeps its tokens across restarts. Deleting it gives every phone new tokens, as restoring a
 * phone from scratch would.
 */
public final class TokenSecret {

  public static final String FILE = "token-secret";
  private static final int BYTES = 32;

  private TokenSecret() {}

  /** The secret in {@code dataDir}, minted there first when it has none. */
  public static byte[] loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        if (!Files.isRegularFile(file) || Files.size(file) != BYTES) {
          throw new IllegalStateException(file + " is not a token secret (" + BYTES
              + " bytes); delete it to give every phone new tokens");
        }
        return Files.readAllBytes(file);
      }
      byte[] secret = new byte[BYTES];
      new SecureRandom().nextBytes(secret);
      Files.createDirectories(dataDir);
      Files.write(file, secret);
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the token secret " + file + ": " + e.getMessage(), e);
    }
  }
}
