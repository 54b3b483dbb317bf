package dev.pushsim.apns;

import static dev.pushsim.testing.RawH2Connection.ACK;
import static dev.pushsim.testing.RawH2Connection.HEADERS;
import static dev.pushsim.testing.RawH2Connection.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.testing.PushRequest;
import dev.pushsim.testing.RawH2Connection.Frame;
import dev.pushsim.testing.RawH2Connection;
import dev.pushsim.testing.TestProvider;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SETTINGS frames APNs is observed to send: one stream on a token-auth connection until a
 * valid provider token, then the full limit; the full limit at once under certificate auth.
 */
class StartupSettingsTest {

  private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
  private static final byte[] BODY = "{\"aps\":{\"alert\":\"Hello\"}}".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  TestProvider provider;

  @BeforeEach
  void setUp() {
    provider = TestProvider.in(pushsim.simulator(), dir);
  }

  @Test
  void aTokenConnection_startsWithOneStream_andGetsAThousandAfterTheFirstValidToken() {
    try (RawH2Connection client = connect()) {
      Frame first = client.await(frame -> frame.type() == SETTINGS && (frame.flags() & ACK) == 0);
      assertThat(maxConcurrentStreams(first)).hasValue(1);

      PushRequest push = provider.alert(provider.sandboxToken());
      client.headers(1, RawH2Connection.request(push.path(), push.headerList()), false).data(1, BODY, true).flush();
      List<Frame> frames = new ArrayList<>();
      client.await(frame -> frames.add(frame) && frame.type() == HEADERS && frame.streamId() == 1);
      Frame raised = frames.stream().filter(frame -> frame.type() == SETTINGS && (frame.flags() & ACK) == 0)
          .findFirst().orElseThrow(() -> new AssertionError("no SETTINGS before the answer: " + frames));
      assertThat(maxConcurrentStreams(raised)).hasValue(1000);
      assertThat(frames.get(frames.size() - 1).status()).isEqualTo("200");
    }
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.STREAM_LIMIT_EVENT)))
        .singleElement().satisfies(event -> {
          assertThat(event.get("maxConcurrentStreams")).isEqualTo(1000L);
          assertThat(event.get("why")).isEqualTo("first valid provider token");
        });
  }

  @Test
  void onceTheStartSettingsAreAcknowledged_aSecondStreamBeforeAValidToken_isRefused() {
    try (RawH2Connection client = connect()) {
      client.await(frame -> frame.type() == SETTINGS && (frame.flags() & ACK) == 0);
      PushRequest push = provider.alert(provider.sandboxToken());
      List<String[]> request = RawH2Connection.request(push.path(), push.headerList());
      client.frame(SETTINGS, ACK, 0, new byte[0])
          .headers(1, request, false).headers(3, request, false).data(1, BODY, true).data(3, BODY, true).flush();
      List<Frame> frames = new ArrayList<>();
      Frame answer = client.await(frame -> frames.add(frame) && frame.type() == HEADERS && frame.streamId() == 1);
      assertThat(answer.status()).isEqualTo("200");
      Frame refused = frames.stream().filter(frame -> frame.isReset(3)).findFirst()
          .orElseGet(() -> client.await(frame -> frames.add(frame) && frame.isReset(3)));
      assertThat(refused).as("stream 3 reset; frames %s", frames).isNotNull();
      assertThat(refused.errorCode()).isEqualTo(RawH2Connection.REFUSED_STREAM);

      // Raised by the valid token on stream 1: two streams at once are now both answered.
      client.headers(5, request, false).headers(7, request, false).data(5, BODY, true).data(7, BODY, true).flush();
      List<Frame> later = new ArrayList<>();
      client.await(frame -> later.add(frame) && later.stream().filter(f -> f.type() == HEADERS).count() == 2);
      assertThat(later).filteredOn(frame -> frame.type() == HEADERS).extracting(Frame::status).containsOnly("200");
      assertThat(later).noneMatch(frame -> frame.type() == RawH2Connection.RST_STREAM);
    }
  }

  @Test
  void anInvalidToken_leavesTheLimitAtOne() {
    try (RawH2Connection client = connect()) {
      client.await(frame -> frame.type() == SETTINGS && (frame.flags() & ACK) == 0);
      PushRequest push = provider.alert(provider.sandboxToken()).header("authorization", "bearer not.a.jwt");
      client.headers(1, RawH2Connection.request(push.path(), push.headerList()), false)
          .data(1, BODY, true).flush();
      List<Frame> frames = new ArrayList<>();
      Frame answer = client.await(frame -> frames.add(frame) && frame.type() == HEADERS && frame.streamId() == 1);
      assertThat(answer.status()).isEqualTo("403");
      assertThat(frames).noneMatch(frame -> frame.type() == SETTINGS && (frame.flags() & ACK) == 0);
    }
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.STREAM_LIMIT_EVENT))).isEmpty();
  }

  @Test
  void aCertificateConnection_startsWithTheFullLimit() {
    try (RawH2Connection client = RawH2Connection.open(pushsim.simulator().sandbox().port(),
        pushsim.simulator().ca().certificate(), provider.certificate(CertificateKind.DEVELOPMENT))) {
      Frame first = client.await(frame -> frame.type() == SETTINGS && (frame.flags() & ACK) == 0);
      assertThat(maxConcurrentStreams(first)).hasValue(1000);
    }
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.CONNECTION_OPENED_EVENT)))
        .singleElement().satisfies(event -> assertThat(event.get("maxConcurrentStreams")).isEqualTo(1000L));
  }

  private RawH2Connection connect() {
    return RawH2Connection.open(pushsim.simulator().sandbox().port(), pushsim.simulator().ca().certificate());
  }

  /** The SETTINGS_MAX_CONCURRENT_STREAMS of a SETTINGS frame (RFC 9113 §6.5.1: 6-byte entries). */
  private static OptionalLong maxConcurrentStreams(Frame settings) {
    assertThat(settings).as("a SETTINGS frame").isNotNull();
    ByteBuffer entries = ByteBuffer.wrap(settings.payload());
    OptionalLong value = OptionalLong.empty();
    while (entries.remaining() >= 6) {
      int id = entries.getShort() & 0xffff;
      long entry = entries.getInt() & 0xffffffffL;
      if (id == SETTINGS_MAX_CONCURRENT_STREAMS) {
        value = OptionalLong.of(entry);
      }
    }
    return value;
  }
}
