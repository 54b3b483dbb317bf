package dev.pushsim.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds external programs (curl, nghttp, h2load, node, chromium) and decides what a test does
 * without one: in CI ({@code CI=true}, which {@code .ci/run} sets) it fails, so that a missing tool
 * can never turn a run green; on a developer's machine it is skipped with the reason.
 */
public final class Tools {

  private Tools() {}

  /** True when the build runs in CI: the environment variable {@code CI} is {@code true} or {@code 1}. */
  public static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && (ci.equalsIgnoreCase("true") || ci.equals("1"));
  }

  /**
   * Goes on when {@code available}; otherwise fails the test in CI and skips it elsewhere, saying
   * {@code missing} either way.
   */
  public static void require(boolean available, String missing) {
    if (available) {
      return;
    }
    if (inCi()) {
      throw new AssertionError(missing + ", and CI=true: a test that needs a tool fails in CI instead of skipping"
          + " (.ci/run installs it)");
    }
    Assumptions.abort(missing + " (skipped outside CI; set CI=true to make this a failure)");
  }

  public static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
