package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The payload check against Jackson's default parser, the reference it replaces: the same verdict
 * on real payloads, on every prefix of them, and on thousands of one-byte mutations of them.
 */
class JsonObjectsTest {

  static final List<String> VALID = List.of(
      "{}",
      " \t\r\n{ } \n",
      "{\"aps\":{},\"caller\":\"Alice\"}",
      "{\"aps\":{\"alert\":{\"title\":\"Alice\",\"body\":\"Incoming call\"},\"sound\":\"default\",\"badge\":3}}",
      "{\"aps\":{\"alert\":{\"loc-key\":\"SIN_INCOMING_CALL_DISPLAY_NAME\",\"loc-args\":[\"John Doe\"]}},\"sin\":\"opaque\"}",
      "{\"aps\":{\"content-available\":1},\"ext\":{\"entity\":{\"nickname\":\"Zoë 🦊\",\"ids\":[1,-2,3.5,-0.25e-3,6E+2,0]}}}",
      "{\"a\":[[],[{}],[[[]]]],\"b\":[true,false,null],\"c\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"}",
      "{\"ключ\":\"значение\",\"中文\":\"汉字\",\"emoji\":\"\uD83D\uDCDE\"}");

  @Test
  void realPayloads_areObjects() {
    for (String json : VALID) {
      assertThat(JsonObjects.problemWith(utf8(json))).as(json).isNull();
      assertThat(jackson(utf8(json))).as(json).isTrue();
    }
  }

  @Test
  void everyPrefixOfAPayload_isRefused_likeJacksonRefusesIt() {
    for (String json : VALID) {
      byte[] bytes = utf8(json.strip());
      for (int length = 0; length < bytes.length; length++) {
        byte[] prefix = Arrays.copyOf(bytes, length);
        assertThat(JsonObjects.problemWith(prefix)).as("prefix %s", new String(prefix, StandardCharsets.UTF_8)).isNotNull();
        assertThat(jackson(prefix)).isFalse();
      }
    }
  }

  @Test
  void oneByteMutations_getJacksonsVerdict() {
    // JSON's structural and lexical bytes, and a few others, at every position of every payload.
    byte[] replacements = " \t{}[]:,\"\\/-+.0123456789eEtfnulrsaxz\u0001".getBytes(StandardCharsets.US_ASCII);
    Random random = new Random(42);
    List<String> disagreements = new ArrayList<>();
    int cases = 0;
    for (String json : VALID) {
      byte[] bytes = utf8(json);
      for (int position = 0; position < bytes.length; position++) {
        if (bytes[position] < 0) {
          continue; // inside a multi-byte character: UTF-8 is checked on its own below
        }
        for (int k = 0; k < 6; k++) {
          byte[] mutated = bytes.clone();
          mutated[position] = replacements[random.nextInt(replacements.length)];
          boolean ours = JsonObjects.problemWith(mutated) == null;
          if (ours != jackson(mutated)) {
            disagreements.add(new String(mutated, StandardCharsets.UTF_8) + " -> ours " + ours);
          }
          cases++;
        }
      }
    }
    assertThat(cases).isGreaterThan(2000);
    assertThat(disagreements).isEmpty();
  }

  @Test
  void whatIsWrongIsSaid() {
    assertThat(JsonObjects.problemWith(utf8("[1,2,3]"))).isEqualTo("payload is not a JSON object");
    assertThat(JsonObjects.problemWith(utf8("{\"aps\":"))).isEqualTo("payload ends inside the JSON object");
    assertThat(JsonObjects.problemWith(utf8("{} {}"))).isEqualTo("payload has content after the JSON object");
    assertThat(JsonObjects.problemWith(utf8("{\"a\":01}"))).isEqualTo("payload is not valid JSON: a number with a leading zero, at byte 6");
    assertThat(JsonObjects.problemWith(utf8("{\"a\" 1}"))).isEqualTo("payload is not valid JSON: '1' where ':' after a field name belongs, at byte 5");
    assertThat(JsonObjects.problemWith(utf8("{\"a\":\"\\x\"}"))).isEqualTo("payload is not valid JSON: unknown escape \\x, at byte 6");
    assertThat(JsonObjects.problemWith(utf8("{\"a\":\"tab\there\"}"))).startsWith("payload is not valid JSON: a control character (0x9)");
  }

  @Test
  void invalidUtf8_isRefused_asRfc3629Defines() {
    String[] invalid = {
        "80",             // a continuation byte alone
        "c0af",           // overlong '/'
        "e080af",         // overlong, three bytes
        "eda080",         // a UTF-16 surrogate (U+D800)
        "f4908080",       // above U+10FFFF
        "f8888080",       // five-byte form
        "c3",             // truncated
        "e282",           // truncated
        "c328",           // second byte not a continuation
    };
    for (String hex : invalid) {
      byte[] body = body(hex);
      assertThat(JsonObjects.problemWith(body)).as(hex).startsWith("payload is not valid UTF-8 at byte 6");
    }
    for (String hex : new String[] {"c3a9", "e282ac", "f09f9880", "efbfbd", "f48fbfbf"}) { // é € 😀 U+FFFD U+10FFFF
      assertThat(JsonObjects.problemWith(body(hex))).as(hex).isNull();
    }
  }

  @Test
  void nestingIsBounded_likeJacksonsDefault() {
    String deepest = "{\"a\":" + "[".repeat(JsonObjects.MAX_DEPTH - 1) + "]".repeat(JsonObjects.MAX_DEPTH - 1) + "}";
    String deeper = "{\"a\":" + "[".repeat(JsonObjects.MAX_DEPTH) + "]".repeat(JsonObjects.MAX_DEPTH) + "}";
    assertThat(JsonObjects.problemWith(utf8(deepest))).isNull();
    assertThat(jackson(utf8(deepest))).isTrue();
    assertThat(JsonObjects.problemWith(utf8(deeper))).contains("nesting deeper than 1000 levels");
    assertThat(jackson(utf8(deeper))).isFalse();
    // Objects and arrays beyond 64 levels are told apart, too.
    String mixed = "{\"a\":" + "[{\"b\":".repeat(100) + "1" + "}]".repeat(100) + "}";
    assertThat(JsonObjects.problemWith(utf8(mixed))).isNull();
    assertThat(JsonObjects.problemWith(utf8(mixed.replace("1}]}]}", "1]}]}")))).isNotNull();
  }

  /** {"a":"<bytes>"}: the string's bytes start at byte 6. */
  static byte[] body(String hex) {
    byte[] inner = java.util.HexFormat.of().parseHex(hex);
    byte[] prefix = utf8("{\"a\":\"");
    byte[] body = Arrays.copyOf(prefix, prefix.length + inner.length + 2);
    System.arraycopy(inner, 0, body, prefix.length, inner.length);
    body[body.length - 2] = '"';
    body[body.length - 1] = '}';
    return body;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The check this class replaced: Jackson's streaming parser reading every token and string. */
  static boolean jackson(byte[] body) {
    try (JsonParser parser = new JsonFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      int depth = 1;
      while (depth > 0) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return false;
        }
        switch (token) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          case VALUE_STRING -> parser.getTextLength();
          default -> { }
        }
      }
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
