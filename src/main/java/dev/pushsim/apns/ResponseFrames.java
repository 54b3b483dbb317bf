package dev.pushsim.apns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Writes an {@link ApnsResponse} as HTTP/2 frames, now or after a delay. */
final class ResponseFrames {

  static final AsciiString APNS_ID = AsciiString.cached("apns-id");
  static final AsciiString APNS_UNIQUE_ID = AsciiString.cached("apns-unique-id");
  private static final AsciiString CONTENT_TYPE = AsciiString.cached("content-type");
  private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");

  private ResponseFrames() {}

  /** Runs {@code send} after {@code delay}, at once when zero (flushed with the read batch). */
  static void later(ChannelHandlerContext ctx, Duration delay, Runnable send) {
    if (delay.isZero()) {
      send.run();
      return;
    }
    ctx.executor().schedule(() -> {
      send.run();
      ctx.flush();
    }, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  static void write(ChannelHandlerContext ctx, Http2FrameStream stream, ApnsResponse response) {
    if (!ctx.channel().isActive()) {
      return;
    }
    Http2Headers headers = new DefaultHttp2Headers(false, 4)
        .status(HttpResponseStatus.valueOf(response.status()).codeAsText())
        .add(APNS_ID, response.apnsId());
    if (response.uniqueId() != null) {
      headers.add(APNS_UNIQUE_ID, response.uniqueId());
    }
    String body = response.body();
    if (body == null) {
      ctx.write(new DefaultHttp2HeadersFrame(headers, true).stream(stream));
      return;
    }
    headers.add(CONTENT_TYPE, APPLICATION_JSON);
    ctx.write(new DefaultHttp2HeadersFrame(headers, false).stream(stream));
    ByteBuf content = ByteBufUtil.writeUtf8(ctx.alloc(), body); // released by the codec once written
    ctx.write(new DefaultHttp2DataFrame(content, true).stream(stream));
  }
}
