package dev.pushsim.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;

/** Writes an {@link AdminReply} as Netty's HTTP/1.1 objects: whole, or streamed as chunks as it is written. */
final class ReplyWriter {

  /** Every JSON answer is indented, for people reading it with curl. */
  private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();

  private ReplyWriter() {}

  /** A reply with a complete body; for HEAD, its length without it. */
  static FullHttpResponse full(AdminReply reply, boolean head, boolean keepAlive) {
    byte[] body;
    try {
      body = reply.json != null ? PRETTY.writeValueAsBytes(reply.json) : reply.bytes;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write an admin answer as JSON", e);
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status),
        body == null || head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    headers(response, reply, keepAlive);
    if (body != null) {
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    } else if (reply.status != 204) {
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
    }
    return response;
  }

  /**
   * Streams the reply's body on the calling thread until the streamer returns or the client leaves;
   * the future is the last chunk's write.
   */
  static ChannelFuture stream(Channel channel, AdminReply reply, boolean keepAlive) {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status));
    headers(response, reply, keepAlive);
    HttpUtil.setTransferEncodingChunked(response, true);
    channel.writeAndFlush(response);
    try (ChannelOutput out = new ChannelOutput(channel, AdminLimits.WRITE_TIMEOUT)) {
      reply.streamer.stream(out);
    } catch (IOException e) {
      // The client left or stopped reading: nothing more to write to it.
      return channel.close();
    }
    return channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
  }

  private static void headers(HttpResponse response, AdminReply reply, boolean keepAlive) {
    reply.headers.forEach((name, value) -> response.headers().set(name, value));
    if (reply.contentType != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType);
    }
    HttpUtil.setKeepAlive(response, keepAlive);
  }
}
