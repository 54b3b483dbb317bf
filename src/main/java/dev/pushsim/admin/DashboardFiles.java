package dev.pushsim.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web dashboard's static files, from {@code src/main/resources/dashboard/}: plain HTML, CSS and
 * JavaScript with no build step, which use nothing but the public admin API.
 */
final class DashboardFiles {

  /** Only plain file names: no directories, so no path can climb out of the dashboard folder. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+\\.(html|css|js|svg)");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml");

  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  AdminReply serve(String method, String path) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new AdminException(405, "The dashboard's files are read with GET.", Map.of("Allow", "GET, HEAD"));
    }
    String name = path.equals("/") ? "index.html" : path.substring(1);
    if (name.equals("favicon.ico")) {
      // Browsers ask for /favicon.ico whatever the page links; every one we support draws an SVG icon.
      name = "favicon.svg";
    }
    // A name that is no file loads as null, which the cache does not keep.
    byte[] body = NAME.matcher(name).matches() ? cache.computeIfAbsent(name, DashboardFiles::load) : null;
    if (body == null) {
      throw AdminException.notFound("No dashboard file " + path + "; the dashboard is at / and the API under /admin.");
    }
    return AdminReply.bytes(TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
  }

  /** The file's bytes, or null when there is no such file. */
  private static byte[] load(String name) {
    try (InputStream in = DashboardFiles.class.getResourceAsStream("/dashboard/" + name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the dashboard file " + name, e);
    }
  }
}
