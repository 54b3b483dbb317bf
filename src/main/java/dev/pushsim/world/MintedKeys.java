package dev.pushsim.world;

import dev.pushsim.push.ConfigFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Which key id the world minted for each key entry of a team, kept in the data directory
 * ({@value #FILE}) so that the next start with the same directory loads the same {@code .p8}
 * instead of minting a new key that no provider was configured with.
 */
final class MintedKeys {

  static final String FILE = "minted-keys.properties";

  private final Path file;
  private final Properties keyIds = new Properties();

  private MintedKeys(Path file) {
    this.file = file;
  }

  static MintedKeys in(Path dataDir) {
    MintedKeys minted = new MintedKeys(dataDir.resolve(FILE));
    if (Files.isRegularFile(minted.file)) {
      try (Reader reader = new StringReader(ConfigFiles.readText(minted.file, "the list of minted keys",
          ConfigFiles.KEY_LIMIT))) {
        minted.keyIds.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalStateException("Cannot read " + minted.file + ": " + e.getMessage()
            + "; delete it to mint new keys", e);
      }
    }
    return minted;
  }

  /** The key id minted earlier for key entry {@code index} of {@code teamId}, or null. */
  String keyId(String teamId, int index) {
    return keyIds.getProperty(teamId + "." + index);
  }

  void remember(String teamId, int index, String keyId) {
    keyIds.setProperty(teamId + "." + index, keyId);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        keyIds.store(writer, "Key ids PushSim minted for world.yaml's key entries; delete to mint new keys");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
