package dev.pushsim.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pushsim.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys, certificates and world files are read only when they are small regular files, in one sentence if not. */
class ConfigFilesTest {

  static final Duration NO_HANG = Duration.ofSeconds(20);
  @TempDir Path dir;

  /** A named pipe: opening it for reading would block until a writer comes, so it must never be opened. */
  static Path fifo(Path at) throws Exception {
    Tools.require(Tools.onPath("mkfifo"), "mkfifo is not installed");
    Process mkfifo = new ProcessBuilder("mkfifo", at.toString()).redirectErrorStream(true).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    return at;
  }

  @Test
  void aSmallRegularFile_isReadWhole() throws IOException {
    Path key = Files.writeString(dir.resolve("AuthKey.p8"), "-----BEGIN PRIVATE KEY-----\n");
    assertThat(ConfigFiles.readText(key, "the .p8 key file", ConfigFiles.KEY_LIMIT))
        .isEqualTo("-----BEGIN PRIVATE KEY-----\n");
  }

  @Test
  void devZero_isRefusedAsADevice_withoutReadingIt() {
    assertTimeoutPreemptively(NO_HANG, () ->
        assertThatThrownBy(() -> ConfigFiles.read(Path.of("/dev/zero"), "the .p8 key file", ConfigFiles.KEY_LIMIT))
            .hasMessage("The .p8 key file /dev/zero is a character device, not a regular file."));
  }

  @Test
  void aFifo_isRefused_withoutBlocking() throws Exception {
    Path pipe = fifo(dir.resolve("key.p8"));
    assertTimeoutPreemptively(NO_HANG, () ->
        assertThatThrownBy(() -> ConfigFiles.read(pipe, "the .p8 key file", ConfigFiles.KEY_LIMIT))
            .hasMessage("The .p8 key file " + pipe + " is a FIFO (named pipe), not a regular file."));
  }

  @Test
  void aDirectoryAMissingFileAndAnOversizedFile_areEachRefusedInOneSentence() throws IOException {
    assertThatThrownBy(() -> ConfigFiles.read(dir, "the world file", 10))
        .hasMessage("The world file " + dir + " is a directory, not a regular file.");
    assertThatThrownBy(() -> ConfigFiles.read(dir.resolve("nope.yaml"), "the world file", 10))
        .hasMessage("The world file " + dir.resolve("nope.yaml") + " does not exist.");
    Path big = Files.write(dir.resolve("big.pem"), new byte[11]);
    assertThatThrownBy(() -> ConfigFiles.read(big, "the certificate file", 10))
        .hasMessage("The certificate file " + big + " has 11 bytes, over the limit of 10.");
    assertThat(ConfigFiles.read(Files.write(dir.resolve("ten.pem"), new byte[10]), "the certificate file", 10))
        .hasSize(10);
    assertThat(new String(ConfigFiles.read(Files.writeString(dir.resolve("é.yaml"), "é"), "x", 10),
        StandardCharsets.UTF_8)).isEqualTo("é");
  }
}
