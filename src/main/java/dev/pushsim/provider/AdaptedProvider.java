package dev.pushsim.provider;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.pushsim.app.TokenRegistration;
import dev.pushsim.provider.ProviderFile.CommandAdapter;
import dev.pushsim.provider.ProviderFile.HttpAdapter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A vendor's provider driven through the adapter of its {@link ProviderFile}: each operation is
 * one HTTP request or one command, filled in from the operation's values. An operation the file
 * leaves out fails with a sentence that says so; the harness skips scenarios that need it first.
 */
final class AdaptedProvider implements ProviderUnderTest {

  /** How much of an answer or a command's output a failure quotes. */
  private static final int QUOTED_CHARS = 300;

  /** One operation of the adapter: runs it with these values, or throws a {@link ProviderFailure}. */
  @FunctionalInterface
  interface Invocation {
    void run(Map<String, String> values);
  }

  private final String name;
  private final Map<Operation, Invocation> invocations;

  AdaptedProvider(String name, Map<Operation, Invocation> invocations) {
    this.name = name;
    this.invocations = Map.copyOf(invocations);
  }

  static AdaptedProvider http(String name, HttpAdapter spec, Map<String, String> handOff) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofMillis(spec.timeoutMillis())).build();
    String base = Template.parse(spec.baseUrl(), Set.of("providerPort"), "baseUrl").fill(handOff,
        value -> value).replaceAll("/+$", "");
    Map<Operation, Invocation> invocations = new EnumMap<>(Operation.class);
    spec.operations().forEach((operation, request) -> {
      Set<String> offered = operation.placeholders();
      Template path = Template.parse(request.path(), offered, "path");
      Template body = request.body() == null ? null : Template.parse(request.body(), offered, "body");
      invocations.put(operation, values -> {
        URI url = URI.create(base + path.fill(values, value -> URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(spec.timeoutMillis()));
        spec.headers().forEach(builder::header);
        if (body == null) {
          builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
          builder.header("Content-Type", "application/json")
              .method(request.method(), HttpRequest.BodyPublishers.ofString(body.fill(values,
              AdaptedProvider::jsonEscaped)));
        }
        String call = request.method() + " " + url;
        try {
          HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() / 100 != 2) {
            throw new ProviderFailure(call + " answered " + response.statusCode() + quoted(response.body()));
          }
        } catch (IOException e) {
          throw new ProviderFailure(call + " failed: " + e, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ProviderFailure(call + " was interrupted", e);
        }
      });
    });
    return new AdaptedProvider(name, invocations);
  }

  static AdaptedProvider command(String name, CommandAdapter spec, Path directory, Map<String, String> environment) {
    Map<Operation, Invocation> invocations = new EnumMap<>(Operation.class);
    spec.operations().forEach((operation, argv) -> {
      Set<String> offered = operation.placeholders();
      List<Template> arguments = argv.stream().map(argument -> Template.parse(argument, offered, "argument")).toList();
      invocations.put(operation, values -> run(arguments.stream().map(argument -> argument.fill(values,
          value -> value)).toList(),
          directory, environment, spec.timeoutMillis()));
    });
    return new AdaptedProvider(name, invocations);
  }

  /** Runs a command without a shell; its output goes to a file, so a chatty or stuck command cannot block the wait. */
  private static void run(List<String> command, Path directory, Map<String, String> environment, int timeoutMillis) {
    Path output = null;
    try {
      output = Files.createTempFile("pushsim-provider-command", ".out");
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
          .redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ProviderFailure(command + " did not finish within " + timeoutMillis + " ms");
      }
      if (process.exitValue() != 0) {
        throw new ProviderFailure(command + " exited with " + process.exitValue() + quoted(Files.readString(output)));
      }
    } catch (IOException e) {
      throw new ProviderFailure(command + " could not be run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderFailure(command + " was interrupted", e);
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }

  private static String jsonEscaped(String value) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(value));
  }

  private static String quoted(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    return ": " + (flat.length() <= QUOTED_CHARS ? flat : flat.substring(0, QUOTED_CHARS) + "...");
  }

  @Override
  public Set<Operation> operations() {
    return invocations.keySet();
  }

  @Override
  public void registerToken(TokenRegistration registration) {
    Map<String, String> values = new HashMap<>();
    values.put("userId", registration.userId());
    values.put("token", registration.token());
    values.put("bundleId", registration.bundleId());
    values.put("environment", registration.environment().apsEnvironment());
    values.put("certificateId", registration.certificateId());
    values.put("pushType", registration.channel().wireName());
    invoke(Operation.REGISTER_TOKEN, values);
  }

  @Override
  public void unregisterToken(String userId, String token) {
    invoke(Operation.UNREGISTER_TOKEN, Map.of("userId", userId, "token", token));
  }

  @Override
  public void placeCall(String from, String to, String displayName) {
    invoke(Operation.PLACE_CALL, Map.of("from", from, "to", to, "displayName", displayName));
  }

  @Override
  public void sendMessage(String from, String to, String text) {
    invoke(Operation.SEND_MESSAGE, Map.of("from", from, "to", to, "text", text));
  }

  @Override
  public void setPresence(String userId, boolean online) {
    invoke(Operation.PRESENCE, Map.of("userId", userId, "online", String.valueOf(online)));
  }

  private void invoke(Operation operation, Map<String, String> values) {
    Invocation invocation = invocations.get(operation);
    if (invocation == null) {
      throw new ProviderFailure(name + " has no " + operation.key() + " in its provider file, so it cannot be asked to "
          + operation.description() + ". Scenarios that need it should carry the tag @" + operation.tag()
          + " to be skipped.");
    }
    try {
      invocation.run(values);
    } catch (ProviderFailure e) {
      throw new ProviderFailure(name + "'s " + operation.key() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    // Nothing held: the provider itself runs, and ends, outside PushSim.
  }

  @Override
  public String toString() {
    return name + " (adapter: " + invocations.keySet() + ")";
  }
}
