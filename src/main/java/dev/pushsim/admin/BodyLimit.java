package dev.pushsim.admin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.util.Map;

/** Gathers a request's body up to {@link AdminLimits#MAX_BODY_BYTES}; a larger one is answered 413 in JSON and closed. */
final class BodyLimit extends HttpObjectAggregator {

  BodyLimit() {
    super(AdminLimits.MAX_BODY_BYTES);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    AdminReply reply = AdminReply.error(413, "The body is larger than " + AdminLimits.MAX_BODY_BYTES + " bytes.", Map.of());
    // Closed, not kept alive: the rest of the body is still on its way and would be read as the next request.
    ctx.writeAndFlush(ReplyWriter.full(reply, false, false)).addListener(ChannelFutureListener.CLOSE);
  }
}
