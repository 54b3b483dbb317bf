package dev.pushsim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code curl} binary over HTTP/2 and TLS, as a provider's operator would. */
public final class Curl {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final List<String> args = new ArrayList<>();
  private String method = "POST";
  private byte[] body;

  private Curl(String url) {
    this.url = url;
  }

  public static Curl request(String url) {
    return new Curl(url);
  }

  public static boolean available() {
    return Tools.onPath("curl");
  }

  public Curl method(String value) {
    this.method = value;
    return this;
  }

  public Curl header(String name, String value) {
    args.add("-H");
    args.add(name + ": " + value);
    return this;
  }

  public Curl body(String value) {
    this.body = value.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  public Curl body(byte[] value) {
    this.body = value;
    return this;
  }

  /** HTTP/1.1 over TLS (ALPN http/1.1), to see how an HTTP/2-only server refuses it. */
  public Curl http11() {
    args.add("--http1.1");
    return this;
  }

  /** Any other curl options, e.g. {@code --http2-prior-knowledge} or {@code --no-alpn}. */
  public Curl options(String... options) {
    args.addAll(List.of(options));
    return this;
  }

  public Curl trust(Path caPem) {
    args.add("--cacert");
    args.add(caPem.toString());
    return this;
  }

  public Curl clientCertificate(Path certPem, Path keyPem) {
    args.add("--cert");
    args.add(certPem.toString());
    args.add("--key");
    args.add(keyPem.toString());
    return this;
  }

  /** Runs curl and reads the answer. */
  public Response send() {
    return run(true);
  }

  /** Runs curl, expecting it to fail (no HTTP answer at all); returns what it printed on stderr. */
  public String sendExpectingFailure() {
    return run(false).body();
  }

  private Response run(boolean expectAnswer) {
    try {
      Path dir = Files.createTempDirectory("curl");
      Path headers = dir.resolve("headers");
      Path out = dir.resolve("body");
      List<String> command = new ArrayList<>(List.of(
          "curl", "-sS", "--max-time", "20", "-X", method, "-D", headers.toString(), "-o", out.toString(),
          "-w", "%{http_code} %{http_version}"));
      if (!args.contains("--http1.1")) {
        command.add("--http2");
      }
      command.addAll(args);
      if (body != null) {
        Path in = dir.resolve("request");
        Files.write(in, body);
        command.add("--data-binary");
        command.add("@" + in);
      }
      command.add(url);
      Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("curl did not finish within 30 s: " + command);
      }
      String written = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!expectAnswer) {
        if (process.exitValue() == 0) {
          throw new AssertionError("curl got an answer where none was expected: " + written + " " + (Files.exists(out) ? Files.readString(out) : "") + "\n" + command);
        }
        return new Response(0, "", Map.of(), errors);
      }
      if (process.exitValue() != 0) {
        throw new AssertionError("curl exited with " + process.exitValue() + ": " + errors + "\n" + command);
      }
      String[] codeAndVersion = written.split(" ");
      return new Response(
          Integer.parseInt(codeAndVersion[0]),
          codeAndVersion.length > 1 ? codeAndVersion[1] : "",
          parseHeaders(Files.readAllLines(headers, StandardCharsets.ISO_8859_1)),
          Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while curl ran", e);
    }
  }

  private static Map<String, List<String>> parseHeaders(List<String> lines) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("HTTP/")) {
        headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), key -> new ArrayList<>())
            .add(line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  /** What curl received. */
  public record Response(int status, String httpVersion, Map<String, List<String>> headers, String body) {

    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : values.get(0);
    }

    public String apnsId() {
      return header("apns-id");
    }

    /** The {@code reason} of Apple's error body, or null for an empty body. */
    public String reason() {
      return json().map(node -> node.path("reason").asText(null)).orElse(null);
    }

    public Long timestamp() {
      return json().filter(node -> node.has("timestamp")).map(node -> node.get("timestamp").asLong()).orElse(null);
    }

    private java.util.Optional<JsonNode> json() {
      if (body.isBlank()) {
        return java.util.Optional.empty();
      }
      try {
        return java.util.Optional.of(JSON.readTree(body));
      } catch (IOException e) {
        throw new AssertionError("Body is not JSON: " + body, e);
      }
    }
  }
}
