package dev.pushsim.apns;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.buffer.Unpooled;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Builds each provider connection's pipeline: TLS with ALPN {@code h2} (or plain h2c with prior
 * knowledge, when asked), then the HTTP/2 frame codec and the APNs handler.
 */
final class ApnsChannelInitializer extends ChannelInitializer<SocketChannel> {

  private final ApnsService service;
  private final SslContext sslContext;
  private final LongSupplier maxConcurrentStreams;
  private final ChannelGroup connections;

  ApnsChannelInitializer(ApnsService service, SslContext sslContext, LongSupplier maxConcurrentStreams, ChannelGroup connections) {
    this.service = service;
    this.sslContext = sslContext;
    this.maxConcurrentStreams = maxConcurrentStreams;
    this.connections = connections;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    connections.add(channel);
    if (sslContext == null) {
      channel.pipeline().addLast(newCodec(), new ApnsConnectionHandler(service, null));
      return;
    }
    channel.pipeline().addLast(sslContext.newHandler(channel.alloc()), new AlpnHandler());
  }

  private Http2FrameCodec newCodec() {
    return Http2FrameCodecBuilder.forServer()
        .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(maxConcurrentStreams.getAsLong()))
        .headerSensitivityDetector(ApnsChannelInitializer::neverRepeats)
        .build();
  }

  /**
   * Ids are unique per response: HPACK-indexing them would only churn the dynamic table, so they
   * go out as never-indexed literals.
   */
  private static boolean neverRepeats(CharSequence name, CharSequence value) {
    return AsciiString.contentEquals(name, ApnsConnectionHandler.APNS_ID)
        || AsciiString.contentEquals(name, ApnsConnectionHandler.APNS_UNIQUE_ID);
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
        ctx.pipeline().addLast(newCodec(), new ApnsConnectionHandler(service, clientChain(ctx)));
      } else {
        service.handshakeFailed(String.valueOf(ctx.channel().remoteAddress()), new IllegalStateException("ALPN chose " + protocol + ", not h2"));
        ctx.pipeline().addLast(new HttpServerCodec(), new Http1Refusal());
      }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
      service.handshakeFailed(String.valueOf(ctx.channel().remoteAddress()), cause);
      ctx.close();
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
