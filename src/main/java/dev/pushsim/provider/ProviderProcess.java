package dev.pushsim.provider;

import dev.pushsim.provider.ProviderFile.Lifecycle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A vendor's provider started by PushSim from the {@code lifecycle} section of its provider file:
 * the start command runs without a shell in the file's directory with the hand-off values in its
 * environment ({@code PUSHSIM_SANDBOX_PORT}...), its output goes to a log file, the readiness
 * check is polled until it passes, and {@link #close()} stops it. When it does not come up, the
 * failure is one sentence that says why and where its output is.
 */
public final class ProviderProcess implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Lifecycle lifecycle;
  private final Path directory;
  private final Map<String, String> environment;
  private final Path log;

  private ProviderProcess(String name, Process process, Lifecycle lifecycle, Path directory, Map<String,
      String> environment, Path log) {
    this.name = name;
    this.process = process;
    this.lifecycle = lifecycle;
    this.directory = directory;
    this.environment = environment;
    this.log = log;
  }

  /**
   * The environment variables a started provider (and every adapter command) gets: each hand-off
   * value as {@code PUSHSIM_<NAME>}, {@code sandboxPort} becoming {@code PUSHSIM_SANDBOX_PORT}.
   */
  public static Map<String, String> environmentOf(Map<String, String> values) {
    Map<String, String> environment = new LinkedHashMap<>();
    values.forEach((key, value) -> environment.put("PUSHSIM_" + key.replaceAll("([a-z0-9])([A-Z])",
        "$1_$2").toUpperCase(), value));
    return environment;
  }

  /**
   * Starts the provider of {@code file} and waits until its readiness check passes.
   *
   * @param values the hand-off values, filled into the placeholders of the lifecycle section
   * @param log where the provider's output goes
   * @throws ProviderFailure in one sentence, when it cannot be started or does not come up in time
   */
  public static ProviderProcess start(ProviderFile.Located file, Map<String, String> values, Path log) {
    Lifecycle lifecycle = file.spec().lifecycle();
    String name = file.spec().name();
    Map<String, String> environment = environmentOf(values);
    lifecycle.environment().forEach((key, value) -> environment.put(key, fill(value, values, "lifecycle.environment."
        + key)));
    List<String> command = lifecycle.start().stream().map(argument -> fill(argument, values,
        "lifecycle.start")).toList();
    Process process;
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(command).directory(file.directory().toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new ProviderFailure(name + " could not be started: " + String.join(" ", command) + " failed with "
          + e.getMessage() + ".", e);
    }
    ProviderProcess started = new ProviderProcess(name, process, lifecycle, file.directory(), environment, log);
    try {
      started.awaitReady(values, String.join(" ", command));
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  private static String fill(String text, Map<String, String> values, String where) {
    return Template.parse(text, values.keySet(), where).fill(values, value -> value);
  }

  private void awaitReady(Map<String, String> values, String command) {
    Lifecycle.Ready ready = lifecycle.ready();
    String check = ready.url() != null ? fill(ready.url(), values, "lifecycle.ready.url")
        : String.join(" ", ready.command().stream().map(argument -> fill(argument, values,
        "lifecycle.ready.command")).toList());
    long deadline = System.nanoTime() + Duration.ofMillis(ready.timeoutMillis()).toNanos();
    HttpClient http = HttpClient.newBuilder().connectTimeout(POLL.multipliedBy(5)).build();
    String last = "no answer yet";
    while (true) {
      if (!process.isAlive()) {
        throw new ProviderFailure(name + " did not come up: '" + command + "' exited with status "
            + process.exitValue() + " before "
            + check + " passed" + lastLine() + ".");
      }
      try {
        last = ready.url() != null ? probe(http, check) : run(ready.command(), values);
        if (last == null) {
          return;
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderFailure(name + " did not come up: interrupted while waiting for " + check + ".", e);
      }
      if (System.nanoTime() > deadline) {
        throw new ProviderFailure(name + " did not come up: " + check + " did not pass within "
            + ready.timeoutMillis() + " ms (last: "
            + last + ")" + lastLine() + ".");
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /** Null when {@code url} answers 2xx, else what it answered. */
  private static String probe(HttpClient http, String url) throws IOException, InterruptedException {
    HttpResponse<Void> response = http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(POLL.multipliedBy(5)).build(),
        HttpResponse.BodyHandlers.discarding());
    return response.statusCode() / 100 == 2 ? null : "status " + response.statusCode();
  }

  /** Null when the command exits 0, else its status. */
  private String run(List<String> argv, Map<String, String> values) throws IOException, InterruptedException {
    List<String> command = argv.stream().map(argument -> fill(argument, values, "lifecycle.ready.command")).toList();
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(environment);
    Process check = builder.start();
    if (!check.waitFor(5, TimeUnit.SECONDS)) {
      check.destroyForcibly();
      return "still running after 5 s";
    }
    return check.exitValue() == 0 ? null : "exit status " + check.exitValue();
  }

  /** The provider's last line of output, as a clause, so the sentence names the cause when the provider printed it. */
  private String lastLine() {
    try {
      List<String> lines = Files.readAllLines(log,
          StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
      String where = "; its output is in " + log;
      if (lines.isEmpty()) {
        return where + " (empty)";
      }
      String line = lines.get(lines.size() - 1).strip();
      return where + ", ending '" + (line.length() > 200 ? line.substring(0, 200) + "..." : line) + "'";
    } catch (IOException e) {
      return "; its output is in " + log;
    }
  }

  /** The provider's process id, for the console. */
  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /**
   * Stops the provider: the stop command if the file names one, else SIGTERM; after a grace period
   * the process and what it started are killed. Only this process and its descendants are touched.
   */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    if (!lifecycle.stop().isEmpty()) {
      try {
        ProcessBuilder builder = new ProcessBuilder(lifecycle.stop()).directory(directory.toFile())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("PUSHSIM_PROVIDER_PID", String.valueOf(process.pid()));
        builder.start().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        process.destroy();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", output in " + log + ")";
  }
}
