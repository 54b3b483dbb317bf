package dev.pushsim.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds external programs (curl, nghttp, h2load) on the PATH. */
public final class Tools {

  private Tools() {}

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
