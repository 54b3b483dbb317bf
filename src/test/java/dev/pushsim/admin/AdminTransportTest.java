package dev.pushsim.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pushsim.testing.AdminClient;
import dev.pushsim.world.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin server over raw sockets: slow clients hold no thread, every oversized or malformed part
 * of a request gets its own status and a JSON sentence, and the server keeps serving after each.
 */
class AdminTransportTest {

  static Simulator sim;
  static AdminServer admin;
  static AdminClient api;

  @BeforeAll
  static void start() {
    sim = Simulator.builder().build().start();
    admin = AdminServer.builder(sim).build().start();
    api = AdminClient.at(admin.url());
  }

  @AfterAll
  static void stop() {
    admin.close();
    sim.close();
  }

  @Test
  void aHundredClientsThatNeverFinishTheirHeaders_doNotDelayHealth() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        Socket socket = connect(admin);
        socket.getOutputStream().write("GET /admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        slow.add(socket);
      }
      long started = System.nanoTime();
      AdminClient.Response health = api.get("/admin/health");
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(health.status()).isEqualTo(200);
      assertThat(took).isLessThan(Duration.ofSeconds(1));
      // Still held open by the server (they have 10 s): the health call really ran alongside them.
      slow.get(0).setSoTimeout(200);
      assertThat(readOrTimeout(slow.get(0).getInputStream())).isEqualTo("timeout");
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  void aMalformedChunkedBody_is400_andTheServerKeepsServing() throws Exception {
    String answer = exchange(admin, "POST /admin/devices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"name\":\"x\"}\r\n0\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
    assertThat(answer).contains("\"error\" : \"The request is not well-formed HTTP/1.1: a chunk size is not a hexadecimal number");
    assertThat(sim.devices()).isEmpty();
    assertThat(api.get("/admin/health").status()).isEqualTo(200);
  }

  @Test
  void aGarbledRequestLine_is400() throws Exception {
    String answer = exchange(admin, "GET /admin/health HTTP/9.x\r\nHost: 127.0.0.1\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("not well-formed HTTP/1.1");
  }

  @Test
  void aLongRequestLine_is414() throws Exception {
    String answer = exchange(admin, "GET /admin/devices/" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 414 Request-URI Too Long\r\n")
        .contains("\"error\" : \"The request line is longer than 8192 bytes.\"");
  }

  @Test
  void largeHeaders_are431() throws Exception {
    String answer = exchange(admin, "GET /admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n")
        .contains("\"error\" : \"The request's headers are larger than 16384 bytes.\"");
  }

  @Test
  void aLargeBody_is413_whetherDeclaredOrChunked() throws Exception {
    String declared = exchange(admin, "POST /admin/devices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 2000000\r\n\r\n{");
    String chunk = Integer.toHexString(600_000) + "\r\n" + "x".repeat(600_000) + "\r\n";
    String chunked = exchange(admin, "POST /admin/devices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "0\r\n\r\n");

    assertThat(declared).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n").contains("larger than 1048576 bytes");
    assertThat(chunked).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n").contains("larger than 1048576 bytes");
    assertThat(api.get("/admin/health").status()).isEqualTo(200);
  }

  @Test
  void aClientTooSlowWithItsHeadersOrBody_isDisconnected() throws Exception {
    try (Simulator quick = Simulator.builder().build().start();
        AdminServer strict = AdminServer.builder(quick).headerTimeout(Duration.ofMillis(300)).bodyTimeout(Duration.ofMillis(300))
            .build().start();
        Socket headers = connect(strict);
        Socket body = connect(strict)) {
      headers.getOutputStream().write("GET /admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      body.getOutputStream().write("POST /admin/devices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          .concat("Content-Length: 40\r\n\r\n{\"name\":").getBytes(StandardCharsets.US_ASCII));
      headers.setSoTimeout(5_000);
      body.setSoTimeout(5_000);

      assertThat(readOrTimeout(headers.getInputStream())).isEmpty();
      assertThat(readOrTimeout(body.getInputStream())).startsWith("HTTP/1.1 408 Request Timeout\r\n")
          .contains("The request's body did not arrive within 300 ms of its headers.");
      assertThat(quick.devices()).isEmpty();
    }
  }

  @Test
  void connectionsBeyondTheCap_are503() throws Exception {
    try (Simulator small = Simulator.builder().build().start();
        AdminServer capped = AdminServer.builder(small).maxConnections(2).build().start();
        Socket first = connect(capped);
        Socket second = connect(capped)) {
      String third = exchange(capped, "GET /admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

      assertThat(third).startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("has 2 connections open");
      first.close();
      // The slot is free once the server has seen the close.
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
          assertThat(exchange(capped, "GET /admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
              .startsWith("HTTP/1.1 200 OK\r\n"));
    }
  }

  private static Socket connect(AdminServer server) throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), server.port());
  }

  /** Sends {@code request} on a new connection and reads until the server closes it (or 5 s pass). */
  static String exchange(AdminServer server, String request) throws IOException {
    try (Socket socket = connect(server)) {
      socket.setSoTimeout(5_000);
      try {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
      } catch (IOException e) {
        // The server may answer and close before a large request is all sent; its answer is still readable.
      }
      return readOrTimeout(socket.getInputStream());
    }
  }

  /** What the server sent until it closed the connection, or "timeout" when it sent nothing and kept it open. */
  private static String readOrTimeout(InputStream in) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[8_192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        read.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      return read.size() == 0 ? "timeout" : read.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      // A reset after the answer: what was read is the answer.
    }
    return read.toString(StandardCharsets.UTF_8);
  }
}
