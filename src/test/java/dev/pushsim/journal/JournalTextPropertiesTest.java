package dev.pushsim.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.clock.SimClock;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Any text an event can carry (lone and paired surrogates, control characters, noncharacters, long values) in
 * every place it can sit (device, topic, apns-id, a payload field, a header name and value, a list) reaches the
 * NDJSON file as one strict UTF-8 JSON line per event, with lone surrogates as U+FFFD and all else unchanged.
 */
class JournalTextPropertiesTest {

  private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Property(tries = 200)
  void everyEvent_isOneValidUtf8JsonLine_withItsTextKeptOrReplaced(@ForAll("texts") List<String> texts)
      throws Exception {
    Path file = Files.createTempFile("journal-properties", ".ndjson");
    try {
      Journal journal = new Journal(SimClock.virtual(), 2, new NdjsonFileSink(file));
      for (String text : texts) {
        journal.record(EventDraft.of("callkit.reported").device(text).topic(text).apnsId(text)
            .with("caller", text).with("headers", Map.of(headerName(text), text)).with("list", List.of(text, 1)));
      }
      journal.close();

      String content = strictUtf8(Files.readAllBytes(file));
      assertThat(content).endsWith("\n");
      List<String> lines = List.of(content.split("\n", -1));
      assertThat(lines).as("one line per event, each ended by its newline").hasSize(texts.size() + 1);
      for (int i = 0; i < texts.size(); i++) {
        String expected = replaceLoneSurrogates(texts.get(i));
        JsonNode event = STRICT.readTree(lines.get(i));
        assertThat(event.get("sequence").asLong()).isEqualTo(i + 1);
        assertThat(event.get("device").asText()).isEqualTo(expected);
        assertThat(event.get("topic").asText()).isEqualTo(expected);
        assertThat(event.get("apnsId").asText()).isEqualTo(expected);
        assertThat(event.get("data").get("caller").asText()).isEqualTo(expected);
        assertThat(event.get("data").get("headers").get(replaceLoneSurrogates(headerName(texts.get(i)))).asText())
            .isEqualTo(expected);
        assertThat(event.get("data").get("list").get(0).asText()).isEqualTo(expected);
      }
      assertThat(journal.sinkFailures()).isZero();
      assertThat(journal.sinkWriteErrors()).isZero();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Provide
  Arbitrary<List<String>> texts() {
    return text().list().ofMinSize(1).ofMaxSize(6);
  }

  private static Arbitrary<String> text() {
    Arbitrary<String> anyChar = Arbitraries.chars().range('\u0000', '\uffff').map(String::valueOf);
    Arbitrary<String> surrogate = Arbitraries.chars().range('\ud800', '\udfff').map(String::valueOf);
    Arbitrary<String> pair = Arbitraries.integers().between(0x10000, 0x10ffff).map(Character::toString);
    Arbitrary<String> control = Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf);
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        Tuple.of(4, anyChar), Tuple.of(3, surrogate), Tuple.of(2, pair),
        Tuple.of(1, control), Tuple.of(1, Arbitraries.just("\"\\</script>\u2028")));
    Arbitrary<String> shortText = piece.list().ofMaxSize(30).map(pieces -> String.join("", pieces));
    Arbitrary<String> longText = shortText.map(text -> (text + "\ud800x").repeat(20_000));
    return Arbitraries.frequencyOf(Tuple.of(20, shortText), Tuple.of(1, longText));
  }

  /** A header name is at most 8,192 bytes (APNs' header list limit), well under a JSON reader's name limit. */
  private static String headerName(String text) {
    return text.substring(0, Math.min(text.length(), 4_000));
  }

  /** The oracle: each code point that is a lone surrogate becomes U+FFFD; everything else stays as it was. */
  private static String replaceLoneSurrogates(String text) {
    return text.codePoints()
        .map(codePoint -> Character.isSurrogate((char) codePoint) && codePoint <= 0xffff ? 0xfffd : codePoint)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
