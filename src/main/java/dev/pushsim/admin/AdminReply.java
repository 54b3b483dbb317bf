package dev.pushsim.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a route answers: a JSON value, a text document, or a stream written as it happens
 * (server-sent events). A route that returns a plain object answers 200 with it as JSON.
 */
final class AdminReply {

  /** Writes a streaming body until the client leaves or the server stops. */
  @FunctionalInterface
  interface Streamer {
    void stream(ChannelOutput out) throws IOException;
  }

  final int status;
  final String contentType;
  final Object json;
  final byte[] bytes;
  final Streamer streamer;
  final Map<String, String> headers;

  private AdminReply(int status, String contentType, Object json, byte[] bytes, Streamer streamer, Map<String, String> headers) {
    this.status = status;
    this.contentType = contentType;
    this.json = json;
    this.bytes = bytes;
    this.streamer = streamer;
    this.headers = headers;
  }

  static AdminReply json(int status, Object value) {
    return new AdminReply(status, "application/json", value, null, null, Map.of());
  }

  static AdminReply created(Object value) {
    return json(201, value);
  }

  static AdminReply text(String contentType, String text) {
    return new AdminReply(200, contentType, null, text.getBytes(StandardCharsets.UTF_8), null, Map.of());
  }

  static AdminReply bytes(String contentType, byte[] body) {
    return new AdminReply(200, contentType, null, body, null, Map.of());
  }

  static AdminReply noContent() {
    return new AdminReply(204, null, null, null, null, Map.of());
  }

  /** A server-sent event stream; proxies are told not to buffer it. */
  static AdminReply eventStream(Streamer streamer) {
    return new AdminReply(200, "text/event-stream; charset=utf-8", null, null, streamer,
        Map.of("Cache-Control", "no-cache", "X-Accel-Buffering", "no"));
  }

  /** An error as every admin error looks: {@code {"status": 404, "error": "..."}}. */
  static AdminReply error(int status, String message, Map<String, String> headers) {
    return new AdminReply(status, "application/json", new ErrorBody(status, message), null, null, headers);
  }

  /** The body of every error answer. */
  record ErrorBody(int status, String error) {}
}
