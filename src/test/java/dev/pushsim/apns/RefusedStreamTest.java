package dev.pushsim.apns;

import static dev.pushsim.testing.RawH2Connection.GOAWAY;
import static dev.pushsim.testing.RawH2Connection.HEADERS;
import static dev.pushsim.testing.RawH2Connection.REFUSED_STREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.journal.EventPattern;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.testing.PushRequest;
import dev.pushsim.testing.RawH2Connection.Frame;
import dev.pushsim.testing.RawH2Connection;
import dev.pushsim.testing.TestProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client may open streams before it has read the server's SETTINGS (RFC 9113 §5.1.2): the ones
 * over the limit are reset with REFUSED_STREAM, their DATA is discarded, and the connection lives on.
 */
class RefusedStreamTest {

  private static final byte[] BODY = "{\"aps\":{\"alert\":\"Hello\"}}".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  TestProvider provider;

  @BeforeEach
  void setUp() {
    provider = TestProvider.in(pushsim.simulator(), dir);
  }

  private RawH2Connection connect() {
    return RawH2Connection.open(pushsim.simulator().sandbox().port(), pushsim.simulator().ca().certificate());
  }

  private List<String[]> validRequest() {
    PushRequest push = provider.alert(provider.sandboxToken());
    return RawH2Connection.request(push.path(), push.headerList());
  }

  @Test
  void dataOnARefusedStream_isDiscarded_andTheConnectionServesOn() {
    pushsim.simulator().faults().maxConcurrentStreams(1);
    try (RawH2Connection client = connect()) {
      client.headers(1, validRequest(), false).headers(3, validRequest(), false)
          .data(1, BODY, true).data(3, BODY, true).flush();
      List<Frame> frames = new ArrayList<>();
      Frame answer = client.await(frame -> frames.add(frame) && frame.type() == HEADERS && frame.streamId() == 1);
      assertThat(answer).as("stream 1 answered; frames so far %s", frames).isNotNull();
      assertThat(answer.status()).isEqualTo("200");
      Frame refused = frames.stream().filter(frame -> frame.isReset(3)).findFirst()
          .orElseGet(() -> client.await(frame -> frames.add(frame) && frame.isReset(3)));
      assertThat(refused).as("stream 3 reset; frames %s", frames).isNotNull();
      assertThat(refused.errorCode()).isEqualTo(REFUSED_STREAM);

      // The refused stream's DATA is gone without a trace: the next stream is answered on the same connection.
      client.headers(5, validRequest(), false).data(5, BODY, true).flush();
      Frame next = client.await(frame -> frames.add(frame) && (frame.type() == GOAWAY
          || frame.type() == HEADERS && frame.streamId() == 5));
      assertThat(next).as("frames %s", frames).isNotNull();
      assertThat(next.type()).as("no GOAWAY: %s", next).isEqualTo(HEADERS);
      assertThat(next.status()).isEqualTo("200");
    }
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.STREAM_REJECTED_EVENT)))
        .singleElement().satisfies(event -> assertThat(event.get("error")).isEqualTo("REFUSED_STREAM"));
  }
}
