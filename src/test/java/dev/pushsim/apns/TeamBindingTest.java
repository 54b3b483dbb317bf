package dev.pushsim.apns;

import static dev.pushsim.testing.RawH2Connection.DATA;
import static dev.pushsim.testing.RawH2Connection.HEADERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.testing.PushRequest;
import dev.pushsim.testing.RawH2Connection.Frame;
import dev.pushsim.testing.RawH2Connection;
import dev.pushsim.testing.TestProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token-auth connection is bound to the team of its first valid provider token (Apple, February
 * 2025 key scoping news): a later token of another team on it is refused, while the first team's
 * tokens go on being served.
 */
class TeamBindingTest {

  private static final byte[] BODY = "{\"aps\":{\"alert\":\"Hello\"}}".getBytes(StandardCharsets.UTF_8);
  private static final String OTHER_TEAM = "OTHERTEAM1";

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  TestProvider provider;
  SigningKey otherTeamsKey;

  @BeforeEach
  void setUp() {
    provider = TestProvider.in(pushsim.simulator(), dir);
    otherTeamsKey = SigningKey.generate(OTHER_TEAM);
    pushsim.simulator().team(OTHER_TEAM).addKey(otherTeamsKey).addBundleId("com.example.other");
  }

  private static void send(RawH2Connection connection, int stream, PushRequest push) {
    connection.headers(stream, RawH2Connection.request(push.path(), push.headerList()), false)
        .data(stream, BODY, true).flush();
  }

  /** The status and body of the answer on {@code stream}. */
  private static String answer(RawH2Connection connection, int stream) {
    Frame headers = connection.await(frame -> frame.type() == HEADERS && frame.streamId() == stream);
    assertThat(headers).as("an answer on stream %d", stream).isNotNull();
    if ((headers.flags() & RawH2Connection.END_STREAM) != 0) {
      return headers.status();
    }
    Frame body = connection.await(frame -> frame.type() == DATA && frame.streamId() == stream);
    return headers.status() + " " + new String(body.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void aTokenOfAnotherTeam_onABoundConnection_isUnrelatedKeyIdInToken_andTheFirstTeamIsServedOn() {
    try (RawH2Connection connection = RawH2Connection.open(pushsim.simulator().sandbox().port(),
        pushsim.simulator().ca().certificate())) {
      send(connection, 1, provider.alert(provider.sandboxToken()));
      assertThat(answer(connection, 1)).isEqualTo("200");

      String otherTeamsBearer = provider.bearer(otherTeamsKey);
      send(connection, 3, provider.alert(provider.sandboxToken()).header("authorization", otherTeamsBearer));
      assertThat(answer(connection, 3)).isEqualTo("403 {\"reason\":\"UnrelatedKeyIdInToken\"}");

      send(connection, 5, provider.alert(provider.sandboxToken()));
      assertThat(answer(connection, 5)).as("still bound to the first team").isEqualTo("200");
    }
    List<JournalEvent> refused = pushsim.simulator().journal()
        .find(EventPattern.type(ApnsService.REQUEST_EVENT).with("status", 403));
    assertThat(refused).singleElement().satisfies(event -> assertThat(String.valueOf(event.get("detail")))
        .isEqualTo("token of team " + OTHER_TEAM + " (key " + otherTeamsKey.keyId() + ") on a connection bound to team "
            + TestProvider.TEAM_ID + " by its first token (key " + provider.key.keyId()
            + "); one connection carries one team's tokens: open another"));
  }
}
