package dev.pushsim.admin;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pushsim.world.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API and the web dashboard of one {@link Simulator}, on a port of their own.
 *
 * <pre>{@code
 * try (AdminServer admin = AdminServer.builder(sim).port(0).build().start()) {
 *   // GET admin.url() + "/admin/devices", the dashboard at admin.url() + "/"
 * }
 * }</pre>
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}, not Netty: admin traffic is a few requests
 * and a few long-lived event streams, which a thread per exchange serves simply; it adds no
 * dependency, keeps Netty's types inside {@code apns}, and its chunked responses carry server-sent
 * events as they are written.
 *
 * <p>Bound to loopback by default. Another address requires a bearer token, which every {@code
 * /admin} request then carries ({@code Authorization: Bearer <token>}, or {@code ?access_token=}
 * where a browser's EventSource cannot set headers).
 */
public final class AdminServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

  /** Threads serving requests; each open journal stream holds one. */
  private static final int THREADS = JournalStreams.MAX_STREAMS + 16;
  /** Every JSON answer is indented, for people reading it with curl. */
  private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();

  private final Simulator sim;
  private final String host;
  private final int requestedPort;
  private final String bearerToken;
  private final RouteTable routes = new RouteTable();
  private final JournalStreams streams;
  private final Metrics metrics;
  private final DashboardFiles dashboard = new DashboardFiles();
  private HttpServer server;
  private ThreadPoolExecutor executor;

  private AdminServer(Builder builder) {
    this.sim = builder.sim;
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.bearerToken = builder.bearerToken;
    this.streams = new JournalStreams(sim.journal());
    this.metrics = new Metrics(sim, streams);
    routes.get("/admin", "this list of routes", request -> Map.of("routes", routes.describe(), "dashboard", "/"));
    new SimulatorRoutes(sim, metrics).addTo(routes);
    new DeviceRoutes(sim).addTo(routes);
    new JournalRoutes(sim.journal(), streams).addTo(routes);
  }

  public static Builder builder(Simulator sim) {
    return new Builder(sim);
  }

  /** Binds the port and serves; returns once it accepts connections. */
  public synchronized AdminServer start() {
    if (server != null) {
      throw new IllegalStateException("The admin server is already started: " + this);
    }
    AtomicInteger threadIds = new AtomicInteger();
    executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(256), runnable -> {
      Thread thread = new Thread(runnable, "pushsim-admin-" + threadIds.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    executor.allowCoreThreadTimeOut(true);
    try {
      server = HttpServer.create(new InetSocketAddress(host, requestedPort), 64);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("Cannot serve the admin API on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    return this;
  }

  /** The port the server listens on (the chosen one when started with port 0). */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("The admin server is not started.");
    }
    return server.getAddress().getPort();
  }

  /** {@code http://host:port}, the base of every route; the dashboard is at {@code url() + "/"}. */
  public String url() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /** Ends the journal streams, stops serving, and stops counting metrics. The simulator keeps running. */
  @Override
  public synchronized void close() {
    streams.close();
    metrics.close();
    if (server != null) {
      server.stop(1);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      send(exchange, reply(exchange));
    } catch (IOException e) {
      log.debug("An admin client left before its answer was written: {}", e.toString());
    } catch (RuntimeException e) {
      log.warn("Could not write an admin answer to {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
    }
  }

  private AdminReply reply(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    try {
      if (!path.equals("/admin") && !path.startsWith("/admin/")) {
        return dashboard.serve(method, path);
      }
      Map<String, String> query = AdminRequest.parseQuery(exchange.getRequestURI().getRawQuery());
      authorize(exchange.getRequestHeaders().getFirst("Authorization"), query.get(AdminRequest.ACCESS_TOKEN));
      RouteTable.Match match = routes.match(method, path);
      AdminRequest request = new AdminRequest(match.parameters(), query, exchange.getRequestHeaders()::getFirst, exchange.getRequestBody());
      Object result = match.route().handler().handle(request);
      return result instanceof AdminReply reply ? reply : result == null ? AdminReply.noContent() : AdminReply.json(200, result);
    } catch (AdminException e) {
      return AdminReply.error(e.status(), e.getMessage(), e.headers());
    } catch (IllegalArgumentException e) {
      return AdminReply.error(400, e.getMessage(), Map.of());
    } catch (IllegalStateException e) {
      // The domain refuses what the world's state does not allow: installed twice, no call ringing, ...
      return AdminReply.error(409, e.getMessage(), Map.of());
    } catch (Exception e) {
      log.error("The admin route {} {} failed", method, path, e);
      return AdminReply.error(500, "The admin server failed on " + method + " " + path + ": " + e, Map.of());
    }
  }

  private void authorize(String authorization, String accessToken) {
    if (bearerToken == null) {
      return;
    }
    String given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).trim()
        : accessToken;
    if (given == null) {
      throw new AdminException(401, "This admin API needs 'Authorization: Bearer <token>' (the --admin-token it was started with).",
          Map.of("WWW-Authenticate", "Bearer realm=\"pushsim\""));
    }
    // Constant-time comparison: the answer's timing must not reveal how much of a guess was right.
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), bearerToken.getBytes(StandardCharsets.UTF_8))) {
      throw new AdminException(401, "The bearer token is wrong.", Map.of("WWW-Authenticate", "Bearer realm=\"pushsim\", error=\"invalid_token\""));
    }
  }

  private static void send(HttpExchange exchange, AdminReply reply) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    reply.headers.forEach(headers::set);
    if (reply.streamer != null) {
      headers.set("Content-Type", reply.contentType);
      exchange.sendResponseHeaders(reply.status, 0);
      reply.streamer.stream(exchange.getResponseBody());
      return;
    }
    byte[] body = reply.json != null ? PRETTY.writeValueAsBytes(reply.json) : reply.bytes;
    if (body == null) {
      exchange.sendResponseHeaders(reply.status, -1);
      return;
    }
    headers.set("Content-Type", reply.contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(reply.status, head ? -1 : body.length);
    if (!head) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public String toString() {
    return "AdminServer{" + (server == null ? "not started" : url()) + (bearerToken == null ? "" : ", bearer token") + ", streams=" + streams.count() + "}";
  }

  /** Configures an {@link AdminServer}: loopback, port 0 (any free port), no token. */
  public static final class Builder {
    private final Simulator sim;
    private String host = "127.0.0.1";
    private int port;
    private String bearerToken;

    private Builder(Simulator sim) {
      this.sim = sim;
    }

    /** The address to listen on; anything but loopback requires a {@link #bearerToken}. */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** The port; 0 (the default) picks a free one. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** The token every {@code /admin} request must carry; null for none (loopback only). */
    public Builder bearerToken(String value) {
      this.bearerToken = value == null || value.isEmpty() ? null : value;
      return this;
    }

    /** @throws IllegalStateException when asked to listen beyond loopback without a token */
    public AdminServer build() {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("A port is 0 to 65535, not " + port);
      }
      if (bearerToken == null && !isLoopback(host)) {
        throw new IllegalStateException("Refusing to serve the admin API on " + host + " without a bearer token: anyone who reaches it"
            + " could control the simulator. Give --admin-token, or keep --admin-host on loopback (127.0.0.1).");
      }
      return new AdminServer(this);
    }

    private static boolean isLoopback(String host) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("Unknown admin host '" + host + "'", e);
      }
    }
  }
}
