package dev.pushsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pushsim push}: hands a payload file to an app on a running simulator, like {@code xcrun simctl push}. */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Sends the JSON payload in FILE to the app BUNDLE_ID on the simulated DEVICE of a running `pushsim serve`,",
      "through its admin API, bypassing APNs as `xcrun simctl push` does; the phone's rules apply as to any push.",
      "Prints the push's apns-id and what the phone did with it."
    },
    footer = {"", "Examples:",
        "  echo '{\"aps\":{},\"caller\":\"Bob\"}' > call.json",
        "  pushsim push \"Alice's iPhone\" com.example.voip call.json --type voip",
        "  pushsim push \"Alice's iPhone\" com.example.voip alert.json",
        "  pushsim push \"Bob's iPhone\" com.example.voip call.json --type voip --admin http://10.0.0.5:8197 --token s3cret"})
final class PushCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DEVICE", description = "The simulated device's name, e.g. \"Alice's iPhone\".")
  String device;

  @Parameters(index = "1", paramLabel = "BUNDLE_ID", description = "The app's bundle id, e.g. com.example.voip.")
  String bundleId;

  @Parameters(index = "2", paramLabel = "FILE", description = "The payload: one JSON object, as a provider would send it.")
  Path file;

  @Option(names = "--type", description = "The push type: alert (default), voip, background, ...")
  String type = "alert";

  @Option(names = "--admin", paramLabel = "URL", description = "The running simulator's admin URL (default: ${DEFAULT-VALUE}).")
  URI admin = URI.create("http://127.0.0.1:" + ServeCommand.DEFAULT_ADMIN_PORT);

  @Option(names = "--token", paramLabel = "TOKEN", description = "The admin bearer token, when serve was started with --admin-token.")
  String token;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No payload file at " + file.toAbsolutePath());
    }
    String base = admin.toString().replaceAll("/+$", "");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/admin/devices/" + segment(device) + "/apps/" + segment(bundleId)
            + "/push?type=" + URLEncoder.encode(type, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofFile(file));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new IllegalStateException("No simulator answers at " + base + ": start one with `pushsim serve`, or give its --admin URL.", e);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() != 200) {
      String error = body.path("error").asText(response.body());
      throw new IllegalArgumentException((error.startsWith("The payload") ? file + ": " : "") + error + " (HTTP " + response.statusCode() + ")");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Pushed %s to %s (%s): apns-id %s%n", body.path("pushType").asText(), body.path("device").asText(), body.path("app").asText(),
        body.path("apnsId").asText());
    for (JsonNode event : body.path("events")) {
      out.printf("  %s%s%n", event.path("type").asText(), details(event.path("data")));
    }
    out.flush();
    return 0;
  }

  private JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("The admin API at " + admin + " answered something that is not JSON: " + text, e);
    }
  }

  private static String details(JsonNode data) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, JsonNode> field : data.properties()) {
      text.append(' ').append(field.getKey()).append('=').append(field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
    }
    return text.toString();
  }

  /** A path segment: "Alice's iPhone" becomes {@code Alice%27s%20iPhone}. */
  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
