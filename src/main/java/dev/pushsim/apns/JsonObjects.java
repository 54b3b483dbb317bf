package dev.pushsim.apns;

/**
 * Checks that a body is one JSON object (RFC 8259) in valid UTF-8 (RFC 3629), without a parser
 * library, a tree or a decoded string: this runs for every request, and most accepted payloads
 * are never read again. It accepts and refuses what Jackson's default parser does (a test holds
 * that), in one pass and one small object per call, where creating a Jackson parser was the
 * largest allocation of a request.
 */
final class JsonObjects {

  /** Nesting deeper than this is refused, as Jackson's default {@code StreamReadConstraints} do. */
  static final int MAX_DEPTH = 1000;

  private JsonObjects() {}

  /** Null when {@code body} is a single JSON object; otherwise what is wrong, in a phrase. */
  static String problemWith(byte[] body) {
    if (wideEncoding(body)) {
      return "payload is not UTF-8 but UTF-16 or UTF-32";
    }
    return new Scan(body).problem();
  }

  /**
   * APNs takes UTF-8 only; a provider that sends UTF-16 or UTF-32 is told so, not given a syntax
   * error at byte 1. JSON in either has a zero byte or a byte order mark in its first four bytes;
   * UTF-8 JSON has no zero byte at all.
   */
  private static boolean wideEncoding(byte[] body) {
    for (int i = 0, n = Math.min(4, body.length); i < n; i++) {
      if (body[i] == 0) {
        return true;
      }
    }
    return body.length >= 2
        && (body[0] == (byte) 0xFE && body[1] == (byte) 0xFF || body[0] == (byte) 0xFF && body[1] == (byte) 0xFE);
  }

  /** One pass over a body: what the next token may be, and the open objects and arrays. */
  private static final class Scan {
    // What the scan expects next.
    private static final int VALUE = 0;
    private static final int VALUE_OR_CLOSE = 1; // after '['
    private static final int KEY = 2; // after ',' in an object
    private static final int KEY_OR_CLOSE = 3; // after '{'
    private static final int COLON = 4;
    private static final int COMMA_OR_CLOSE = 5;
    private static final int DONE = 6;

    private final byte[] in;
    private int at;
    private int depth;
    /** Bit d set: the container at depth d is an object; the first 64 levels need no array. */
    private long objects;
    private long[] deepObjects;

    Scan(byte[] in) {
      this.in = in;
    }

    String problem() {
      skipWhitespace();
      if (at == in.length || in[at] != '{') {
        return "payload is not a JSON object";
      }
      int expect = VALUE;
      for (skipWhitespace(); at < in.length; skipWhitespace()) {
        byte c = in[at];
        String problem = null;
        switch (expect) {
          case VALUE, VALUE_OR_CLOSE -> {
            if (c == ']' && expect == VALUE_OR_CLOSE) {
              expect = close();
            } else if (c == '{' || c == '[') {
              problem = open(c == '{');
              expect = c == '{' ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
            } else {
              problem = scalar(c);
              expect = COMMA_OR_CLOSE;
            }
          }
          case KEY, KEY_OR_CLOSE -> {
            if (c == '}' && expect == KEY_OR_CLOSE) {
              expect = close();
            } else if (c == '"') {
              problem = string();
              expect = COLON;
            } else {
              problem = unexpected("a field name in quotes");
            }
          }
          case COLON -> {
            problem = c == ':' ? null : unexpected("':' after a field name");
            at++;
            expect = VALUE;
          }
          case COMMA_OR_CLOSE -> {
            if (c == ',') {
              at++;
              expect = inObject() ? KEY : VALUE;
            } else if (c == (inObject() ? '}' : ']')) {
              expect = close();
            } else {
              problem = unexpected(inObject() ? "',' or '}'" : "',' or ']'");
            }
          }
          default -> problem = "payload has content after the JSON object";
        }
        if (problem != null) {
          return problem;
        }
      }
      return expect == DONE ? null : "payload ends inside the JSON object";
    }

    private String open(boolean object) {
      if (depth == MAX_DEPTH) {
        return invalid("nesting deeper than " + MAX_DEPTH + " levels");
      }
      if (depth >= 64 && deepObjects == null) {
        deepObjects = new long[MAX_DEPTH / 64 + 1];
      }
      long bit = 1L << (depth & 63);
      if (depth < 64) {
        objects = object ? objects | bit : objects & ~bit;
      } else {
        deepObjects[depth >> 6] = object ? deepObjects[depth >> 6] | bit : deepObjects[depth >> 6] & ~bit;
      }
      depth++;
      at++;
      return null;
    }

    /** Consumes the closing bracket; what may follow it. */
    private int close() {
      depth--;
      at++;
      return depth == 0 ? DONE : COMMA_OR_CLOSE;
    }

