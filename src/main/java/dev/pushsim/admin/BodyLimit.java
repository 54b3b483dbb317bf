package dev.pushsim.admin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Map;

/**
 * Gathers a request's body up to {@link AdminLimits#MAX_BODY_BYTES}; a larger one is answered 413 in JSON and the
 * connection closed once the rest of the body has arrived (or after {@link #DISCARD_LIMIT} more bytes).
 */
final class BodyLimit extends HttpObjectAggregator {

  /** How much of an oversized body is read and thrown away so the client, still sending, can read the 413. */
  static final long DISCARD_LIMIT = 8L * AdminLimits.MAX_BODY_BYTES;

  private boolean closeAfterBody;
  private long discarded;

  BodyLimit() {
    super(AdminLimits.MAX_BODY_BYTES);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    AdminReply reply = AdminReply.error(413, "The body is larger than " + AdminLimits.MAX_BODY_BYTES + " bytes.", Map.of());
    // Not kept alive: the rest of the body is on its way and must not be read as the next request. Closing at once
    // would reset a client that is still writing before it reads the answer, so the rest is discarded first.
    ctx.writeAndFlush(ReplyWriter.full(reply, false, false));
    closeAfterBody = true;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!closeAfterBody) {
      super.channelRead(ctx, msg);
      return;
    }
    boolean last = msg instanceof LastHttpContent;
    if (msg instanceof HttpContent content) {
      discarded += content.content().readableBytes();
    }
    super.channelRead(ctx, msg); // the aggregator releases the content of an oversized message
    if (last || discarded > DISCARD_LIMIT) {
      ctx.close();
    }
  }
}
