package dev.pushsim.bench;

import dev.pushsim.apns.tls.DevelopmentCa.ServerCredentials;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;

/**
 * The ceiling of the stack: Netty's HTTP/2 frame codec over the same TLS as PushSim (JDK
 * provider, TLS 1.3/1.2, ALPN h2) and one handler that answers every request 200 with a random
 * {@code apns-id}, flushing once per read batch. No validation, no journal, nothing else.
 */
final class BareNettyServer implements AutoCloseable {

  private static final AsciiString APNS_ID = AsciiString.cached("apns-id");

  private final EventLoopGroup group;
  private final Channel serverChannel;

  private BareNettyServer(EventLoopGroup group, Channel serverChannel) {
    this.group = group;
    this.serverChannel = serverChannel;
  }

  static BareNettyServer start(String host, int port, ServerCredentials credentials, int threads)
      throws SSLException, InterruptedException {
    SslContext ssl = SslContextBuilder.forServer(credentials.key(), credentials.chain())
        .sslProvider(SslProvider.JDK)
        .protocols("TLSv1.3", "TLSv1.2")
        .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
        .applicationProtocolConfig(new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2))
        .build();
    EventLoopGroup group = new NioEventLoopGroup(threads);
    Channel channel = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            // Only h2 is offered over ALPN, so the codec can follow TLS directly: no negotiation handler.
            ch.pipeline().addLast(
                ssl.newHandler(ch.alloc()),
                Http2FrameCodecBuilder.forServer()
                    .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(1000))
                    .build(),
                new OkHandler());
          }
        })
        .bind(host, port)
        .sync()
        .channel();
    return new BareNettyServer(group, channel);
  }

  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully().syncUninterruptibly();
  }

  /** Answers 200 + apns-id at the end of each request stream; one flush per read batch. */
  private static final class OkHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Http2HeadersFrame headers) {
        if (headers.isEndStream()) {
          respond(ctx, headers.stream());
        }
      } else if (msg instanceof Http2DataFrame data) {
        try {
          int bytes = data.initialFlowControlledBytes();
          if (bytes > 0) {
            // Http2FrameCodec leaves flow control to the application: hand the window back.
            ctx.write(new DefaultHttp2WindowUpdateFrame(bytes).stream(data.stream()));
          }
          if (data.isEndStream()) {
            respond(ctx, data.stream());
          }
        } finally {
          data.release();
        }
      } else {
        ReferenceCountUtil.release(msg);
      }
    }

    private static void respond(ChannelHandlerContext ctx, Http2FrameStream stream) {
      Http2Headers headers = new DefaultHttp2Headers(false, 2)
          .status(HttpResponseStatus.OK.codeAsText())
          .add(APNS_ID, randomUuid());
      ctx.write(new DefaultHttp2HeadersFrame(headers, true).stream(stream));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
      ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** A random version-4 UUID, upper case, from ThreadLocalRandom (unique, not secret). */
  static String randomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    char[] out = new char[36];
    int position = 0;
    for (int i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        out[position++] = '-';
      }
      long word = i < 16 ? high : low;
      out[position++] = HEX[(int) ((word >>> ((15 - (i % 16)) * 4)) & 0xF)];
    }
    return new String(out);
  }
}
