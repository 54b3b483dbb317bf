package dev.pushsim.apns;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Checks that a body is one UTF-8 JSON object without building a tree: this runs for every
 * request, and most accepted payloads are never read again.
 */
final class JsonObjects {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonObjects() {}

  /** Null when {@code body} is a single JSON object; otherwise what is wrong, in a phrase. */
  static String problemWith(byte[] body) {
    if (wideEncoding(body)) {
      return "payload is not UTF-8 but UTF-16 or UTF-32";
    }
    try (JsonParser parser = FACTORY.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return "payload is not a JSON object";
      }
      int depth = 1;
      while (depth > 0) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return "payload ends inside the JSON object";
        }
        switch (token) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          // Decoding each string is what proves the bytes are valid UTF-8.
          case VALUE_STRING -> parser.getTextLength();
          default -> { }
        }
      }
      return parser.nextToken() == null ? null : "payload has content after the JSON object";
    } catch (JsonProcessingException e) {
      return "payload is not valid UTF-8 JSON: " + e.getOriginalMessage();
    } catch (IOException e) {
      return "payload could not be read: " + e.getMessage();
    }
  }

  /**
   * Jackson detects UTF-16 and UTF-32 and would decode them; APNs takes UTF-8 only. JSON in either
   * has a zero byte or a byte order mark in its first four bytes; UTF-8 JSON has no zero byte at all.
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
}
