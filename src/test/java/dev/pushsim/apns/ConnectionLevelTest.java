package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.push.Reason;
import dev.pushsim.testing.Curl;
import dev.pushsim.testing.H2Client;
import dev.pushsim.testing.PushRequest;
import dev.pushsim.testing.TestProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens at the level of a connection: GOAWAY reasons (IdleTimeout, Shutdown), the token
 * rules Apple judges per connection, and the connection faults. Uses a small real HTTP/2 client
 * on Netty's codec, which can see GOAWAY debug data and SETTINGS.
 */
class ConnectionLevelTest {

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  TestProvider provider;
  H2Client client;

  @BeforeEach
  void connect() throws Exception {
    provider = TestProvider.in(pushsim.simulator(), dir);
    client = H2Client.connect("localhost", pushsim.simulator().sandbox().port(), pushsim.simulator().ca().certificate());
  }

  @AfterEach
  void close() {
    client.close();
  }

  private H2Client.Response send(PushRequest request) throws Exception {
    return request.sendWith(client).get(10, TimeUnit.SECONDS);
  }

  @Test
  void idleTimeout_isAGoAwayAfterAnHourWithoutRequests() throws Exception {
    assertThat(send(provider.alert(provider.sandboxToken())).status()).isEqualTo(200);

    pushsim.simulator().advance(Duration.ofMinutes(59));
    assertThat(client.goAway()).isNotDone();
    assertThat(send(provider.alert(provider.sandboxToken())).status()).as("a request restarts the idle hour").isEqualTo(200);

    pushsim.simulator().advance(Duration.ofMinutes(59));
    assertThat(client.isOpen()).isTrue();
    pushsim.simulator().advance(Duration.ofMinutes(2));

    H2Client.GoAway goAway = client.goAway().get(10, TimeUnit.SECONDS);
    assertThat(goAway.debugData()).isEqualTo("{\"reason\":\"IdleTimeout\"}");
    assertThat(goAway.errorCode()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> !client.isOpen());
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.CONNECTION_CLOSED_EVENT).with("why", "GOAWAY IdleTimeout")))
        .hasSize(1);
  }

  @Test
  void shutdown_sendsGoAwayWithReasonShutdown() throws Exception {
    assertThat(send(provider.alert(provider.sandboxToken())).status()).isEqualTo(200);

    pushsim.simulator().sandbox().shutdown();

    H2Client.GoAway goAway = client.goAway().get(10, TimeUnit.SECONDS);
    assertThat(goAway.debugData()).isEqualTo("{\"reason\":\"Shutdown\"}");
    assertThat(goAway.lastStreamId()).isEqualTo(3);
  }

  @Test
  void unrelatedKeyIdInToken_whenALaterTokenNamesAnotherKey() throws Exception {
    SigningKey second = SigningKey.generate(TestProvider.TEAM_ID);
    provider.team.addKey(second);
    assertThat(send(provider.alert(provider.sandboxToken())).status()).isEqualTo(200);

    H2Client.Response response = send(provider.alert(provider.sandboxToken()).header("authorization", provider.bearer(second)));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"reason\":\"UnrelatedKeyIdInToken\"}");
    assertThat(response.header("apns-id")).hasSize(36);
  }

  @Test
  void tooManyProviderTokenUpdates_whenTheTokenChangesWithinTwentyMinutes() throws Exception {
    assertThat(send(provider.alert(provider.sandboxToken())).status()).isEqualTo(200);

    pushsim.simulator().advance(Duration.ofMinutes(19));
    H2Client.Response tooSoon = send(provider.alert(provider.sandboxToken()).header("authorization", provider.bearer(provider.key)));
    assertThat(tooSoon.status()).isEqualTo(429);
    assertThat(tooSoon.body()).isEqualTo("{\"reason\":\"TooManyProviderTokenUpdates\"}");

    pushsim.simulator().advance(Duration.ofMinutes(2));
    assertThat(send(provider.alert(provider.sandboxToken()).header("authorization", provider.bearer(provider.key))).status())
        .as("21 minutes after the first token").isEqualTo(200);
  }

  @Test
  void expiredProviderToken_forAProviderThatNeverRefreshesItsToken() throws Exception {
    String neverRefreshed = provider.bearer(provider.key);
    assertThat(send(provider.alert(provider.sandboxToken()).header("authorization", neverRefreshed)).status()).isEqualTo(200);

    pushsim.simulator().advance(Duration.ofMinutes(40));
    assertThat(send(provider.alert(provider.sandboxToken()).header("authorization", neverRefreshed)).status()).isEqualTo(200);

    pushsim.simulator().advance(Duration.ofMinutes(21));
    H2Client.Response response = send(provider.alert(provider.sandboxToken()).header("authorization", neverRefreshed));
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"reason\":\"ExpiredProviderToken\"}");
  }

  @Test
  void duplicateHeaders_seenByAnHttp2Client() throws Exception {
    H2Client.Response response = send(provider.alert(provider.sandboxToken()).repeatHeader("apns-priority", "10").header("apns-priority", "5"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"reason\":\"DuplicateHeaders\"}");
  }

  @Test
  void goAwayFault_answersThenSendsGoAway() throws Exception {
    pushsim.simulator().faults().goAwayAfter(2, Reason.SERVICE_UNAVAILABLE);

    assertThat(send(provider.alert(provider.sandboxToken())).status()).isEqualTo(200);
    assertThat(client.goAway()).isNotDone();
    assertThat(send(provider.alert(provider.sandboxToken())).status()).isEqualTo(200);

    assertThat(client.goAway().get(10, TimeUnit.SECONDS).debugData()).isEqualTo("{\"reason\":\"ServiceUnavailable\"}");
  }

  @Test
  void dropConnectionFault_closesWithoutAnAnswer_andTheJournalKeepsTheRequest() throws Exception {
    pushsim.simulator().faults().dropConnectionAfter(1);

    var response = provider.alert(provider.sandboxToken()).body("{\"aps\":{}}").sendWith(client);

    await().atMost(Duration.ofSeconds(10)).until(() -> !client.isOpen());
    assertThat(response).isCompletedExceptionally();
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.REQUEST_EVENT)))
        .singleElement()
        .satisfies(event -> {
          assertThat(event.get("status")).isNull();
          assertThat(event.get("detail")).isEqualTo("connection dropped by an injected fault");
        });
  }

  @Test
  void delayFault_holdsTheAnswerBack() throws Exception {
    pushsim.simulator().faults().delay(Duration.ofMillis(300), 1);
    long start = System.nanoTime();
    assertThat(send(provider.alert(provider.sandboxToken())).status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void maxConcurrentStreams_isAnnouncedInSettings_toOpenAndNewConnections() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> !client.settings().isEmpty());
    // Token auth: one stream until the first valid provider token, then the full limit.
    assertThat(client.settings().get(0).settings().maxConcurrentStreams()).isEqualTo(1L);
    assertThat(send(provider.alert(provider.sandboxToken())).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> client.settings().size() >= 2);
    assertThat(client.settings().get(1).settings().maxConcurrentStreams()).isEqualTo(1000L);

    pushsim.simulator().faults().maxConcurrentStreams(1);

    await().atMost(Duration.ofSeconds(10)).until(() -> client.settings().size() >= 3);
    assertThat(client.settings().get(client.settings().size() - 1).settings().maxConcurrentStreams()).isEqualTo(1L);
    try (H2Client second = H2Client.connect("localhost", pushsim.simulator().sandbox().port(), pushsim.simulator().ca().certificate())) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !second.settings().isEmpty());
      assertThat(second.settings().get(0).settings().maxConcurrentStreams()).isEqualTo(1L);
    }
  }

  @Test
  void http11OverTls_isRefusedWith505() {
    Curl.Response response = Curl.request(pushsim.simulator().sandbox().url() + "/3/device/00")
        .trust(provider.caPem)
        .http11()
        .send();
    assertThat(response.status()).isEqualTo(505);
    assertThat(response.body()).contains("HTTP/2 only");
  }

  @Test
  void everyRequestAndConnectionIsJournaled() throws Exception {
    for (int i = 0; i < 5; i++) {
      send(provider.alert(provider.sandboxToken()));
    }
    client.close();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        !pushsim.simulator().journal().find(EventPattern.type(ApnsService.CONNECTION_CLOSED_EVENT)).isEmpty());
    List<String> types = pushsim.simulator().journal().events().stream().map(event -> event.type()).toList();
    assertThat(types).containsExactly(
        ApnsService.CONNECTION_OPENED_EVENT,
        // The first valid token raises the stream limit from 1: a SETTINGS frame, journaled.
        ApnsService.REQUEST_EVENT, ApnsService.STREAM_LIMIT_EVENT,
        ApnsService.REQUEST_EVENT, ApnsService.REQUEST_EVENT, ApnsService.REQUEST_EVENT, ApnsService.REQUEST_EVENT,
        ApnsService.CONNECTION_CLOSED_EVENT);
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.REQUEST_EVENT)))
        .allSatisfy(event -> {
          assertThat(event.get("auth")).isEqualTo("token " + TestProvider.TEAM_ID + "/" + provider.key.keyId());
          assertThat(event.get("headers").toString()).doesNotContain(provider.bearer().substring(30));
        });
  }
}
