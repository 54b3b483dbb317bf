package dev.pushsim.apns;

import static dev.pushsim.testing.RawH2Connection.ENHANCE_YOUR_CALM;
import static dev.pushsim.testing.RawH2Connection.FRAME_SIZE_ERROR;
import static dev.pushsim.testing.RawH2Connection.HEADERS;
import static dev.pushsim.testing.RawH2Connection.NO_ERROR;
import static dev.pushsim.testing.RawH2Connection.PROTOCOL_ERROR;
import static dev.pushsim.testing.RawH2Connection.REFUSED_STREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.testing.Curl;
import dev.pushsim.testing.H2Client;
import dev.pushsim.testing.PushRequest;
import dev.pushsim.testing.RawH2Connection.Frame;
import dev.pushsim.testing.RawH2Connection;
import dev.pushsim.testing.TestProvider;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attacks on the HTTP/2 layer, written frame by frame: each gets the answer a careful server gives
 * (a stream reset or GOAWAY with the RFC's error code and a debug message), is journaled, and a
 * provider connected alongside goes on being served.
 */
class Http2AttackTest {

  private static final byte[] BODY = "{\"aps\":{\"alert\":\"Hello\"}}".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  TestProvider provider;
  H2Client bystander;

  @BeforeEach
  void connectABystander() throws Exception {
    provider = TestProvider.in(pushsim.simulator(), dir);
    bystander = H2Client.connect("localhost", port(), pushsim.simulator().ca().certificate());
  }

  @AfterEach
  void closeTheBystander() {
    bystander.close();
  }

  private int port() {
    return pushsim.simulator().sandbox().port();
  }

  private RawH2Connection attacker() {
    return RawH2Connection.open(port(), pushsim.simulator().ca().certificate());
  }

  /** A valid push's header list, pseudo-headers first. */
  private List<String[]> validRequest() {
    PushRequest push = provider.alert(provider.sandboxToken());
    return RawH2Connection.request(push.path(), push.headerList());
  }

  /** The provider connected before the attack still gets its pushes answered. */
  private void assertTheBystanderIsStillServed() throws Exception {
    PushRequest push = provider.alert(provider.sandboxToken());
    assertThat(push.sendWith(bystander).get(10, TimeUnit.SECONDS).status())
        .as("a push on another connection, after the attack").isEqualTo(200);
  }

  private static void assertAnswered(RawH2Connection connection, int streamId, String status) {
    Frame answer = connection.await(frame -> frame.type() == HEADERS && frame.streamId() == streamId);
    assertThat(answer).as("an answer on stream %d", streamId).isNotNull();
    assertThat(answer.status()).isEqualTo(status);
  }

  private List<JournalEvent> journaled(String type) {
    return pushsim.simulator().journal().find(EventPattern.type(type));
  }

  private JournalEvent closedConnection() {
    return await().atMost(Duration.ofSeconds(10)).until(() -> journaled(ApnsService.CONNECTION_CLOSED_EVENT).stream()
        .filter(event -> !"closed by the provider".equals(event.get("why"))).findFirst(), Optional::isPresent).orElseThrow();
  }

  /** The server ended the connection with GOAWAY {@code code} and {@code debug}, and journaled why. */
  private void assertConnectionError(Frame goAway, long code, String name, String debug) {
    assertThat(goAway).isNotNull();
    assertThat(goAway.errorCode()).isEqualTo(code);
    assertThat(goAway.debugData()).isEqualTo(debug);
    assertThat(closedConnection().get("why")).isEqualTo("HTTP/2 " + name + ": " + debug);
  }

  /** One way to break a request's header block, and what the journal says about it. */
  record Malformation(String name, UnaryOperator<List<String[]>> change, String why) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Malformation> malformations() {
    return Stream.of(
        new Malformation("uppercase name", h -> add(h, "Apns-Priority", "10"), "header name 'Apns-Priority' has a character HTTP/2 forbids"),
        new Malformation("space in a name", h -> add(h, "apns topic", "x"), "header name 'apns topic'"),
        new Malformation("no :path", h -> remove(h, ":path"), "no :path pseudo-header"),
        new Malformation("no :method", h -> remove(h, ":method"), "no :method pseudo-header"),
        new Malformation("no :scheme", h -> remove(h, ":scheme"), "no :scheme pseudo-header"),
        new Malformation("empty :path", h -> replace(h, ":path", ""), "an empty :path"),
        new Malformation("unknown pseudo-header", h -> add(h, ":foo", "bar"), "pseudo-header ':foo' is not one of a request's"),
        new Malformation(":status in a request", h -> add(h, ":status", "200"), "pseudo-header ':status'"),
        new Malformation("two :path", h -> add(h, ":path", "/3/device/00"), "appears more than once"),
        new Malformation("connection header", h -> add(h, "connection", "keep-alive"), "connection-specific header 'connection'"),
        new Malformation("transfer-encoding", h -> add(h, "transfer-encoding", "chunked"), "connection-specific header 'transfer-encoding'"),
        new Malformation("te other than trailers", h -> add(h, "te", "gzip"), "te other than 'trailers'"),
        new Malformation("NUL in a value", h -> replace(h, "apns-topic", "com.example\u0000phone"), "contains NUL, CR or LF"),
        new Malformation("CRLF in a value", h -> replace(h, "apns-topic", "com.example.phone\r\nx-injected: 1"), "contains NUL, CR or LF"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformations")
  void aMalformedHeaderBlock_resetsItsStreamWithProtocolError_andTheConnectionGoesOn(Malformation malformation) throws Exception {
    try (RawH2Connection attacker = attacker()) {
      // A good request first: the header entries it leaves in the HPACK table are not scanned
      // again, and the malformed one after it must still be caught.
      attacker.headers(1, validRequest(), false).data(1, BODY, true).flush();
      assertAnswered(attacker, 1, "200");
      attacker.headers(3, malformation.change().apply(validRequest()), false).data(3, BODY, true);
      attacker.headers(5, validRequest(), false).data(5, BODY, true).flush();

      Frame reset = attacker.await(frame -> frame.isReset(3));
      assertThat(reset).as("RST_STREAM on the malformed stream").isNotNull();
      assertThat(reset.errorCode()).isEqualTo(PROTOCOL_ERROR);
      assertAnswered(attacker, 5, "200");
    }
    assertThat(journaled(ApnsService.STREAM_REJECTED_EVENT)).singleElement().satisfies(event -> {
      assertThat(event.get("stream")).isEqualTo(3);
      assertThat(event.get("error")).isEqualTo("PROTOCOL_ERROR");
      assertThat(event.get("why").toString()).startsWith("malformed request: ").contains(malformation.why());
    });
    assertThat(journaled(ApnsService.REQUEST_EVENT)).as("only the good requests reached the APNs checks")
        .extracting(event -> event.get("stream")).containsExactly(1, 5);
    assertTheBystanderIsStillServed();
  }

  @Test
  void aHeaderListOverTheAnnouncedLimit_isAnswered431_andAnHpackBombToo_withoutExpandingIt() throws Exception {
    try (RawH2Connection attacker = attacker()) {
      attacker.headers(1, add(validRequest(), "x-padding", "x".repeat(9000)), false).data(1, BODY, true);
      attacker.headers(3, validRequest(), false).data(3, BODY, true);
      // The HPACK bomb: one 4000-byte header put in the dynamic table, then named 1000 times by its
      // one-byte index: 5 KB on the wire that would decode to 4 MB of headers. Sent last, as it
      // leaves the server's table out of step with this client's encoder.
      ByteArrayOutputStream bomb = new ByteArrayOutputStream();
      bomb.writeBytes(attacker.encode(validRequest()));
      bomb.writeBytes(literalWithIncrementalIndexing("x-bomb", "y".repeat(4000)));
      for (int i = 0; i < 1000; i++) {
        bomb.write(0x80 | 62); // indexed field: the newest dynamic table entry
      }
      attacker.headerBlock(5, bomb.toByteArray(), false).data(5, BODY, true).flush();

      assertAnswered(attacker, 1, "431");
      assertAnswered(attacker, 3, "200");
      assertAnswered(attacker, 5, "431");
    }
    assertThat(journaled(ApnsService.STREAM_REJECTED_EVENT)).extracting(event -> event.get("stream"), event -> event.get("why"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "a header list over the 8192 bytes of SETTINGS_MAX_HEADER_LIST_SIZE: answered 431"),
            org.assertj.core.groups.Tuple.tuple(5, "a header list over the 8192 bytes of SETTINGS_MAX_HEADER_LIST_SIZE: answered 431"));
    assertTheBystanderIsStillServed();
  }

  @Test
  void aHeaderBlockFarOverTheLimit_endsTheConnectionWithGoAway() throws Exception {
    Frame goAway;
    try (RawH2Connection attacker = attacker()) {
      attacker.headers(1, add(validRequest(), "x-padding", "x".repeat(15_000)), false).flush();

      goAway = attacker.awaitGoAway();
    }
    assertConnectionError(goAway, PROTOCOL_ERROR, "PROTOCOL_ERROR", "Header size exceeded max allowed size (10240)");
    assertTheBystanderIsStillServed();
  }

  @Test
  void moreDataThanTheContentLengthAnnounced_resetsTheStream() throws Exception {
    try (RawH2Connection attacker = attacker()) {
      attacker.headers(1, add(validRequest(), "content-length", "3"), false).data(1, BODY, true);
      attacker.headers(3, validRequest(), false).data(3, BODY, true).flush();

      Frame reset = attacker.await(frame -> frame.isReset(1));
      assertThat(reset.errorCode()).isEqualTo(PROTOCOL_ERROR);
      assertAnswered(attacker, 3, "200");
    }
    assertThat(journaled(ApnsService.STREAM_REJECTED_EVENT)).singleElement()
        .satisfies(event -> assertThat(event.get("why")).isEqualTo("Received amount of data " + BODY.length + " does not match content-length header 3"));
    assertTheBystanderIsStillServed();
  }

  @Test
  void aDataFrameLargerThanSettingsMaxFrameSize_isAFrameSizeError() throws Exception {
    Frame goAway;
    try (RawH2Connection attacker = attacker()) {
      attacker.headers(1, validRequest(), false).data(1, new byte[20_000], true).flush();

      goAway = attacker.awaitGoAway();
    }
    assertConnectionError(goAway, FRAME_SIZE_ERROR, "FRAME_SIZE_ERROR", "Frame length: 20000 exceeds maximum: 16384");
    assertTheBystanderIsStillServed();
  }

  @Test
  void rapidReset_cve202344487_isGoAwayEnhanceYourCalm_butAFewCancelledStreamsAreFine() throws Exception {
    try (RawH2Connection polite = attacker()) {
      for (int stream = 1; stream < 200; stream += 2) {
        polite.headers(stream, validRequest(), false).rstStream(stream, RawH2Connection.CANCEL);
      }
      polite.headers(201, validRequest(), false).data(201, BODY, true).flush();
      assertAnswered(polite, 201, "200");
    }

    Frame goAway;
    try (RawH2Connection attacker = attacker()) {
      for (int stream = 1; stream < 2 * ApnsChannelInitializer.MAX_RST_FRAMES_PER_WINDOW + 100; stream += 2) {
        attacker.headers(stream, validRequest(), false).rstStream(stream, RawH2Connection.CANCEL);
      }
      attacker.flush();

      goAway = attacker.awaitGoAway();
    }
    assertConnectionError(goAway, ENHANCE_YOUR_CALM, "ENHANCE_YOUR_CALM", "Maximum number of RST frames reached");
    assertThat(journaled(ApnsService.REQUEST_EVENT)).as("only the polite provider's request was judged").hasSize(1);
    assertTheBystanderIsStillServed();
  }

  @Test
  void aPingAndSettingsFlood_fromAClientThatDoesNotRead_isCutOffWithEnhanceYourCalm() throws Exception {
    try (RawH2Connection attacker = RawH2Connection.open(port(), pushsim.simulator().ca().certificate(), 4096)) {
      try {
        // Each PING and SETTINGS frame asks for an acknowledgement that this client never reads. The
        // server's socket buffer takes the first few hundred thousand; the queue behind it is capped.
        for (int i = 0; i < 5_000_000; i++) {
          if (i % 2 == 0) {
            attacker.ping(i);
          } else {
            attacker.frame(RawH2Connection.SETTINGS, 0, 0, new byte[0]);
          }
        }
        attacker.flush();
      } catch (UncheckedIOException cutOff) {
        // the server closed the connection mid-flood
      }
      attacker.awaitClose(Duration.ofSeconds(30));
    }
    assertThat(closedConnection().get("why"))
        .isEqualTo("HTTP/2 ENHANCE_YOUR_CALM: Maximum number " + ApnsChannelInitializer.MAX_QUEUED_CONTROL_FRAMES + " of outstanding control frames reached");
    assertTheBystanderIsStillServed();
  }

  @Test
  void aPing_isAcknowledgedWithItsData() {
    try (RawH2Connection client = attacker()) {
      client.ping(0x1234_5678_9abcL).flush();
      Frame ack = client.await(frame -> frame.type() == RawH2Connection.PING && (frame.flags() & RawH2Connection.ACK) != 0);
      assertThat(java.nio.ByteBuffer.wrap(ack.payload()).getLong()).isEqualTo(0x1234_5678_9abcL);
    }
  }

  @Test
  void moreStreamsThanMaxConcurrentStreams_areRefused_andTheOpenOnesStillAnswered() throws Exception {
    long limit = pushsim.simulator().sandbox().service().settings().maxConcurrentStreams();
    try (RawH2Connection attacker = attacker()) {
      int stream = 1;
      for (int i = 0; i <= limit; i++, stream += 2) {
        attacker.headers(stream, validRequest(), false);
      }
      int refused = stream - 2;
      attacker.data(1, BODY, true).flush();

      Frame reset = attacker.await(frame -> frame.isReset(refused));
      assertThat(reset.errorCode()).isEqualTo(REFUSED_STREAM);
      assertAnswered(attacker, 1, "200");
    }
    assertThat(journaled(ApnsService.STREAM_REJECTED_EVENT)).singleElement().satisfies(event -> {
      assertThat(event.get("error")).isEqualTo("REFUSED_STREAM");
      assertThat(event.get("why")).isEqualTo("more streams open than SETTINGS_MAX_CONCURRENT_STREAMS allows");
    });
    assertTheBystanderIsStillServed();
  }

  @Test
  void aConnectionThatSendsNothing_afterTheHandshake_getsGoAwayIdleTimeout() throws Exception {
    try (RawH2Connection silent = attacker()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !journaled(ApnsService.CONNECTION_OPENED_EVENT).isEmpty());
      pushsim.simulator().advance(pushsim.simulator().sandbox().service().settings().idleTimeout());

      Frame goAway = silent.awaitGoAway();
      assertThat(goAway.errorCode()).isEqualTo(NO_ERROR);
      assertThat(goAway.debugData()).isEqualTo("{\"reason\":\"IdleTimeout\"}");
    }
    // The server closes its side after the GOAWAY, and journals that a moment after the client saw it.
    assertThat(closedConnection().get("why")).isEqualTo("GOAWAY IdleTimeout");
  }

  @Test
  void aSocketThatNeverStartsTls_isClosedAtTheHandshakeTimeout() throws Exception {
    ApnsServer impatient = ApnsServer.builder(pushsim.simulator().sandbox().service())
        .tls(pushsim.simulator().ca().serverCredentials())
        .handshakeTimeout(Duration.ofMillis(300))
        .build();
    try (impatient) {
      impatient.start().get(10, TimeUnit.SECONDS);
      try (Socket silent = new Socket("127.0.0.1", impatient.port())) {
        silent.setSoTimeout(10_000);
        long start = System.nanoTime();
        assertThat(silent.getInputStream().read()).as("the server closed the socket").isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      }
    }
    assertThat(journaled(ApnsService.CONNECTION_REJECTED_EVENT)).singleElement()
        .satisfies(event -> assertThat(event.get("why").toString()).contains("handshake timed out after 300ms"));
    assertTheBystanderIsStillServed();
  }

  @Test
  void anH2cClientOnTheTlsPort_isRefusedAtTheTlsHandshake() throws Exception {
    String error = Curl.request("http://localhost:" + port() + "/3/device/" + provider.sandboxToken().hex())
        .options("--http2-prior-knowledge").header("authorization", provider.bearer()).body("{}").sendExpectingFailure();
    assertThat(error).isNotBlank();
    await().atMost(Duration.ofSeconds(10)).until(() -> !journaled(ApnsService.CONNECTION_REJECTED_EVENT).isEmpty());
    assertThat(journaled(ApnsService.CONNECTION_REJECTED_EVENT).get(0).get("why").toString()).contains("SSL");
    assertTheBystanderIsStillServed();
  }

  @Test
  void http11OverTlsWithoutAlpn_isAProtocolError_seenAsHttp2() throws Exception {
    // Without ALPN the server assumes h2, as Apple's does for providers that skip it.
    String error = provider.curl(provider.sandboxToken()).options("--http1.1", "--no-alpn").header("authorization", provider.bearer())
        .body("{}").sendExpectingFailure();
    assertThat(error).isNotBlank();
    assertThat(closedConnection().get("why").toString()).startsWith("HTTP/2 PROTOCOL_ERROR: Unexpected HTTP/1.x request: POST /3/device/");
    assertThat(journaled(ApnsService.REQUEST_EVENT)).isEmpty();
    assertTheBystanderIsStillServed();
  }

  private static List<String[]> add(List<String[]> headers, String name, String value) {
    List<String[]> changed = new ArrayList<>(headers);
    changed.add(new String[] {name, value});
    return changed;
  }

  private static List<String[]> remove(List<String[]> headers, String name) {
    List<String[]> changed = new ArrayList<>(headers);
    changed.removeIf(header -> header[0].equals(name));
    return changed;
  }

  private static List<String[]> replace(List<String[]> headers, String name, String value) {
    List<String[]> changed = new ArrayList<>();
    for (String[] header : headers) {
      changed.add(header[0].equals(name) ? new String[] {name, value} : header);
    }
    return changed;
  }

  /** HPACK "literal header field with incremental indexing, new name" (RFC 7541, 6.2.1), no Huffman. */
  private static byte[] literalWithIncrementalIndexing(String name, String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x40);
    writeString(out, name);
    writeString(out, value);
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    int length = bytes.length;
    if (length < 127) {
      out.write(length);
    } else {
      out.write(127);
      int rest = length - 127;
      while (rest >= 128) {
        out.write((rest & 0x7f) | 0x80);
        rest >>>= 7;
      }
      out.write(rest);
    }
    out.writeBytes(bytes);
  }
}
