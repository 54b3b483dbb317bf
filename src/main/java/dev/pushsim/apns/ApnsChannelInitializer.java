package dev.pushsim.apns;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.buffer.Unpooled;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Builds each provider connection's pipeline: TLS with ALPN {@code h2} (or plain h2c with prior
 * knowledge, when asked), then the HTTP/2 frame codec and the APNs handler.
 */
final class ApnsChannelInitializer extends ChannelInitializer<SocketChannel> {

  /**
   * The "rapid reset" defence (CVE-2023-44487): a provider that sends more RST_STREAM frames than
   * this within {@link #RST_WINDOW_SECONDS} gets GOAWAY ENHANCE_YOUR_CALM. A provider cancels a
   * push rarely; an attacker opens and cancels streams to make the server work for nothing.
   */
  static final int MAX_RST_FRAMES_PER_WINDOW = 200;
  static final int RST_WINDOW_SECONDS = 30;
  /**
   * SETTINGS and PING floods: acknowledgements queued for a provider that does not read them; past
   * this many the connection is closed (CVE-2019-9512, CVE-2019-9515).
   */
  static final int MAX_QUEUED_CONTROL_FRAMES = 10_000;
  /**
   * SETTINGS_MAX_HEADER_LIST_SIZE announced to providers. Apple publishes none; an APNs request's
   * headers take a few hundred bytes. Larger lists are answered 431, much larger (an HPACK bomb)
   * end the connection, before they are held in memory.
   */
  static final long MAX_HEADER_LIST_BYTES = 8192;

  private final ApnsService service;
  private final SslContext sslContext;
  private final LongSupplier maxConcurrentStreams;
  private final ChannelGroup connections;
  private final Duration handshakeTimeout;

  ApnsChannelInitializer(
      ApnsService service, SslContext sslContext, LongSupplier maxConcurrentStreams, ChannelGroup connections,
      Duration handshakeTimeout) {
    this.service = service;
    this.sslContext = sslContext;
    this.maxConcurrentStreams = maxConcurrentStreams;
    this.connections = connections;
    this.handshakeTimeout = handshakeTimeout;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    connections.add(channel);
    if (sslContext == null) {
      addHttp2(channel.pipeline(), null);
      return;
    }
    SslHandler tls = sslContext.newHandler(channel.alloc());
    tls.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
    channel.pipeline().addLast(new TlsRenegotiationGuard(tls), tls, new AlpnHandler());
  }

  private void addHttp2(ChannelPipeline pipeline, X509Certificate[] clientChain) {
    ApnsConnectionHandler handler = new ApnsConnectionHandler(service, clientChain, maxConcurrentStreams);
    Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
        .initialSettings(Http2Settings.defaultSettings()
            .maxConcurrentStreams(handler.maxConcurrentStreams())
            .maxHeaderListSize(MAX_HEADER_LIST_BYTES))
        .headerSensitivityDetector(ApnsChannelInitializer::neverRepeats)
        // MalformedHeaders checks the header rules, so that a bad request resets its own stream only.
        .validateHeaders(false)
        .decoderEnforceMaxRstFramesPerWindow(MAX_RST_FRAMES_PER_WINDOW, RST_WINDOW_SECONDS)
        .encoderEnforceMaxQueuedControlFrames(MAX_QUEUED_CONTROL_FRAMES)
        .frameLogger(handler.outboundErrors())
        .build();
    pipeline.addLast(codec, handler);
  }

  /**
   * Ids are unique per response: HPACK-indexing them would only churn the dynamic table, so they
   * go out as never-indexed literals.
   */
  private static boolean neverRepeats(CharSequence name, CharSequence value) {
    return AsciiString.contentEquals(name, ResponseFrames.APNS_ID)
        || AsciiString.contentEquals(name, ResponseFrames.APNS_UNIQUE_ID);
  }

  /** Chooses the pipeline once TLS has settled the protocol: APNs is HTTP/2 only. */
  private final class AlpnHandler extends ApplicationProtocolNegotiationHandler {

    AlpnHandler() {
      // Without ALPN, speak HTTP/2 anyway: Pushy and other providers connect to Apple that way.
      super(ApplicationProtocolNames.HTTP_2);
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
      if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
        addHttp2(ctx.pipeline(), clientChain(ctx));
      } else {
        service.handshakeFailed(String.valueOf(ctx.channel().remoteAddress()),
            new IllegalStateException("ALPN chose " + protocol + ", not h2"));
        ctx.pipeline().addLast(new HttpServerCodec(), new Http1Refusal());
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      // Every failed handshake ends here, a timed-out one too (which never reaches handshakeFailure).
      if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
        service.handshakeFailed(String.valueOf(ctx.channel().remoteAddress()), completion.cause());
      }
      super.userEventTriggered(ctx, event);
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // journaled by userEventTriggered
    }

    private X509Certificate[] clientChain(ChannelHandlerContext ctx) {
      SslHandler ssl = ctx.pipeline().get(SslHandler.class);
      try {
        Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
        return Arrays.stream(chain)
            .filter(X509Certificate.class::isInstance)
            .map(X509Certificate.class::cast)
            .toArray(X509Certificate[]::new);
      } catch (SSLPeerUnverifiedException noCertificate) {
        return null; // token authentication
      }
    }
  }

  /** Answers an HTTP/1.x request over TLS with 505 and closes: APNs speaks HTTP/2 only. */
  private static final class Http1Refusal extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
      if (!ctx.channel().isActive() || !(msg instanceof io.netty.handler.codec.http.HttpRequest)) {
        return;
      }
      DefaultFullHttpResponse response = new DefaultFullHttpResponse(
          HttpVersion.HTTP_1_1,
          HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
          Unpooled.copiedBuffer("APNs speaks HTTP/2 only: negotiate ALPN h2.\n", CharsetUtil.UTF_8));
      response.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
          .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
          .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
