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
}
