package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import dev.pushsim.push.Reason;
import dev.pushsim.testing.H2Client;
import dev.pushsim.testing.PushRequest;
import dev.pushsim.testing.TestProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults that send no answer (stream reset, stall) and faults aimed at one environment, seen by
 * a real HTTP/2 client on Netty's codec over TLS; the journal keeps every exchange.
 */
class FaultEffectsTest {

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;
  TestProvider provider;
  H2Client sandbox;

  @BeforeEach
  void connect() throws Exception {
    provider = TestProvider.in(pushsim.simulator(), dir);
    sandbox = connect(Environment.SANDBOX);
  }

  @AfterEach
  void close() {
    sandbox.close();
  }

  private H2Client connect(Environment environment) throws Exception {
    return H2Client.connect("localhost", pushsim.simulator().server(environment).port(),
        pushsim.simulator().ca().certificate());
  }

  private static int status(PushRequest request, H2Client client) throws Exception {
    return request.sendWith(client).get(10, TimeUnit.SECONDS).status();
  }

  private List<JournalEvent> requests() {
    return pushsim.simulator().journal().find(EventPattern.type(ApnsService.REQUEST_EVENT));
  }

  @Test
  void aProductionOnly503_leavesSandboxAnswering200() throws Exception {
    pushsim.simulator().faults().only(Environment.PRODUCTION).respondWith(Reason.SERVICE_UNAVAILABLE, 1);
    PushRequest toProduction = provider.alert(provider.token(Channel.APNS, Environment.PRODUCTION));

    assertThat(status(provider.alert(provider.sandboxToken()), sandbox)).isEqualTo(200);
    try (H2Client production = connect(Environment.PRODUCTION)) {
      assertThat(status(toProduction, production)).isEqualTo(503);
      assertThat(status(toProduction, production)).as("used up by one production request").isEqualTo(200);
    }
    assertThat(requests()).extracting(event -> event.get("status")).containsExactly(200, 503, 200);
  }

  @Test
  void resetStream_resetsThatStreamOnly_andTheJournalSaysSo() throws Exception {
    assertThat(status(provider.alert(provider.sandboxToken()), sandbox)).isEqualTo(200);
    pushsim.simulator().faults().resetStream("INTERNAL_ERROR", 1);

    CompletableFuture<H2Client.Response> reset = provider.alert(provider.sandboxToken()).sendWith(sandbox);

    assertThatThrownBy(() -> reset.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(H2Client.Reset.class).hasMessageEndingWith("HTTP/2 error 2");
    assertThat(status(provider.alert(provider.sandboxToken()), sandbox)).as("same connection").isEqualTo(200);
    assertThat(sandbox.goAway()).isNotDone();
    JournalEvent journaled = requests().get(1);
    assertThat(journaled.get("status")).isNull();
    assertThat(journaled.get("effect")).isEqualTo("reset");
    assertThat(journaled.get("judged")).as("the status it was judged").isEqualTo(200);
    assertThat(journaled.get("detail")).isEqualTo("stream reset with INTERNAL_ERROR by an injected fault");
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.STREAM_REJECTED_EVENT)))
        .as("journaled once, with its request").isEmpty();
  }

  @Test
  void stall_neverAnswers_otherStreamsGoOn_andTheCloseFreesIt() throws Exception {
    assertThat(status(provider.alert(provider.sandboxToken()), sandbox)).isEqualTo(200);
    pushsim.simulator().faults().stall(1);

    CompletableFuture<H2Client.Response> stalled = provider.alert(provider.sandboxToken()).sendWith(sandbox);
    assertThat(status(provider.alert(provider.sandboxToken()), sandbox)).as("served while one stalls").isEqualTo(200);

    // The client gives up as a provider's request timeout would; no answer came in the meantime.
    assertThatThrownBy(() -> stalled.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    assertThat(requests()).extracting(event -> event.get("effect")).containsExactly(null, "stalled", null);
    assertThat(requests().get(1).get("detail")).isEqualTo("stalled by an injected fault: never answered");

    sandbox.close();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        !pushsim.simulator().journal().find(EventPattern.type(ApnsService.CONNECTION_CLOSED_EVENT)).isEmpty());
    assertThat(pushsim.simulator().journal().find(EventPattern.type(ApnsService.CONNECTION_CLOSED_EVENT)))
        .singleElement().satisfies(event -> assertThat(event.get("stalled")).isEqualTo(1));
  }
}
