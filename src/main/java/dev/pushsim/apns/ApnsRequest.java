package dev.pushsim.apns;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A notification request as it arrived on one HTTP/2 stream: pseudo-headers, headers in
 * arrival order, and the body. Free of Netty types so that the service can be tested and
 * benchmarked without a socket.
 *
 * @param method the {@code :method} pseudo-header
 * @param path the {@code :path} pseudo-header
 * @param headers the regular headers, names lower-case as HTTP/2 requires, in arrival order
 * @param payload the body, at most {@code capturedLimit} bytes of it
 * @param payloadLength the body's real length, which may exceed what was kept
 * @param streamId the HTTP/2 stream it came on
 */
public record ApnsRequest(
    String method, String path, List<Header> headers, byte[] payload, int payloadLength, int streamId) {

  public static final String AUTHORIZATION = "authorization";
  public static final String APNS_ID = "apns-id";
  public static final String APNS_TOPIC = "apns-topic";
  public static final String APNS_PUSH_TYPE = "apns-push-type";
  public static final String APNS_PRIORITY = "apns-priority";
  public static final String APNS_EXPIRATION = "apns-expiration";
  public static final String APNS_COLLAPSE_ID = "apns-collapse-id";

  /** One header field. */
  public record Header(String name, String value) {
    @Override
    public String toString() {
      return name + ": " + value;
    }
  }

  /** A request with its whole body, for tests and tools. */
  public static ApnsRequest of(String method, String path, List<Header> headers, String body) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    return new ApnsRequest(method, path, headers, bytes, bytes.length, 1);
  }

  /** The first value of header {@code name} (lower-case), or null. */
  public String header(String name) {
    for (int i = 0, size = headers.size(); i < size; i++) {
      Header header = headers.get(i);
      if (header.name.equals(name)) {
        return header.value;
      }
    }
    return null;
  }

  /** The name of the first header that appears more than once, or null. */
  public String firstRepeatedHeader() {
    for (int i = 1, size = headers.size(); i < size; i++) {
      String name = headers.get(i).name;
      for (int j = 0; j < i; j++) {
        if (headers.get(j).name.equals(name)) {
          return name;
        }
      }
    }
    return null;
  }

  /** True when every byte of the body was kept. */
  public boolean payloadComplete() {
    return payload.length == payloadLength;
  }
}
