package dev.pushsim.admin;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.concurrent.Executor;

/** One admin connection's pipeline: the connection cap, Netty's HTTP/1.1 codec with limits, deadlines, the body, the API. */
final class AdminChannelInitializer extends ChannelInitializer<SocketChannel> {

  /** Body bytes Netty hands on at a time; the aggregator behind gathers them up to the body limit. */
  private static final int MAX_CHUNK = 8_192;

  private final AdminLimits limits;
  private final ConnectionCap cap;
  private final AdminService service;
  private final Executor executor;

  AdminChannelInitializer(AdminLimits limits, ConnectionCap cap, AdminService service, Executor executor) {
    this.limits = limits;
    this.cap = cap;
    this.service = service;
    this.executor = executor;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channel.pipeline()
        .addLast("cap", cap)
        .addLast("http", new HttpServerCodec(AdminLimits.MAX_REQUEST_LINE, AdminLimits.MAX_HEADER_BYTES, MAX_CHUNK))
        .addLast("deadlines", new RequestDeadlines(limits))
        .addLast("body", new BodyLimit())
        .addLast("api", new AdminHttpHandler(service, executor));
  }
}
