package dev.pushsim.apns;

import dev.pushsim.apns.tls.DevelopmentCa.ServerCredentials;
import dev.pushsim.push.Environment;
import dev.pushsim.push.Reason;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network face of one APNs environment: a Netty HTTP/2 server, over TLS with ALPN {@code h2}
 * as Apple serves it, or plain h2c (prior knowledge) for local tools when asked.
 *
 * <pre>{@code
 * ApnsServer server = ApnsServer.builder(service).tls(ca.serverCredentials()).port(0).build();
 * int port = server.start().join().port();
 * ...
 * server.close(); // GOAWAY {"reason":"Shutdown"} to every provider
 * }</pre>
 */
public final class ApnsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApnsServer.class);
  /** The TLS handshake timeout when none is given. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final ApnsService service;
  private final String host;
  private final int requestedPort;
  private final SslContext sslContext;
  private final EventLoopGroup group;
  private final Duration handshakeTimeout;
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile long maxConcurrentStreams;
  private volatile Channel serverChannel;
  private final AtomicReference<CompletableFuture<Void>> shutdown = new AtomicReference<>();

  private ApnsServer(Builder builder) {
    this.service = builder.service;
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.sslContext = builder.credentials == null ? null : sslContext(builder.credentials);
    this.group = new NioEventLoopGroup(builder.threads);
    this.handshakeTimeout = builder.handshakeTimeout;
    this.maxConcurrentStreams = armedOrConfiguredStreamLimit();
    service.faults().onStreamLimitChange(this::announceMaxConcurrentStreams);
  }

  public static Builder builder(ApnsService service) {
    return new Builder(service);
  }

  /** Binds the port; the future completes with this server once it accepts connections. */
  public CompletableFuture<ApnsServer> start() {
    CompletableFuture<ApnsServer> started = new CompletableFuture<>();
    new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ApnsChannelInitializer(service, sslContext, () -> maxConcurrentStreams, connections,
            handshakeTimeout))
        .bind(host, requestedPort)
        .addListener(future -> {
          if (future.isSuccess()) {
            serverChannel = ((ChannelFuture) future).channel();
            log.debug("APNs {} listening on {}://{}:{}", service.environment().apsEnvironment(),
                isTls() ? "https" : "http", host, port());
            started.complete(this);
          } else {
            started.completeExceptionally(new IllegalStateException(
                "Could not listen on " + host + ":" + requestedPort + " for the "
                    + service.environment().apsEnvironment() + " APNs: " + future.cause().getMessage(),
                future.cause()));
          }
        });
    return started;
  }

  /** The port it listens on (the ephemeral one when started with port 0). */
  public int port() {
    Channel channel = serverChannel;
    if (channel == null) {
      throw new IllegalStateException("The server is not started.");
    }
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  public String host() {
    return host;
  }

  public boolean isTls() {
    return sslContext != null;
  }

  public Environment environment() {
    return service.environment();
  }

  public ApnsService service() {
    return service;
  }

  /** The base URL providers use, e.g. {@code https://localhost:2197}. */
  public String url() {
    return (isTls() ? "https://" : "http://") + ("127.0.0.1".equals(host) ? "localhost" : host) + ":" + port();
  }

  /** Open provider connections. */
  public int connectionCount() {
    return connections.size();
  }

  /** A stream limit fault armed ({@code limit}) or cleared (empty: the settings' own limit again). */
  private long armedOrConfiguredStreamLimit() {
    return service.faults().streamLimit(service.environment()).orElse(service.settings().maxConcurrentStreams());
  }

  private void announceMaxConcurrentStreams() {
    long limit = armedOrConfiguredStreamLimit();
    if (limit == maxConcurrentStreams) {
      return; // a limit for the other environment, or the same again
    }
    maxConcurrentStreams = limit;
    String why = service.faults().streamLimit(service.environment()).isPresent()
        ? "stream limit fault" : "stream limit fault cleared";
    for (Channel channel : connections) {
      channel.eventLoop().execute(() -> {
        // Each connection says its own limit: a token-auth one still waiting for a valid token keeps its start limit.
        ChannelHandlerContext handler = channel.pipeline().context(ApnsConnectionHandler.class);
        if (handler != null) {
          ((ApnsConnectionHandler) handler.handler()).announceMaxConcurrentStreams(handler, why);
          handler.flush();
        }
      });
    }
  }

  /**
   * Stops accepting connections, sends every provider GOAWAY {@code {"reason":"Shutdown"}}, lets
   * streams in flight finish, and releases the threads.
   */
  public CompletableFuture<Void> shutdown() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!shutdown.compareAndSet(null, done)) {
      return shutdown.get();
    }
    Channel channel = serverChannel;
    if (channel != null) {
      channel.close().syncUninterruptibly();
    }
    for (Channel connection : connections) {
      connection.eventLoop().execute(() -> {
        ApnsConnectionHandler handler = connection.pipeline().get(ApnsConnectionHandler.class);
        if (handler != null) {
          handler.goAway(connection.pipeline().context(handler), Reason.SHUTDOWN);
        } else {
          connection.close();
        }
      });
    }
    connections.newCloseFuture().awaitUninterruptibly(Http2CodecUtil.DEFAULT_GRACEFUL_SHUTDOWN_TIMEOUT_MILLIS);
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).addListener(future -> done.complete(null));
    return done;
  }

  @Override
  public void close() {
    shutdown().join();
  }

  private static SslContext sslContext(ServerCredentials credentials) {
    try {
      return SslContextBuilder.forServer(credentials.key(), credentials.chain())
          .sslProvider(SslProvider.JDK)
          .protocols("TLSv1.3", "TLSv1.2")
          .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
          // Any client certificate passes the handshake: PushSim verifies it itself so that a bad
          // one is answered with Apple's 403 BadCertificate instead of a TLS alert.
          .clientAuth(ClientAuth.OPTIONAL)
          .trustManager(InsecureTrustManagerFactory.INSTANCE)
          .applicationProtocolConfig(new ApplicationProtocolConfig(
              ApplicationProtocolConfig.Protocol.ALPN,
              ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
              ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
              ApplicationProtocolNames.HTTP_2,
              ApplicationProtocolNames.HTTP_1_1))
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("Could not set up TLS for the APNs server: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ApnsServer{" + service.environment().apsEnvironment() + ", "
        + (serverChannel == null ? "not started" : url()) + ", connections=" + connections.size() + "}";
  }

  /** Configures an {@link ApnsServer}. */
  public static final class Builder {
    private final ApnsService service;
    private String host = "127.0.0.1";
    private int port;
    private ServerCredentials credentials;
    private boolean plaintext;
    private int threads;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

    private Builder(ApnsService service) {
      this.service = service;
    }

    /** The address to bind; loopback unless told otherwise. */
    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** The port; 0 (the default) picks a free one, reported by {@link #port()}. */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("A port is 0 to 65535, not " + value);
      }
      this.port = value;
      return this;
    }

    /** Serves TLS with these credentials (the usual mode, as Apple does). */
    public Builder tls(ServerCredentials value) {
      this.credentials = value;
      return this;
    }

    /** Serves plain HTTP/2 with prior knowledge (h2c), for local tools; no certificate auth. */
    public Builder plaintext() {
      this.plaintext = true;
      return this;
    }

    /**
     * How long a client may take to finish the TLS handshake before it is disconnected (10 s by
     * default): a socket that connects and sends nothing must not hold a connection forever.
     */
    public Builder handshakeTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("The handshake timeout must be positive, not " + value);
      }
      this.handshakeTimeout = value;
      return this;
    }

    /** Event loop threads; 0 (the default) lets Netty choose. */
    public Builder threads(int value) {
      this.threads = value;
      return this;
    }

    public ApnsServer build() {
      if (credentials == null && !plaintext) {
        throw new IllegalStateException("No TLS credentials given: call tls(...), or plaintext() for h2c.");
      }
      if (credentials != null && plaintext) {
        throw new IllegalStateException("Choose TLS or plaintext, not both.");
      }
      return new ApnsServer(this);
    }
  }
}
