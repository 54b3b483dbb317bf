package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.journal.NdjsonFileSink;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.testing.H2Client;
import dev.pushsim.testing.PushRequest;
import dev.pushsim.testing.RawH2Connection;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.world.Simulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ends of a connection: a provider that goes away in the middle of a request or before its
 * answer, and the simulator shutting down while providers send. No answered request is missing from
 * the journal, nor from its NDJSON file.
 */
class DisconnectAndShutdownTest {

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;

  @Test
  void aProviderThatDisconnectsMidBody_keepsItsAnsweredRequestInTheJournal_andTheHalfRequestIsCounted() {
    TestProvider provider = TestProvider.in(pushsim.simulator(), dir);
    PushRequest answered = provider.alert(provider.sandboxToken());
    PushRequest cutOff = provider.alert(provider.sandboxToken());
    try (RawH2Connection connection = RawH2Connection.open(pushsim.simulator().sandbox().port(), pushsim.simulator().ca().certificate())) {
      connection.headers(1, RawH2Connection.request(answered.path(), answered.headerList()), false)
          .data(1, answered.body().getBytes(StandardCharsets.UTF_8), true).flush();
      assertThat(connection.await(frame -> frame.type() == RawH2Connection.HEADERS && frame.streamId() == 1).status()).isEqualTo("200");

      connection.headers(3, RawH2Connection.request(cutOff.path(), cutOff.headerList()), false)
          .data(3, "{\"aps\":{\"al".getBytes(StandardCharsets.UTF_8), false).flush();
    } // the socket closes with stream 3 half sent

    await().atMost(Duration.ofSeconds(10)).until(() -> !journaled(ApnsService.CONNECTION_CLOSED_EVENT).isEmpty());
    assertThat(journaled(ApnsService.CONNECTION_CLOSED_EVENT)).singleElement().satisfies(closed -> {
      assertThat(closed.get("requests")).isEqualTo(1L);
      assertThat(closed.get("unfinished")).as("the request whose body never ended").isEqualTo(1);
    });
    assertThat(journaled(ApnsService.REQUEST_EVENT)).singleElement().satisfies(event -> {
      assertThat(event.get("stream")).isEqualTo(1);
      assertThat(event.get("status")).isEqualTo(200);
    });
  }

  @Test
  void aProviderThatDisconnectsBeforeItsDelayedAnswer_isStillJournaledWithTheAnswerDecided() throws Exception {
    TestProvider provider = TestProvider.in(pushsim.simulator(), dir);
    pushsim.simulator().faults().delay(Duration.ofMillis(500), 1);
    PushRequest push = provider.alert(provider.sandboxToken());
    H2Client client = H2Client.connect("localhost", pushsim.simulator().sandbox().port(), pushsim.simulator().ca().certificate());
    CompletableFuture<H2Client.Response> response = push.sendWith(client);
    await().atMost(Duration.ofSeconds(10)).until(() -> !journaled(ApnsService.REQUEST_EVENT).isEmpty());

    client.close();

    assertThat(response).isCompletedExceptionally();
    assertThat(journaled(ApnsService.REQUEST_EVENT)).singleElement().satisfies(event -> assertThat(event.get("status")).isEqualTo(200));
    await().atMost(Duration.ofSeconds(10)).until(() -> !journaled(ApnsService.CONNECTION_CLOSED_EVENT).isEmpty());
    assertThat(provider.alert(provider.sandboxToken()).sendWithCurl().status()).as("the server goes on").isEqualTo(200);
  }

  @Test
  void shuttingDownUnderLoad_losesNoAnsweredRequest_fromTheJournalOrItsFile() throws Exception {
    Path file = dir.resolve("journal.ndjson");
    Simulator sim = Simulator.builder().journal(100_000, new NdjsonFileSink(file)).build().start();
    TestProvider provider = TestProvider.in(sim, dir);
    Map<String, Integer> answered = new ConcurrentHashMap<>();
    AtomicBoolean sending = new AtomicBoolean(true);
    List<H2Client> clients = new ArrayList<>();
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      H2Client client = H2Client.connect("localhost", sim.sandbox().port(), sim.ca().certificate());
      clients.add(client);
      Thread sender = new Thread(() -> {
        while (sending.get() && client.isOpen()) {
          List<CompletableFuture<?>> batch = new ArrayList<>();
          for (int n = 0; n < 16; n++) {
            PushRequest push = provider.alert(provider.sandboxToken());
            batch.add(push.sendWith(client)
                .thenAccept(response -> answered.put(response.header("apns-id"), response.status())));
          }
          batch.forEach(future -> future.handle((ok, failure) -> null).join());
        }
      }, "sender-" + i);
      senders.add(sender);
      sender.start();
    }
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> answered.size() > 500);
      sim.close(); // while the senders go on sending
    } finally {
      sending.set(false);
      for (Thread sender : senders) {
        sender.join(TimeUnit.SECONDS.toMillis(20));
      }
      clients.forEach(H2Client::close);
      sim.close();
    }
    Map<String, Integer> inFile = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(file);
    for (String line : lines) {
      JsonNode event = json.readTree(line);
      if (ApnsService.REQUEST_EVENT.equals(event.path("type").asText())) {
        inFile.put(event.path("apnsId").asText(), event.path("data").path("status").asInt());
      }
    }
    assertThat(lines).as("every event recorded is in the file").hasSize((int) sim.journal().recorded());
    assertThat(sim.journal().sinkFailures()).isZero();
    assertThat(inFile).as("%d answers, every one in the journal file with its status", answered.size()).containsAllEntriesOf(answered);
    assertThat(clients).allSatisfy(client -> assertThat(client.goAway()).isDone());
  }

  private List<JournalEvent> journaled(String type) {
    return pushsim.simulator().journal().find(EventPattern.type(type));
  }
}
