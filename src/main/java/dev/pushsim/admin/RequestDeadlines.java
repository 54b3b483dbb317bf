package dev.pushsim.admin;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request does not arrive in time: its headers within the header timeout
 * of connecting or of the previous answer, its body within the body timeout of its headers. A
 * timer on the event loop, not a blocked thread, so slow clients cost a socket each and no more.
 */
final class RequestDeadlines extends ChannelDuplexHandler {

  private final AdminLimits limits;
  private ScheduledFuture<?> deadline;

  RequestDeadlines(AdminLimits limits) {
    this.limits = limits;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    awaitHeaders(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      cancel();
      if (!(msg instanceof LastHttpContent)) {
        deadline = ctx.executor().schedule(() -> bodyTooSlow(ctx), limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    if (msg instanceof LastHttpContent) {
      cancel();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (msg instanceof LastHttpContent) {
      // The answer is complete: the clock for the next request's headers starts once it is written.
      promise = promise.unvoid();
      promise.addListener(written -> awaitHeaders(ctx));
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  private void awaitHeaders(ChannelHandlerContext ctx) {
    cancel();
    if (ctx.channel().isActive()) {
      // An idle keep-alive connection and one that never finishes its headers look alike: both are closed.
      deadline = ctx.executor().schedule(() -> ctx.close(), limits.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void bodyTooSlow(ChannelHandlerContext ctx) {
    AdminReply reply = AdminReply.error(408, "The request's body did not arrive within " + limits.bodyTimeout().toMillis()
        + " ms of its headers.", Map.of());
    ctx.writeAndFlush(ReplyWriter.full(reply, false, false)).addListener(ChannelFutureListener.CLOSE);
  }

  private void cancel() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
