package dev.pushsim.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates one connection's complete requests into {@link AdminService} calls and their replies
 * back. Routes run on the executor, never on the event loop; one request at a time per connection,
 * so that pipelined answers keep their order. A request Netty could not parse is answered here.
 */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);

  /** One complete request, copied out of Netty's buffers. */
  private record Call(String method, String target, HttpHeaders headers, byte[] body, boolean keepAlive) {}

  private final AdminService service;
  private final Executor executor;
  private final Queue<Call> pipelined = new ArrayDeque<>();
  private boolean busy;

  AdminHttpHandler(AdminService service, Executor executor) {
    this.service = service;
    this.executor = executor;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      refuseMalformed(ctx, request.decoderResult().cause());
      return;
    }
    // Copied before SimpleChannelInboundHandler releases the request's buffer.
    Call call = new Call(request.method().name(), request.uri(), request.headers(), ByteBufUtil.getBytes(request.content()),
        HttpUtil.isKeepAlive(request));
    if (busy) {
      pipelined.add(call);
      if (pipelined.size() > AdminLimits.MAX_PIPELINED) {
        ctx.close();
      }
      return;
    }
    dispatch(ctx, call);
  }

  private void dispatch(ChannelHandlerContext ctx, Call call) {
    busy = true;
    // Nothing more is read while a route runs: a client cannot queue work faster than it is answered.
    ctx.channel().config().setAutoRead(false);
    try {
      executor.execute(() -> answer(ctx, call));
    } catch (RejectedExecutionException e) {
      AdminReply busyReply = AdminReply.error(503, "The admin server is busy or stopping; retry.", Map.of());
      ctx.writeAndFlush(ReplyWriter.full(busyReply, false, false)).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void answer(ChannelHandlerContext ctx, Call call) {
    AdminReply reply = service.reply(call.method(), call.target(), call.headers()::get, call.body());
    ChannelFuture written;
    if (reply.streamer != null) {
      // An event stream reads on: its client's close is then seen at once, not at the next heartbeat.
      ctx.channel().config().setAutoRead(true);
      written = ReplyWriter.stream(ctx.channel(), reply, call.keepAlive());
    } else {
      written = ctx.writeAndFlush(ReplyWriter.full(reply, call.method().equals("HEAD"), call.keepAlive()));
    }
    written.addListener(done -> {
      if (!call.keepAlive() || !done.isSuccess()) {
        ctx.close();
      } else {
        next(ctx);
      }
    });
  }

  /** On the event loop, after an answer is written: the next pipelined request, or read on. */
  private void next(ChannelHandlerContext ctx) {
    busy = false;
    Call call = pipelined.poll();
    if (call != null) {
      dispatch(ctx, call);
    } else {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private static void refuseMalformed(ChannelHandlerContext ctx, Throwable cause) {
    int status = cause instanceof TooLongHttpLineException ? 414 : cause instanceof TooLongHttpHeaderException ? 431 : 400;
    String message = switch (status) {
      case 414 -> "The request line is longer than " + AdminLimits.MAX_REQUEST_LINE + " bytes.";
      case 431 -> "The request's headers are larger than " + AdminLimits.MAX_HEADER_BYTES + " bytes.";
      default -> "The request is not well-formed HTTP/1.1: " + describe(cause);
    };
    AdminReply reply = AdminReply.error(status, message, Map.of());
    // Closed: after a framing error nothing later on the connection can be trusted to start a request.
    ctx.writeAndFlush(ReplyWriter.full(reply, false, false)).addListener(ChannelFutureListener.CLOSE);
  }

  private static String describe(Throwable cause) {
    String what = cause instanceof NumberFormatException ? "a chunk size is not a hexadecimal number"
        : cause instanceof TooLongFrameException ? "a part of it is too long" : cause.getClass().getSimpleName();
    return cause.getMessage() == null ? what : what + " (" + cause.getMessage() + ")";
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset connection or a write to a gone client: the client's problem, not an error of ours.
    log.debug("An admin connection failed: {}", cause.toString());
    ctx.close();
  }
}
