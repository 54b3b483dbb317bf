package dev.pushsim.apns;

import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Headers.PseudoHeaderName;
import io.netty.util.AsciiString;
import java.util.Map;

/**
 * The HTTP/2 rules a request's header block must follow before APNs judges it (RFC 9113, sections
 * 8.2 and 8.3). A request that breaks one is malformed: its stream is reset with PROTOCOL_ERROR and
 * the connection goes on.
 *
 * <p>Netty can check most of these itself, but it does so while decoding HPACK, before the stream
 * exists: its reset then cannot be journaled, and the DATA frame that follows the bad HEADERS
 * becomes a connection error for every stream on it. Checked here, the stream is open, so the
 * frames that follow its reset are ignored, as RFC 9113 section 5.4.2 asks. What cannot be checked
 * here is the order of pseudo-headers: Netty's header map always keeps them first. Whitespace at
 * either end of a value is let through, as Netty and Go do: {@code authorization: bearer } then
 * gets Apple's MissingProviderToken, more use to a provider than a reset stream.
 */
final class MalformedHeaders {

  private static final AsciiString TE = AsciiString.cached("te");
  private static final AsciiString TRAILERS = AsciiString.cached("trailers");
  private static final AsciiString CONNECT = AsciiString.cached("CONNECT");

  private MalformedHeaders() {}

  /**
   * Null when a request's first header block is well formed; otherwise what is wrong, in a phrase.
   * The characters of names and values in {@code checked} are not scanned again: they are HPACK
   * table entries a well-formed request of this connection already brought (an entry's value
   * always comes with the same name), so a JWT is scanned once per connection, not per request.
   */
  static String problem(Http2Headers headers, HeaderStrings checked) {
    int method = 0;
    int scheme = 0;
    int path = 0;
    int authority = 0;
    for (Map.Entry<CharSequence, CharSequence> header : headers) {
      CharSequence name = header.getKey();
      String problem = checked.seen(name) ? null : nameProblem(name);
      if (problem == null && !checked.seen(header.getValue())) {
        problem = valueProblem(name, header.getValue());
      }
      if (problem != null) {
        return problem;
      }
      if (name.charAt(0) != ':') {
        continue;
      }
      PseudoHeaderName pseudo = PseudoHeaderName.getPseudoHeader(name);
      if (pseudo == PseudoHeaderName.METHOD) {
        method++;
      } else if (pseudo == PseudoHeaderName.SCHEME) {
        scheme++;
      } else if (pseudo == PseudoHeaderName.PATH) {
        path++;
      } else if (pseudo == PseudoHeaderName.AUTHORITY) {
        authority++;
      } else {
        return "pseudo-header '" + name + "' is not one of a request's (RFC 9113 section 8.3)";
      }
    }
    if (method > 1 || scheme > 1 || path > 1 || authority > 1) {
      return "a pseudo-header appears more than once (RFC 9113 section 8.3)";
    }
    if (method == 0) {
      return "no :method pseudo-header (RFC 9113 section 8.3.1)";
    }
    if (CONNECT.contentEquals(headers.method())) {
      return scheme == 0 && path == 0 && authority == 1
          ? null
          : "a CONNECT request has :authority and no :scheme or :path (RFC 9113 section 8.5)";
    }
    if (scheme == 0 || path == 0) {
      return "no " + (scheme == 0 ? ":scheme" : ":path") + " pseudo-header (RFC 9113 section 8.3.1)";
    }
    return headers.path().length() == 0 ? "an empty :path (RFC 9113 section 8.3.1)" : null;
  }

  private static String nameProblem(CharSequence name) {
    int length = name.length();
    if (length == 0) {
      return "an empty header name (RFC 9113 section 8.2.1)";
    }
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || (c >= 'A' && c <= 'Z') || (c == ':' && i > 0)) {
        return "header name '" + printable(name)
            + "' has a character HTTP/2 forbids in names"
            + " (uppercase, space, control, colon or non-ASCII; RFC 9113 section 8.2.1)";
      }
    }
    // Netty's list ignores case; uppercase names were refused just above.
    if (HttpHeaderValidationUtil.isConnectionHeader(name, true)) {
      return "connection-specific header '" + name + "' (RFC 9113 section 8.2.2)";
    }
    return null;
  }

  private static String valueProblem(CharSequence name, CharSequence value) {
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == 0 || c == '\n' || c == '\r') {
        return "the value of '" + name + "' contains NUL, CR or LF (RFC 9113 section 8.2.1)";
      }
    }
    if (TE.contentEquals(name) && !TRAILERS.contentEquals(value)) {
      return "te other than 'trailers' (RFC 9113 section 8.2.2)";
    }
    return null;
  }

  /** The name with control and non-ASCII characters escaped, so that the journal stays one line. */
  private static String printable(CharSequence name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length() && i < 64; i++) {
      char c = name.charAt(i);
      out.append(c < 0x20 || c >= 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return name.length() > 64 ? out + "..." : out.toString();
  }
}
