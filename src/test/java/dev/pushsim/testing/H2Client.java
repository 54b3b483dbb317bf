package dev.pushsim.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A small real HTTP/2 client on Netty's codec, for what curl and Pushy cannot show: repeated
 * headers, GOAWAY debug data, SETTINGS from the server.
 */
public final class H2Client implements AutoCloseable {

  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel channel;
  private final CompletableFuture<GoAway> goAway = new CompletableFuture<>();
  private final List<Http2SettingsFrame> settings = new CopyOnWriteArrayList<>();

  private H2Client(String host, int port, X509Certificate trustedCa, PrivateKey clientKey, X509Certificate... clientChain) throws Exception {
    SslContextBuilder ssl = SslContextBuilder.forClient()
        .trustManager(trustedCa)
        .applicationProtocolConfig(new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2));
    if (clientKey != null) {
      ssl.keyManager(clientKey, clientChain);
    }
    SslContext context = ssl.build();
    channel = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(
                context.newHandler(ch.alloc(), host, port),
                // A buggy provider sends header lists over the server's limit too: let the server judge them.
                Http2FrameCodecBuilder.forClient().encoderIgnoreMaxHeaderListSize(true).build(),
                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                new ConnectionFrames());
          }
        })
        .connect(host, port)
        .sync()
        .channel();
    channel.closeFuture().addListener(future -> goAway.complete(null));
  }

  /** Connects with TLS and ALPN h2, trusting only {@code trustedCa}. */
  public static H2Client connect(String host, int port, X509Certificate trustedCa) throws Exception {
    return new H2Client(host, port, trustedCa, null);
  }

  /** Connects presenting a client certificate. */
  public static H2Client connect(String host, int port, X509Certificate trustedCa, PrivateKey key, X509Certificate... chain) throws Exception {
    return new H2Client(host, port, trustedCa, key, chain);
  }

  /** Sends one request; {@code headers} are in order and may repeat a name. */
  public CompletableFuture<Response> send(String method, String path, List<String[]> headers, String body) {
    return send(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one request with a body of any bytes (null for none). */
  public CompletableFuture<Response> send(String method, String path, List<String[]> headers, byte[] body) {
    CompletableFuture<Response> response = new CompletableFuture<>();
    new Http2StreamChannelBootstrap(channel).handler(new ResponseCollector(response)).open().addListener(future -> {
      if (!future.isSuccess()) {
        response.completeExceptionally(new NotSent(future.cause()));
        return;
      }
      Http2StreamChannel stream = (Http2StreamChannel) future.getNow();
      // No client-side validation: this client must be able to send what a buggy provider sends.
      Http2Headers http2Headers = new DefaultHttp2Headers(false).method(method).path(path).scheme("https").authority("localhost");
      for (String[] header : headers) {
        http2Headers.add(header[0], header[1]);
      }
      boolean hasBody = body != null;
      stream.write(new DefaultHttp2HeadersFrame(http2Headers, !hasBody)).addListener(written -> {
        if (!written.isSuccess()) {
          response.completeExceptionally(new NotSent(written.cause()));
        }
      });
      if (hasBody) {
        stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true));
      }
      stream.flush();
    });
    return response;
  }

  /** Completes with the server's GOAWAY, or with null if the connection closed without one. */
  public CompletableFuture<GoAway> goAway() {
    return goAway;
  }

  /** SETTINGS frames received from the server so far. */
  public List<Http2SettingsFrame> settings() {
    return List.copyOf(settings);
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public void close() {
    if (group.isShuttingDown()) {
      return;
    }
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** The server reset the stream (RST_STREAM) with {@code errorCode} instead of answering. */
  public static final class Reset extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Reset(long errorCode) {
      super("stream reset by the server with HTTP/2 error " + errorCode);
    }
  }

  /** The request never left: the connection was closing (after GOAWAY, say) when it was sent. */
  public static final class NotSent extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NotSent(Throwable cause) {
      super("request not sent: " + cause, cause);
    }
  }

  /** A received GOAWAY: the error code and the debug data as text. */
  public record GoAway(long errorCode, String debugData, int lastStreamId) {}

  /** A received response. */
  public record Response(int status, Http2Headers headers, String body) {
    public String header(String name) {
      CharSequence value = headers.get(name);
      return value == null ? null : value.toString();
    }
  }

  private final class ConnectionFrames extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof Http2GoAwayFrame frame) {
          goAway.complete(new GoAway(frame.errorCode(), frame.content().toString(CharsetUtil.UTF_8), frame.lastStreamId()));
        } else if (msg instanceof Http2SettingsFrame frame) {
          settings.add(frame);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }
  }

  private static final class ResponseCollector extends SimpleChannelInboundHandler<Http2StreamFrame> {
    private final CompletableFuture<Response> response;
    private final List<String> chunks = new ArrayList<>();
    private Http2Headers headers;

    ResponseCollector(CompletableFuture<Response> response) {
      this.response = response;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
      boolean end = false;
      if (frame instanceof Http2HeadersFrame headersFrame) {
        headers = headersFrame.headers();
        end = headersFrame.isEndStream();
      } else if (frame instanceof Http2DataFrame data) {
        ByteBuf content = data.content();
        chunks.add(content.toString(CharsetUtil.UTF_8));
        end = data.isEndStream();
      }
      if (end) {
        response.complete(new Response(Integer.parseInt(headers.status().toString()), headers, String.join("", chunks)));
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof Http2ResetFrame reset) {
        response.completeExceptionally(new Reset(reset.errorCode()));
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      response.completeExceptionally(new IllegalStateException("stream closed before a response"));
    }
  }
}
