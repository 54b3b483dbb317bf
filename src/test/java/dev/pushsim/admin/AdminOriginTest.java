package dev.pushsim.admin;

import static dev.pushsim.admin.AdminTransportTest.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.world.Simulator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests as other web pages send them are refused, with a sentence; the server's own origin and curl are served. */
class AdminOriginTest {

  static Simulator sim;
  static AdminServer admin;

  @BeforeAll
  static void start() {
    sim = Simulator.builder().build().start();
    admin = AdminServer.builder(sim).serverNames(List.of("pushsim")).build().start();
  }

  @AfterAll
  static void stop() {
    admin.close();
    sim.close();
  }

  @Test
  void aHostThisServerDoesNotServe_is421_evenForReading() throws Exception {
    String answer = exchange(admin, get("/admin/devices", "evil.example:" + admin.port()));

    assertThat(answer).startsWith("HTTP/1.1 421 Misdirected Request\r\n")
        .contains("This admin server does not serve 'evil.example'; it answers to an IP address or localhost, pushsim, 127.0.0.1");
    assertThat(exchange(admin, get("/", "evil.example"))).startsWith("HTTP/1.1 421 ");
    assertThat(exchange(admin, "GET /admin/health HTTP/1.1\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ").contains("An HTTP/1.1 request needs a Host header.");
  }

  @Test
  void theNamesItServes_areAnswered() throws Exception {
    for (String host : List.of("127.0.0.1:" + admin.port(), "localhost:" + admin.port(), "pushsim", "[::1]:" + admin.port(),
        "LOCALHOST", "192.0.2.7")) {
      assertThat(exchange(admin, get("/admin/health", host))).as(host).startsWith("HTTP/1.1 200 OK\r\n");
    }
  }

  @Test
  void aStateChangeFromAnotherOrigin_is403() throws Exception {
    String host = "127.0.0.1:" + admin.port();
    String otherPort = exchange(admin, post("/admin/faults", host, "Origin: http://127.0.0.1:1\r\nContent-Type: application/json\r\n",
        "{\"respondWith\":\"ServiceUnavailable\",\"times\":1}"));
    String nullOrigin = exchange(admin, post("/admin/faults", host, "Origin: null\r\nContent-Type: application/json\r\n", "{}"));
    String crossSite = exchange(admin, post("/admin/reset", host, "Sec-Fetch-Site: cross-site\r\n", ""));
    String sameSite = exchange(admin, post("/admin/reset", host, "Sec-Fetch-Site: same-site\r\n", ""));

    assertThat(otherPort).startsWith("HTTP/1.1 403 Forbidden\r\n").contains("POST from the page at http://127.0.0.1:1 is refused");
    assertThat(nullOrigin).startsWith("HTTP/1.1 403 ");
    assertThat(crossSite).startsWith("HTTP/1.1 403 ").contains("POST from a cross-site page is refused");
    assertThat(sameSite).startsWith("HTTP/1.1 403 ");
    assertThat(sim.faults().describe()).isEmpty();
  }

  @Test
  void aStateChangeWithABodyThatIsNotJson_is415() throws Exception {
    String host = "127.0.0.1:" + admin.port();
    String plain = exchange(admin, post("/admin/devices", host, "Content-Type: text/plain\r\n", "{\"name\":\"Eve's iPhone\"}"));
    String form = exchange(admin, post("/admin/devices", host, "Content-Type: application/x-www-form-urlencoded\r\n", "a=b"));
    String untyped = exchange(admin, post("/admin/devices", host, "", "{\"name\":\"Eve's iPhone\"}"));

    assertThat(plain).startsWith("HTTP/1.1 415 Unsupported Media Type\r\n")
        .contains("A POST body must be JSON: send 'Content-Type: application/json' (curl --json), not 'text/plain'.");
    assertThat(form).startsWith("HTTP/1.1 415 ");
    assertThat(untyped).startsWith("HTTP/1.1 415 ").contains("not no Content-Type");
    assertThat(sim.devices()).extracting(device -> device.name()).doesNotContain("Eve's iPhone");
  }

  @Test
  void itsOwnOrigin_andClientsThatAreNoPage_changeState() throws Exception {
    String host = "localhost:" + admin.port();
    String own = exchange(admin, post("/admin/devices", host,
        "Origin: http://" + host + "\r\nSec-Fetch-Site: same-origin\r\nContent-Type: application/json; charset=utf-8\r\n",
        "{\"name\":\"Carol's iPhone\"}"));
    String curl = exchange(admin, post("/admin/reset", "127.0.0.1:" + admin.port(), "", ""));

    assertThat(own).startsWith("HTTP/1.1 201 Created\r\n");
    assertThat(curl).startsWith("HTTP/1.1 200 OK\r\n");
    assertThat(sim.devices()).extracting(device -> device.name()).contains("Carol's iPhone");
  }

  private static String get(String path, String host) {
    return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
  }

  private static String post(String path, String host, String headers, String body) {
    return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n" + headers
        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
  }
}
