package dev.pushsim.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pushsim.app.TokenRegistration;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's REST API, what a simulated app's {@code VendorSdk} calls: a route table over the
 * same methods the Java API offers, JSON in and out, and every client error a 4xx with
 * {@code {"error": "<sentence>"}}.
 */
final class RestApi implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RestApi.class);

  /** Bodies larger than this are refused: no registration or call needs more. */
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final int THREADS = 4;

  /** One route's work: the parsed body (null for GET) in, a reply out. */
  @FunctionalInterface
  private interface Handler {
    Reply handle(JsonNode body);
  }

  private record Route(String method, Handler handler) {}

  /** A status and an optional JSON body. */
  private record Reply(int status, JsonNode body) {}

  /** A client error: the status and the sentence to send. */
  private static final class ClientError extends RuntimeException {
    final int status;

    ClientError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private final ReferenceProvider provider;
  private final ObjectMapper json;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Route> routes = new LinkedHashMap<>();

  RestApi(ReferenceProvider provider, ObjectMapper json, int port) {
    this.provider = provider;
    this.json = json;
    routes.put("/tokens", new Route("POST", this::register));
    routes.put("/tokens/unregister", new Route("POST", this::unregister));
    routes.put("/calls", new Route("POST", this::call));
    routes.put("/messages", new Route("POST", this::message));
    routes.put("/presence", new Route("POST", this::presence));
    routes.put("/health", new Route("GET", body -> health()));
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port + " for the provider's REST API: "
          + e.getMessage(), e);
    }
    AtomicInteger threads = new AtomicInteger();
    // Several threads: a call waits for APNs, and a registration must not queue behind it.
    executor = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "pushsim-provider-http-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::exchange);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>/}. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  // ---- routes: each one parses, then calls the Java API ----

  private Reply register(JsonNode body) {
    String environment = optionalText(body, "environment");
    String certificateId = optionalText(body, "certificateId");
    if (environment == null && certificateId == null) {
      throw new ClientError(400,
          "Field 'environment' is required (\"development\" or \"production\")"
              + " unless a known 'certificateId' is given.");
    }
    provider.registerToken(new TokenRegistration(
        requiredText(body, "userId"),
        requiredText(body, "token"),
        optionalText(body, "bundleId"),
        environment == null ? null : Environment.parse(environment),
        certificateId,
        Channel.fromWireName(optionalText(body, "pushType"))));
    return new Reply(204, null);
  }

  private Reply unregister(JsonNode body) {
    provider.unregisterToken(requiredText(body, "userId"), requiredText(body, "token"));
    return new Reply(204, null);
  }

  private Reply call(JsonNode body) {
    Dispatch dispatch = provider.call(requiredText(body, "from"), requiredText(body, "to"), optionalText(body,
        "displayName"));
    return new Reply(202, describe("callId", dispatch));
  }

  private Reply message(JsonNode body) {
    Dispatch dispatch = provider.message(requiredText(body, "from"), requiredText(body, "to"), requiredText(body,
        "text"));
    return new Reply(202, describe("messageId", dispatch));
  }

  private Reply presence(JsonNode body) {
    JsonNode online = body.get("online");
    if (online == null || !online.isBoolean()) {
      throw new ClientError(400, "Field 'online' is required: true or false.");
    }
    provider.setPresence(requiredText(body, "userId"), online.booleanValue());
    return new Reply(204, null);
  }

  private Reply health() {
    ObjectNode body = json.createObjectNode();
    body.put("status", "ok");
    body.put("tokens", provider.tokenCount());
    body.put("attempts", provider.attempts().size());
    return new Reply(200, body);
  }

  private ObjectNode describe(String idField, Dispatch dispatch) {
    ObjectNode body = json.createObjectNode();
    body.put(idField, dispatch.id());
    body.put("route", dispatch.route().name().toLowerCase(Locale.ROOT));
    ArrayNode pushes = body.putArray("pushes");
    for (SendAttempt attempt : dispatch.attempts()) {
      ObjectNode push = pushes.addObject();
      push.put("token", attempt.token());
      push.put("environment", attempt.environment() == null ? null : attempt.environment().apsEnvironment());
      push.put("channel", attempt.channel().wireName());
      push.put("status", attempt.status());
      push.put("reason", attempt.reason());
      push.put("apnsId", attempt.apnsId());
      push.put("attempt", attempt.attempt());
      push.put("decision", attempt.decision().name());
      push.put("retryAt", attempt.retryAt() == null ? null : attempt.retryAt().toString());
      push.put("detail", attempt.detail());
    }
    return body;
  }

  // ---- plumbing ----

  private void exchange(HttpExchange exchange) {
    Reply reply;
    try {
      reply = dispatch(exchange);
    } catch (ClientError e) {
      reply = error(e.status, e.getMessage());
    } catch (IllegalArgumentException e) {
      // The Java API's validation: the same sentences, as a 400.
      reply = error(400, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("The provider's REST API failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      reply = error(500, "The provider failed: " + e.getMessage());
    }
    respond(exchange, reply);
  }

  private Reply dispatch(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String method = exchange.getRequestMethod();
    Route route = routes.get(path);
    if (route == null) {
      throw new ClientError(404, "No route " + method + " " + path + "; routes: " + routeList() + ".");
    }
    if (!route.method().equals(method)) {
      exchange.getResponseHeaders().set("Allow", route.method());
      throw new ClientError(405, path + " takes " + route.method() + ", not " + method + ".");
    }
    return route.handler().handle(route.method().equals("GET") ? null : readObject(exchange));
  }

  private JsonNode readObject(HttpExchange exchange) {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw new ClientError(400, "The body could not be read: " + e.getMessage());
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ClientError(413, "The body is larger than " + MAX_BODY_BYTES + " bytes.");
    }
    if (bytes.length == 0) {
      throw new ClientError(400, "The body is empty: send a JSON object.");
    }
    JsonNode body;
    try {
      body = json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ClientError(400, "The body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ClientError(400, "The body could not be read: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw new ClientError(400, "The body must be a JSON object, not "
          + (body == null ? "nothing" : body.getNodeType().name().toLowerCase(Locale.ROOT)) + ".");
    }
    return body;
  }

  private static String requiredText(JsonNode body, String field) {
    String value = optionalText(body, field);
    if (value == null) {
      throw new ClientError(400, "Field '" + field + "' is required: a non-empty string.");
    }
    return value;
  }

  private static String optionalText(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new ClientError(400, "Field '" + field + "' must be a string, not "
          + node.getNodeType().name().toLowerCase(Locale.ROOT) + ".");
    }
    return node.asText().isBlank() ? null : node.asText();
  }

  private Reply error(int status, String message) {
    ObjectNode body = json.createObjectNode();
    body.put("error", message);
    return new Reply(status, body);
  }

  private String routeList() {
    return routes.entrySet().stream().map(entry -> entry.getValue().method() + " "
        + entry.getKey()).collect(Collectors.joining(", "));
  }

  private void respond(HttpExchange exchange, Reply reply) {
    try (exchange) {
      if (reply.body() == null) {
        exchange.sendResponseHeaders(reply.status(), -1);
        return;
      }
      byte[] bytes = json.writeValueAsBytes(reply.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      log.debug("Could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage());
    }
  }

  /** Stops at once: a stopped provider answers nothing, in flight or not. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return baseUrl().toString();
  }
}
