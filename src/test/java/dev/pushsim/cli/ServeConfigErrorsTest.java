package dev.pushsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pushsim.testing.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 17: {@code p8: /dev/zero} in world.yaml read until the heap was gone and then hung; a FIFO hung at once.
 * Now {@code serve} exits 1 with one sentence naming the file, within seconds.
 */
class ServeConfigErrorsTest {

  /** Well above a failing start on this shared machine; a serve that hangs instead fails the test here. */
  static final Duration NO_HANG = Duration.ofSeconds(60);
  @TempDir Path dir;

  private record Exit(int code, String errors) {}

  private Exit serve(Path world) {
    StringWriter errors = new StringWriter();
    CommandLine command = PushSimCommand.commandLine()
        .setErr(new PrintWriter(errors, true))
        .setOut(new PrintWriter(new StringWriter(), true));
    int code = assertTimeoutPreemptively(NO_HANG, () -> command.execute("serve", "--world", world.toString(),
        "--data-dir", dir.resolve("data").toString(),
        "--sandbox-port", "0", "--production-port", "0", "--admin-port", "0"));
    return new Exit(code, errors.toString());
  }

  private Path worldWithKey(String p8) throws Exception {
    return Files.writeString(dir.resolve("world.yaml"), """
        teams:
          - teamId: TEAM123456
            keys:
              - { keyId: ABC123DEFG, p8: %s }
            apps: [com.example.voip]
        devices: []
        """.formatted(p8));
  }

  private Path fifo(String name) throws Exception {
    Tools.require(Tools.onPath("mkfifo"), "mkfifo is not installed");
    Path pipe = dir.resolve(name);
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).redirectErrorStream(true).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    return pipe;
  }

  @Test
  void aP8KeyThatIsDevZero_exits1_inOneSentence() throws Exception {
    Exit exit = serve(worldWithKey("/dev/zero"));
    assertThat(exit.code()).isEqualTo(1);
    assertThat(exit.errors()).isEqualTo("pushsim: " + dir.resolve("world.yaml") + " (teams[0].keys[0]): "
        + "The .p8 key file /dev/zero is a character device, not a regular file.\n");
  }

  @Test
  void aP8KeyThatIsAFifo_exits1_withoutBlocking() throws Exception {
    Path pipe = fifo("AuthKey_ABC123DEFG.p8");
    Exit exit = serve(worldWithKey(pipe.getFileName().toString()));
    assertThat(exit.code()).isEqualTo(1);
    assertThat(exit.errors()).isEqualTo("pushsim: " + dir.resolve("world.yaml") + " (teams[0].keys[0]): "
        + "The .p8 key file " + pipe + " is a FIFO (named pipe), not a regular file.\n");
  }

  @Test
  void aWorldFileThatIsAFifo_exits1_withoutBlocking() throws Exception {
    Path pipe = fifo("world.yaml");
    Exit exit = serve(pipe);
    assertThat(exit.code()).isEqualTo(1);
    assertThat(exit.errors())
        .isEqualTo("pushsim: The world file " + pipe + " is a FIFO (named pipe), not a regular file.\n");
  }
}
