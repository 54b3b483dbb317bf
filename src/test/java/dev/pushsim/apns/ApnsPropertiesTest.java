package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.push.Reason;
import dev.pushsim.testing.H2Client;
import dev.pushsim.testing.Jwts;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.world.Simulator;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based tests of the fake APNs over TLS and HTTP/2: whatever headers, payload or provider
 * token a provider sends, the answer is one of Apple's (or an HTTP/2 stream reset), it agrees with
 * an independent judge where there is one, and the journal records exactly that request. One
 * simulator serves every try of the class.
 */
class ApnsPropertiesTest {

  private static final ObjectMapper STRICT_JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String TOKEN_PLACEHOLDER = "{token}";

  private static Simulator sim;
  private static Path dir;
  private static TestProvider provider;
  private static H2Client client;
  private static SigningKey otherKeyOfTheTeam;
  private static PrivateKey strangerKey;

  @BeforeContainer
  static void start() throws Exception {
    sim = Simulator.builder().build().start();
    dir = Files.createTempDirectory("apns-properties");
    provider = TestProvider.in(sim, dir);
    otherKeyOfTheTeam = SigningKey.generate(TestProvider.TEAM_ID);
    provider.team.addKey(otherKeyOfTheTeam);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    strangerKey = generator.generateKeyPair().getPrivate();
    client = connect();
  }

  @AfterContainer
  static void stop() throws Exception {
    client.close();
    sim.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private static H2Client connect() throws Exception {
    return H2Client.connect("localhost", sim.sandbox().port(), sim.ca().certificate());
  }

  // ---- headers, path and method ----

  /** A request as a provider with bugs might send it. */
  record Request(String method, String path, List<String[]> headers, String body) {
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(method + " " + path);
      headers.forEach(header -> text.append("\n  ").append(header[0]).append(": ").append(header[1]));
      return text.append("\n  body ").append(body).toString();
    }
  }

