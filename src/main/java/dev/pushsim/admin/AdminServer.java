package dev.pushsim.admin;

import dev.pushsim.world.Simulator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The admin REST API and the web dashboard of one {@link Simulator}, on a port of their own.
 *
 * <pre>{@code
 * try (AdminServer admin = AdminServer.builder(sim).port(0).build().start()) {
 *   // GET admin.url() + "/admin/devices", the dashboard at admin.url() + "/"
 * }
 * }</pre>
 *
 * <p>Netty's HTTP/1.1 codec reads requests on one event loop, with deadlines and size limits
 * ({@link AdminLimits}), so a slow or hostile client costs a socket and never a thread; complete
 * requests run on a small pool, where a journal stream holds its thread. (The JDK's HttpServer it
 * replaced read with no time limit on its pool's threads: 48 slow clients froze the API.)
 *
 * <p>Bound to loopback by default. Another address requires a bearer token, which every {@code
 * /admin} request then carries ({@code Authorization: Bearer <token>}, or {@code ?access_token=}
 * where a browser's EventSource cannot set headers).
 */
public final class AdminServer implements AutoCloseable {

  /** Threads running routes; each open journal stream holds one. */
  private static final int THREADS = JournalStreams.MAX_STREAMS + 16;
  /** Event loops reading and writing every connection: admin traffic is light. */
  private static final int EVENT_LOOPS = 1;

  private final String host;
  private final int requestedPort;
  private final String bearerToken;
  private final AdminLimits limits;
  private final List<String> serverNames;
  private final RouteTable routes = new RouteTable();
  private final JournalStreams streams;
  private final Metrics metrics;
  private ConnectionCap cap;
  private EventLoopGroup group;
  private ThreadPoolExecutor executor;
  private Channel channel;

  private AdminServer(Builder builder) {
    Simulator sim = builder.sim;
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.bearerToken = builder.bearerToken;
    this.serverNames = new ArrayList<>(builder.serverNames);
    serverNames.add(host.contains(":") ? "[" + host + "]" : host);
    this.limits = new AdminLimits(builder.headerTimeout, builder.bodyTimeout, builder.maxConnections);
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
    if (channel != null) {
      throw new IllegalStateException("The admin server is already started: " + this);
    }
    executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(256),
        new DefaultThreadFactory("pushsim-admin", true));
    executor.allowCoreThreadTimeOut(true);
    group = new NioEventLoopGroup(EVENT_LOOPS, new DefaultThreadFactory("pushsim-admin-io", true));
    cap = new ConnectionCap(limits.maxConnections());
    AdminService service = new AdminService(routes, bearerToken, new OriginGuard(serverNames));
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 128)
        .childHandler(new AdminChannelInitializer(limits, cap, service, executor));
    try {
      channel = bootstrap.bind(new InetSocketAddress(host, requestedPort)).syncUninterruptibly().channel();
    } catch (Exception e) {
      stopThreads();
      channel = null;
      throw new UncheckedIOException("Cannot serve the admin API on " + host + ":" + requestedPort + ": " + e.getMessage(),
          e instanceof java.io.IOException io ? io : new java.io.IOException(e));
    }
    return this;
  }

  /** The port the server listens on (the chosen one when started with port 0). */
  public int port() {
    if (channel == null) {
      throw new IllegalStateException("The admin server is not started.");
    }
    return ((InetSocketAddress) channel.localAddress()).getPort();
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
    if (channel != null) {
      channel.close().syncUninterruptibly();
      stopThreads();
    }
  }

  /** Routes and streams end first: their last writes must find the event loop still running. */
  private void stopThreads() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Override
  public String toString() {
    return "AdminServer{" + (channel == null ? "not started" : url()) + (bearerToken == null ? "" : ", bearer token") + ", connections=" + (cap == null ? 0 : cap.open()) + ", streams=" + streams.count() + "}";
  }

  /** Configures an {@link AdminServer}: loopback, port 0 (any free port), no token. */
  public static final class Builder {
    private final Simulator sim;
    private String host = "127.0.0.1";
    private int port;
    private String bearerToken;
    private Duration headerTimeout = AdminLimits.DEFAULTS.headerTimeout();
    private Duration bodyTimeout = AdminLimits.DEFAULTS.bodyTimeout();
    private int maxConnections = AdminLimits.DEFAULTS.maxConnections();
    private List<String> serverNames = List.of();

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

    /**
     * Host names clients reach the server by, besides IP addresses, {@code localhost} and the listening host
     * (the --tls-name values); a request naming another host is refused with 421, as a DNS-rebinding page would.
     */
    public Builder serverNames(List<String> value) {
      this.serverNames = List.copyOf(value);
      return this;
    }

    /** How long a client may take to send a request's headers, from connecting or from the previous answer (10 s). */
    public Builder headerTimeout(Duration value) {
      this.headerTimeout = value;
      return this;
    }

    /** How long a client may take to send a request's body once its headers arrived (10 s). */
    public Builder bodyTimeout(Duration value) {
      this.bodyTimeout = value;
      return this;
    }

    /** Open connections at most (512); the next is answered 503 and closed. */
    public Builder maxConnections(int value) {
      this.maxConnections = value;
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
