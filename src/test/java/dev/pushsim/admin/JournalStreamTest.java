package dev.pushsim.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.journal.EventDraft;
import dev.pushsim.journal.Journal;
import dev.pushsim.world.Simulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The journal as server-sent events: backlog after a cursor, then live, resumable, and never a brake on the simulator. */
class JournalStreamTest {

  Simulator sim;
  AdminServer admin;
  final HttpClient http = HttpClient.newHttpClient();
  final List<String> lines = new CopyOnWriteArrayList<>();
  Thread reader;

  @AfterEach
  void stop() {
    if (admin != null) {
      admin.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private void start(int journalCapacity) {
    sim = Simulator.builder().journal(journalCapacity, null).build().start();
    admin = AdminServer.builder(sim).build().start();
  }

  /** Reads the stream's lines into {@link #lines} on the client's own threads. */
  private HttpResponse<Stream<String>> open(String query, String lastEventId) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin.url() + "/admin/journal/stream" + query));
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    return response;
  }

  private List<Long> ids() {
    return lines.stream().filter(line -> line.startsWith("id: ")).map(line -> Long.parseLong(line.substring(4))).toList();
  }

  @Test
  void sendsTheBacklogAfterTheCursor_thenLiveEvents_filtered_withTheirSequenceAsId() throws Exception {
    start(Journal.DEFAULT_CAPACITY);
    sim.addDevice("Alice's iPhone", "17.5");
    sim.addDevice("Bob's iPhone", "17.5");

    HttpResponse<Stream<String>> response = open("?after=0&type=device.*", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids()).containsExactly(1L, 2L));
    sim.journal().record(EventDraft.of("apns.connection.opened"));
    sim.device("Alice's iPhone").goOffline();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids()).containsExactly(1L, 2L, 4L));
    String data = lines.stream().filter(line -> line.startsWith("data: ")).reduce((first, last) -> last).orElseThrow();
    var event = new ObjectMapper().readTree(data.substring(6));
    assertThat(event.path("type").asText()).isEqualTo("device.offline");
    assertThat(event.path("device").asText()).isEqualTo("Alice's iPhone");
    assertThat(lines).contains("retry: 2000");
  }

  @Test
  void aReconnectingClient_resumesAfterItsLastEventId() throws Exception {
    start(Journal.DEFAULT_CAPACITY);
    for (int i = 0; i < 5; i++) {
      sim.journal().record(EventDraft.of("test.event").with("i", i));
    }

    open("", "3");

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids()).containsExactly(4L, 5L));
  }

  @Test
  void aClientThatDoesNotRead_neverSlowsTheJournal_andIsToldWhatItMissed() throws Exception {
    start(100);
    try (Socket socket = new Socket("127.0.0.1", admin.port())) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /admin/journal/stream?after=0 HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      // Far more than the socket buffers hold: the stream's writer blocks, the journal must not.
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        for (int i = 0; i < 300_000; i++) {
          sim.journal().record(EventDraft.of("test.filler").with("i", i).with("padding", "x".repeat(100)));
        }
      });
      assertThat(sim.journal().recorded()).isEqualTo(300_000);

      socket.setSoTimeout(20_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String gap = null;
      for (String line = in.readLine(); line != null && gap == null; line = in.readLine()) {
        if (line.equals("event: gap")) {
          gap = in.readLine();
        }
      }
      assertThat(gap).as("the client learns what it missed").startsWith("data: {\"missed\":");
    }
    assertThat(sim.journal().evicted()).isEqualTo(300_000 - 100);
  }

  @Test
  void closingTheServer_endsOpenStreams() throws Exception {
    start(Journal.DEFAULT_CAPACITY);
    HttpResponse<Stream<String>> response = open("", null);
    await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> admin.close());

    assertThat(response.statusCode()).isEqualTo(200);
    await("the client sees its stream end").atMost(Duration.ofSeconds(10)).until(() -> !reader.isAlive());
    admin = null;
  }

  /** Sends a stream request on a raw socket and answers its status line. */
  private static String requestStream(Socket socket, int port) throws Exception {
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write("GET /admin/journal/stream HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
  }

  @Test
  void concurrentClients_cannotPassTheStreamCap_andAClosedClientFreesItsSlotAtOnce() throws Exception {
    start(Journal.DEFAULT_CAPACITY);
    int clients = JournalStreams.MAX_STREAMS + 8;
    List<Socket> sockets = new java.util.ArrayList<>();
    for (int i = 0; i < clients; i++) {
      sockets.add(new Socket());
    }
    try {
      List<java.util.concurrent.Future<String>> answers;
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
      try {
        answers = pool.invokeAll(sockets.stream()
            .map(socket -> (java.util.concurrent.Callable<String>) () -> requestStream(socket, admin.port())).toList());
      } finally {
        pool.shutdown();
      }
      List<String> statuses = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<String> answer : answers) {
        statuses.add(answer.get());
      }
      assertThat(statuses).filteredOn(line -> line.startsWith("HTTP/1.1 200")).hasSize(JournalStreams.MAX_STREAMS);
      assertThat(statuses).filteredOn(line -> line.startsWith("HTTP/1.1 503")).hasSize(8);
      for (Socket socket : sockets) {
        socket.close();
      }
      // Well inside the 15 s heartbeat: the slots are freed when the connections close.
      long started = System.nanoTime();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        try (Socket again = new Socket()) {
          assertThat(requestStream(again, admin.port())).startsWith("HTTP/1.1 200");
        }
      });
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void aCursorPastTheEnd_meansAfterEverything_andDoesNotOverflowToEventOne() throws Exception {
    start(Journal.DEFAULT_CAPACITY);
    sim.addDevice("Alice's iPhone", "17.5");
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(
        URI.create(admin.url() + "/admin/journal?after=" + Long.MAX_VALUE)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(page.body()).path("events").size()).isZero();
    assertThat(Json.MAPPER.readTree(page.body()).path("next").asLong()).isEqualTo(sim.journal().recorded());

    open("", String.valueOf(Long.MAX_VALUE));
    await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());
    sim.addDevice("Bob's iPhone", "17.5");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids()).containsExactly(sim.journal().recorded()));
  }
}