  @Property(tries = 300)
  void anyRequest_getsAnAppleAnswerOrAStreamReset_andTheJournalRecordsIt(@ForAll("requests") Request request) throws Exception {
    String path = request.path().replace(TOKEN_PLACEHOLDER, provider.sandboxToken().hex());
    Outcome outcome = send(client, request.method(), path, request.headers(), request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8));
    outcome.assertJournaled();
  }

  @Provide
  Arbitrary<Request> requests() {
    Arbitrary<String> method = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, Arbitraries.just("POST")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("GET", "PUT", "DELETE", "post", "OPTIONS", "X")));
    Arbitrary<String> path = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just("/3/device/" + TOKEN_PLACEHOLDER)),
        net.jqwik.api.Tuple.of(2, Arbitraries.oneOf(
            Arbitraries.of("/3/device/", "/3/device", "/", "/3/device/zz", "/3/device/" + "ab".repeat(32) + "/x", "/3/device/" + TOKEN_PLACEHOLDER + "?x=1"),
            Arbitraries.strings().ascii().ofMaxLength(40).map(text -> "/" + text),
            Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(0).ofMaxLength(70).map(hex -> "/3/device/" + hex))));
    Arbitrary<List<Edit>> edits = edit().list().ofMaxSize(4);
    Arbitrary<String> body = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(7, Arbitraries.just("{\"aps\":{\"alert\":\"Hello\"}}")),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(null)),
        net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(200)));
    return Combinators.combine(method, path, edits, body).as((m, p, e, b) -> {
      List<String[]> headers = new ArrayList<>(List.of(
          new String[] {"authorization", "{bearer}"},
          new String[] {"apns-topic", TestProvider.BUNDLE_ID},
          new String[] {"apns-push-type", "alert"}));
      e.forEach(each -> each.applyTo(headers));
      return new Request(m, p, headers, b);
    });
  }

  /** One change to a valid push's headers: remove a name, set it, or add it once more. */
  record Edit(String kind, String name, String value) {
    void applyTo(List<String[]> headers) {
      switch (kind) {
        case "remove" -> headers.removeIf(header -> header[0].equals(name));
        case "set" -> {
          headers.removeIf(header -> header[0].equals(name));
          headers.add(new String[] {name, value});
        }
        default -> headers.add(new String[] {name, value});
      }
    }
  }

  private Arbitrary<Edit> edit() {
    Arbitrary<String> names = Arbitraries.oneOf(
        Arbitraries.of("apns-topic", "apns-push-type", "apns-priority", "apns-expiration", "apns-collapse-id", "apns-id", "authorization", "content-type", "content-length", "te"),
        Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1).ofMaxLength(16),
        Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(12));
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.of(TestProvider.BUNDLE_ID, TestProvider.BUNDLE_ID + ".voip", TestProvider.OTHER_BUNDLE_ID, "com.other.app",
            "alert", "background", "voip", "location", "complication", "mdm", "liveactivity", "10", "5", "1", "0", "-1", "11",
            "99999999999999999999", "1700000000", "x".repeat(64), "x".repeat(65), "", "bearer ", "trailers", "{bearer}",
            UUID.randomUUID().toString(), UUID.randomUUID().toString().toLowerCase(), "not-a-uuid"),
        Arbitraries.strings().ascii().ofMaxLength(60),
        Arbitraries.strings().ofMaxLength(30));
    return Combinators.combine(Arbitraries.of("remove", "set", "add"), names, values).as(Edit::new);
  }

  // ---- payloads ----

  @Property(tries = 300)
  void anyPayload_isJudgedAsAStrictUtf8JsonParserJudgesIt(@ForAll("payloads") byte[] payload) throws Exception {
    List<String[]> headers = List.of(
        new String[] {"authorization", "{bearer}"},
        new String[] {"apns-topic", TestProvider.BUNDLE_ID},
        new String[] {"apns-push-type", "alert"});
    Outcome outcome = send(client, "POST", "/3/device/" + provider.sandboxToken().hex(), headers, payload);

    outcome.assertJournaled();
    assertThat(outcome.reason()).as("the answer to %s", printable(payload)).isEqualTo(expectedFor(payload));
  }

  /** What an independent judge says: empty, too large, not one UTF-8 JSON object, or fine. */
  private static String expectedFor(byte[] payload) {
    if (payload.length == 0) {
      return "PayloadEmpty";
    }
    if (payload.length > ApnsSettings.APPLE_MAX_PAYLOAD_BYTES) {
      return "PayloadTooLarge";
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload))
          .toString();
      JsonNode tree = STRICT_JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
      return tree != null && tree.isObject() ? null : "BadPayload";
    } catch (CharacterCodingException | com.fasterxml.jackson.core.JsonProcessingException notOneUtf8JsonObject) {
      return "BadPayload";
    }
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    Arbitrary<byte[]> json = jsonObjects().map(text -> text.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, json),
        net.jqwik.api.Tuple.of(3, Combinators.combine(json, Arbitraries.integers().between(0, 1000), Arbitraries.bytes(), Arbitraries.of("replace", "insert", "delete", "truncate"))
            .as(ApnsPropertiesTest::mutate)),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(ApnsSettings.APPLE_MAX_PAYLOAD_BYTES - 2, ApnsSettings.APPLE_MAX_PAYLOAD_BYTES + 2)
            .map(ApnsPropertiesTest::jsonOfBytes)));
  }

  private Arbitrary<String> jsonObjects() {
    Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(20).map(ApnsPropertiesTest::jsonString);
    Arbitrary<String> scalars = Arbitraries.oneOf(
        strings,
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf).filter(number -> !number.contains("N") && !number.contains("I")),
        Arbitraries.of("true", "false", "null"));
    Arbitrary<String> values = Arbitraries.lazyOf(
        () -> scalars,
        () -> scalars.list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]"),
        () -> Combinators.combine(strings, scalars).as((key, value) -> key + ":" + value).list().ofMaxSize(3)
            .map(fields -> "{" + String.join(",", fields) + "}"));
    return Combinators.combine(strings, values).as((key, value) -> key + ":" + value).list().ofMaxSize(4)
        .map(fields -> "{\"aps\":{}" + (fields.isEmpty() ? "" : "," + String.join(",", fields)) + "}");
  }

  private static String jsonString(String text) {
    try {
      return STRICT_JSON.writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] mutate(byte[] json, int at, byte value, String how) {
    int position = json.length == 0 ? 0 : at % json.length;
    return switch (how) {
      case "replace" -> {
        byte[] changed = json.clone();
        if (changed.length > 0) {
          changed[position] = value;
        }
        yield changed;
      }
      case "insert" -> {
        byte[] changed = new byte[json.length + 1];
        System.arraycopy(json, 0, changed, 0, position);
        changed[position] = value;
        System.arraycopy(json, position, changed, position + 1, json.length - position);
        yield changed;
      }
      case "delete" -> {
        if (json.length == 0) {
          yield json;
        }
        byte[] changed = new byte[json.length - 1];
        System.arraycopy(json, 0, changed, 0, position);
        System.arraycopy(json, position + 1, changed, position, json.length - position - 1);
        yield changed;
      }
      default -> Arrays.copyOf(json, position);
    };
  }

  /** A valid alert payload of exactly {@code size} bytes. */
  private static byte[] jsonOfBytes(int size) {
    String prefix = "{\"aps\":{\"alert\":\"";
    String suffix = "\"}}";
    return (prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.UTF_8);
  }

  // ---- provider tokens ----

  /** A provider token, and whether Apple's rules accept it. */
  record Token(String value, boolean valid, String how) {
    @Override
    public String toString() {
      return how + (valid ? " (valid)" : "") + ": " + value;
    }
  }

  @Property(tries = 100)
  void anyProviderToken_isAcceptedExactlyWhenItIsAValidSignedOne(@ForAll("tokens") Token token) throws Exception {
    List<String[]> headers = List.of(
        new String[] {"authorization", "bearer " + token.value()},
        new String[] {"apns-topic", TestProvider.BUNDLE_ID},
        new String[] {"apns-push-type", "alert"});
    Outcome outcome;
    // A fresh connection per token: Apple judges token changes per connection.
    try (H2Client fresh = connect()) {
      outcome = send(fresh, "POST", "/3/device/" + provider.sandboxToken().hex(), headers, "{\"aps\":{}}".getBytes(StandardCharsets.UTF_8));
    }
    outcome.assertJournaled();
    if (token.value().chars().anyMatch(c -> c == 0 || c == '\r' || c == '\n')) {
      assertThat(outcome.response()).as("a header value HTTP/2 forbids resets the stream").isNull();
    } else if (token.valid()) {
      assertThat(outcome.status()).as("a valid token").isEqualTo(200);
    } else {
      assertThat(outcome.status()).as("a forged token").isEqualTo(403);
      assertThat(outcome.reason()).isIn("InvalidProviderToken", "ExpiredProviderToken", "MissingProviderToken");
    }
  }

  @Provide
  Arbitrary<Token> tokens() {
    return Arbitraries.oneOf(built(), mutated(), Arbitraries.strings().ascii().ofMaxLength(300).map(text -> new Token(text, false, "random text")));
  }

  /** Tokens put together from parts, some right and some wrong. */
  private Arbitrary<Token> built() {
    Arbitrary<String> alg = Arbitraries.of("ES256", "ES256", "ES256", "es256", "RS256", "HS256", "none", "");
    Arbitrary<String> kid = Arbitraries.of("own", "own", "other key of the team", "unknown");
    Arbitrary<String> iss = Arbitraries.of(TestProvider.TEAM_ID, TestProvider.TEAM_ID, "OTHER12345", "team123456");
    Arbitrary<Integer> age = Arbitraries.of(-7200, -3700, -1800, 0, 0, 30, 120, 86_400);
    Arbitrary<String> signer = Arbitraries.of("own key", "own key", "own key, DER", "stranger");
    return Combinators.combine(alg, kid, iss, age, signer).as((a, k, i, offset, s) -> {
      String keyId = switch (k) {
        case "own" -> provider.key.keyId();
        case "other key of the team" -> otherKeyOfTheTeam.keyId();
        default -> "UNKNOWN123";
      };
      long issuedAt = sim.clock().now().getEpochSecond() + offset;
      PrivateKey key = s.equals("stranger") ? strangerKey : provider.key.privateKey().orElseThrow();
      String value = Jwts.signed(Jwts.header(a, keyId), Jwts.claims(i, issuedAt), key,
          s.endsWith("DER") ? "SHA256withECDSA" : "SHA256withECDSAinP1363Format");
      boolean valid = a.equals("ES256") && k.equals("own") && i.equals(TestProvider.TEAM_ID)
          && offset > -3600 && offset <= 60 && !s.equals("stranger");
      return new Token(value, valid, "alg " + a + ", kid " + k + ", iss " + i + ", iat " + offset + " s, signed by " + s);
    });
  }

  /** A valid token with one character changed, added or removed. */
  private Arbitrary<Token> mutated() {
    Arbitrary<Character> characters = Arbitraries.chars().with("ABCXYZabcxyz0189-_.=+/ ");
    return Combinators.combine(Arbitraries.integers().between(0, 10_000), characters, Arbitraries.of("replace", "insert", "delete"))
        .as((at, character, how) -> {
          String original = Jwts.signed(Jwts.header("ES256", provider.key.keyId()), Jwts.claims(TestProvider.TEAM_ID, sim.clock().now().getEpochSecond()),
              provider.key.privateKey().orElseThrow(), "SHA256withECDSAinP1363Format");
          int position = at % original.length();
          String value = switch (how) {
            case "replace" -> original.substring(0, position) + character + original.substring(position + 1);
            case "insert" -> original.substring(0, position) + character + original.substring(position);
            default -> original.substring(0, position) + original.substring(position + 1);
          };
          // Base64url leaves some bits of a segment's last character unused: a change there can
          // leave every decoded byte as it was. The signature covers the header and claims as
          // encoded text, so only the signature segment may differ in its text.
          // RFC 9110 11.4: credentials = auth-scheme [ 1*SP token68 ], so a space put before the token
          // makes "bearer  <jwt>", the same credentials.
          boolean spaceBeforeToken = how.equals("insert") && position == 0 && character == ' ';
          return new Token(value, spaceBeforeToken || sameDecodedParts(value, original), how + " '" + character + "' at " + position);
        });
  }

  private static boolean sameDecodedParts(String token, String original) {
    String[] parts = token.split("\\.", -1);
    String[] originalParts = original.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    try {
      return parts[0].equals(originalParts[0]) && parts[1].equals(originalParts[1])
          && Arrays.equals(Base64.getUrlDecoder().decode(parts[2]), Base64.getUrlDecoder().decode(originalParts[2]));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  // ---- sending and checking ----

  /** What came back for one request, and the journal events recorded meanwhile. */
  record Outcome(H2Client.Response response, Throwable reset, List<JournalEvent> journaled, String request) {

    int status() {
      return response == null ? 0 : response.status();
    }

    String reason() {
      if (response == null || response.body().isEmpty()) {
        return null;
      }
      try {
        return STRICT_JSON.readTree(response.body()).path("reason").asText(null);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new AssertionError("An error body that is not JSON: " + response.body() + "\nfor " + request);
      }
    }

    /**
     * An answer is one of Apple's (never a 500) with an apns-id, journaled once with the same
     * status; a reset stream is journaled once as rejected.
     */
    void assertJournaled() {
      List<JournalEvent> requests = journaled.stream().filter(event -> event.type().equals(ApnsService.REQUEST_EVENT)).toList();
      List<JournalEvent> rejected = journaled.stream().filter(event -> event.type().equals(ApnsService.STREAM_REJECTED_EVENT)).toList();
      if (response == null || response.status() == 431) {
        assertThat(rejected).as("a reset stream is journaled as rejected: %s\nfor %s", reset, request).hasSize(1);
        assertThat(requests).as("a reset stream never reaches the APNs checks").isEmpty();
        return;
      }
      int status = response.status();
      String reason = reason();
      assertThat(status).as("status for %s", request).isIn(200, 400, 403, 404, 405, 410, 413, 429);
      if (status != 200) {
        assertThat(Reason.fromWireString(reason)).as("reason %s for %s", reason, request)
            .hasValueSatisfying(known -> assertThat(known.status()).isEqualTo(status));
      }
      assertThat(response.header("apns-id")).as("apns-id for %s", request).hasSize(36);
      assertThat(requests).as("one journal event for %s", request).singleElement().satisfies(event -> {
        assertThat(event.apnsId()).isEqualTo(response.header("apns-id"));
        assertThat(event.get("status")).isEqualTo(status);
        assertThat(event.get("reason")).isEqualTo(reason);
      });
    }
  }

  private static Outcome send(H2Client connection, String method, String path, List<String[]> headers, byte[] body) throws Exception {
    List<String[]> withToken = new ArrayList<>();
    for (String[] header : headers) {
      withToken.add(new String[] {header[0], header[1].replace("{bearer}", provider.bearer())});
    }
    long before = sim.journal().recorded();
    H2Client.Response response = null;
    Throwable reset = null;
    try {
      response = connection.send(method, path, withToken, body).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException streamClosedWithoutAnAnswer) {
      reset = streamClosedWithoutAnAnswer.getCause();
    }
    assertThat(connection.isOpen()).as("no request ends the connection: %s %s", method, path).isTrue();
    String request = method + " " + path + " " + describe(withToken) + " body " + (body == null ? "none" : printable(body));
    return new Outcome(response, reset, sim.journal().after(before, 100), request);
  }

  private static String describe(List<String[]> headers) {
    StringBuilder text = new StringBuilder();
    headers.forEach(header -> text.append("[").append(header[0]).append(": ").append(header[1]).append("]"));
    return text.toString();
  }

  private static String printable(byte[] body) {
    return body.length > 200 ? body.length + " bytes" : new String(body, StandardCharsets.ISO_8859_1).replaceAll("\\p{Cntrl}", "?");
  }
}
