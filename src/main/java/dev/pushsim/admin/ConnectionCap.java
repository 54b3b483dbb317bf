package dev.pushsim.admin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/** Answers 503 and closes a connection beyond the cap, so that held sockets cannot exhaust file descriptors. */
@ChannelHandler.Sharable
final class ConnectionCap extends ChannelInboundHandlerAdapter {

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionCap(int max) {
    this.max = max;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (open.incrementAndGet() > max) {
      AdminReply reply = AdminReply.error(503, "The admin server has " + max + " connections open; close one and retry.", java.util.Map.of());
      // From the channel's tail, so that the HTTP encoder behind this handler writes it.
      ctx.channel().writeAndFlush(ReplyWriter.full(reply, false, false)).addListener(ChannelFutureListener.CLOSE);
      ctx.channel().config().setAutoRead(false);
      return;
    }
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    open.decrementAndGet();
    super.channelInactive(ctx);
  }

  int open() {
    return open.get();
  }
}
