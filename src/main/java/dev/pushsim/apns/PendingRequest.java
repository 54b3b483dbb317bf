package dev.pushsim.apns;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One stream's request while its body arrives. */
final class PendingRequest {
  final Http2FrameStream stream;
  final String method;
  final String path;
  final List<ApnsRequest.Header> headers;
  final int captureLimit;
  byte[] body = new byte[0];
  int captured;
  int length;

  PendingRequest(Http2FrameStream stream, Http2Headers http2Headers, int captureLimit, HeaderStrings strings) {
    this.stream = stream;
    this.captureLimit = captureLimit;
    this.method = toStringOrNull(http2Headers.method());
    this.path = toStringOrNull(http2Headers.path());
    this.headers = new ArrayList<>(http2Headers.size());
    for (Map.Entry<CharSequence, CharSequence> header : http2Headers) {
      CharSequence name = header.getKey();
      if (name.charAt(0) != ':') { // MalformedHeaders refused empty names
        headers.add(new ApnsRequest.Header(strings.of(name), strings.of(header.getValue())));
      }
    }
  }

  void append(ByteBuf content) {
    int readable = content.readableBytes();
    length += readable;
    // Keep at most one byte over the largest limit: enough to prove "too large", bounded memory.
    int keep = Math.min(readable, captureLimit - captured);
    if (keep > 0) {
      if (body.length < captured + keep) {
        body = Arrays.copyOf(body, Math.max(captured + keep, Math.min(captureLimit, body.length * 2)));
      }
      content.getBytes(content.readerIndex(), body, captured, keep);
      captured += keep;
    }
  }

  ApnsRequest toRequest() {
    byte[] payload = body.length == captured ? body : Arrays.copyOf(body, captured);
    return new ApnsRequest(method, path, headers, payload, length, stream.id());
  }

  private static String toStringOrNull(CharSequence value) {
    return value == null ? null : value.toString();
  }
}
