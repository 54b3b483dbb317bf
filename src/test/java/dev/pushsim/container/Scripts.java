package dev.pushsim.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the scripts of {@code src/container} from the repository root and returns what they printed. */
public final class Scripts {

  /** What a script printed (stdout and stderr together) and its exit code. */
  public record Run(int exitCode, String output) {}

  private static boolean imageBuilt;

  private Scripts() {}

  public static Run run(Duration timeout, String script, String... args) {
    return run(timeout.toSeconds(), script, args);
  }

  /**
   * Builds {@code localhost/pushsim:latest} from target/pushsim.jar once per test JVM (the base image
   * only when it is missing), failing with the script's output when the build fails.
   */
  public static synchronized void buildImage() {
    if (imageBuilt) {
      return;
    }
    Run build = run(Duration.ofMinutes(10), "build-image.sh");
    if (build.exitCode() != 0) {
      throw new AssertionError("src/container/build-image.sh failed (" + build.exitCode() + "):\n" + build.output());
    }
    imageBuilt = true;
  }

  private static Run run(long timeoutSeconds, String script, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", "src/container/" + script));
    command.addAll(List.of(args));
    try {
      // Into a file, not a pipe: a daemon the script leaves (conmon) cannot hold the test up.
      Path log = Files.createTempFile("pushsim-" + script, ".log");
      try {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Without systemd (CI's kind of machine) podman needs runc and cgroupfs; .ci/run sets the same file.
        if (System.getenv("CONTAINERS_CONF") == null && !Files.isDirectory(Path.of("/run/systemd/system"))) {
          Path conf = Path.of("src/container/containers.conf").toAbsolutePath();
          builder.environment().put("CONTAINERS_CONF", conf.toString());
        }
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(script + " ran longer than " + timeoutSeconds + "s:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new AssertionError("Cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while " + script + " ran", e);
    }
  }
}