    private boolean inObject() {
      int d = depth - 1;
      long bits = d < 64 ? objects : deepObjects[d >> 6];
      return (bits & (1L << (d & 63))) != 0;
    }

    private String scalar(byte c) {
      if (c == '"') {
        return string();
      }
      if (c == '-' || (c >= '0' && c <= '9')) {
        return number();
      }
      if (c == 't') {
        return literal("true");
      }
      if (c == 'f') {
        return literal("false");
      }
      if (c == 'n') {
        return literal("null");
      }
      return unexpected("a value");
    }

    /** A string from its opening quote: escapes as RFC 8259 allows them, no raw control characters, valid UTF-8. */
    private String string() {
      at++;
      while (at < in.length) {
        int b = in[at] & 0xFF;
        if (b == '"') {
          at++;
          return null;
        } else if (b == '\\') {
          String problem = escape();
          if (problem != null) {
            return problem;
          }
        } else if (b < 0x20) {
          return invalid("a control character (0x" + Integer.toHexString(b) + ") in a string must be escaped");
        } else if (b < 0x80) {
          at++;
        } else {
          int length = utf8SequenceLength();
          if (length < 0) {
            return "payload is not valid UTF-8 at byte " + at;
          }
          at += length;
        }
      }
      return "payload ends inside the JSON object";
    }

    private String escape() {
      if (at + 1 >= in.length) {
        return "payload ends inside the JSON object";
      }
      byte e = in[at + 1];
      if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
        at += 2;
        return null;
      }
      if (e == 'u') {
        for (int i = at + 2; i < at + 6; i++) {
          if (i >= in.length) {
            return "payload ends inside the JSON object";
          }
          if (!isHexDigit(in[i])) {
            return invalid("\\u needs four hex digits");
          }
        }
        at += 6;
        return null;
      }
      return invalid("unknown escape \\" + (char) (e & 0xFF));
    }

    /**
     * The length of the UTF-8 sequence at {@code at}, or -1 when it is not valid: no stray
     * continuation byte, no overlong form, no surrogate, nothing above U+10FFFF.
     */
    private int utf8SequenceLength() {
      int lead = in[at] & 0xFF;
      int length;
      int secondMin = 0x80;
      int secondMax = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        secondMin = lead == 0xE0 ? 0xA0 : 0x80;
        secondMax = lead == 0xED ? 0x9F : 0xBF;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        secondMin = lead == 0xF0 ? 0x90 : 0x80;
        secondMax = lead == 0xF4 ? 0x8F : 0xBF;
      } else {
        return -1;
      }
      if (at + length > in.length) {
        return -1;
      }
      int second = in[at + 1] & 0xFF;
      if (second < secondMin || second > secondMax) {
        return -1;
      }
      for (int i = at + 2; i < at + length; i++) {
        if ((in[i] & 0xC0) != 0x80) {
          return -1;
        }
      }
      return length;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}: no leading zeros, no '+', no NaN. */
    private String number() {
      int start = at;
      if (in[at] == '-') {
        at++;
      }
      if (at < in.length && in[at] == '0') {
        at++;
        if (at < in.length && isDigit(in[at])) {
          return invalid("a number with a leading zero");
        }
      } else if (digits() == 0) {
        return invalid("a number needs digits");
      }
      if (at < in.length && in[at] == '.') {
        at++;
        if (digits() == 0) {
          return invalid("a number needs digits after its '.'");
        }
      }
      if (at < in.length && (in[at] == 'e' || in[at] == 'E')) {
        at++;
        if (at < in.length && (in[at] == '+' || in[at] == '-')) {
          at++;
        }
        if (digits() == 0) {
          return invalid("a number needs digits in its exponent");
        }
      }
      return at > start ? null : unexpected("a value");
    }

    private int digits() {
      int start = at;
      while (at < in.length && isDigit(in[at])) {
        at++;
      }
      return at - start;
    }

    private String literal(String word) {
      for (int i = 0; i < word.length(); i++) {
        if (at + i >= in.length || in[at + i] != word.charAt(i)) {
          return invalid("not a value (true, false and null are the only words)");
        }
      }
      at += word.length();
      return null;
    }

    private void skipWhitespace() {
      while (at < in.length && (in[at] == ' ' || in[at] == '\t' || in[at] == '\n' || in[at] == '\r')) {
        at++;
      }
    }

    private String unexpected(String expected) {
      int b = in[at] & 0xFF;
      String found = b >= 0x21 && b < 0x7F ? "'" + (char) b + "'" : "byte 0x" + Integer.toHexString(b);
      return invalid(found + " where " + expected + " belongs");
    }

    private String invalid(String what) {
      return "payload is not valid JSON: " + what + ", at byte " + at;
    }

    private static boolean isDigit(byte b) {
      return b >= '0' && b <= '9';
    }

    private static boolean isHexDigit(byte b) {
      return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
  }
}
