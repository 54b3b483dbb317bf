package dev.pushsim.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.testing.AdminClient;
import dev.pushsim.world.Simulator;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every admin route that takes a body, sent bodies broken at random (valid ones changed a
 * character, cut short, doubled, wrapped, given unknown fields or wrong types, or plain noise),
 * over real HTTP: the answer is a success or a JSON error with Apple-style precision (a status
 * from the documented set and a one-line sentence), never a 500 or a hang, and the server still
 * answers its health check afterwards.
 */
class AdminBodiesPropertiesTest {

  private static final Set<Integer> DOCUMENTED = Set.of(200, 201, 400, 404, 409, 413);

  private static Simulator sim;
  private static AdminServer admin;
  private static AdminClient api;

  @BeforeContainer
  static void start() {
    sim = Simulator.builder().threads(1).build().start();
    sim.addDevice("Alice's iPhone", "17.5");
    admin = AdminServer.builder(sim).build().start();
    api = AdminClient.at(admin.url());
    assertThat(api.post("/admin/devices/Alice's%20iPhone/apps", "{\"bundleId\":\"com.example.phone\"}").status()).isEqualTo(201);
  }

  @AfterContainer
  static void stop() {
    admin.close();
    sim.close();
  }

  /** A route that takes a body, and a body it accepts. */
  record Route(String method, String path, String validBody) {}

  private static final List<Route> ROUTES = List.of(
      new Route("POST", "/admin/devices", "{\"name\":\"Carol's iPhone\",\"ios\":\"18.1\"}"),
      new Route("PUT", "/admin/devices/Alice's%20iPhone/do-not-disturb", "{\"enabled\":true}"),
      new Route("POST", "/admin/devices/Alice's%20iPhone/apps", "{\"bundleId\":\"com.example.chat\",\"signedFor\":\"production\"}"),
      new Route("PUT", "/admin/devices/Alice's%20iPhone/apps/com.example.phone/behaviour", "{\"behaviour\":\"report after 2s\"}"),
      new Route("POST", "/admin/devices/Alice's%20iPhone/apps/com.example.phone/push?type=alert", "{\"aps\":{\"alert\":\"Hi\"}}"),
      new Route("POST", "/admin/faults", "{\"respondWith\":\"ServiceUnavailable\",\"times\":1}"),
      new Route("POST", "/admin/clock/advance", "{\"by\":\"7s\"}"),
      new Route("POST", "/admin/model", "{\"set\":{\"strikeLimit\":5,\"offlineCap\":\"7d\"}}"));

  @Property(tries = 120)
  void aBrokenBody_getsASuccessOrAPreciseJsonError_andTheServerKeepsServing(@ForAll("routes") Route route, @ForAll("breakages") Breakage breakage) {
    String body = breakage.apply(route.validBody());

    AdminClient.Response response = api.send(route.method(), route.path(), body);

    assertThat(response.status()).as("%s %s with %s: %s", route.method(), route.path(), body, response.body()).isIn(DOCUMENTED);
    if (response.status() >= 400) {
      assertThat(response.header("Content-Type")).isEqualTo("application/json");
      assertThat(response.json().path("status").asInt()).isEqualTo(response.status());
      assertThat(response.error()).as("the error of %s", body).isNotBlank().doesNotContain("\n").doesNotContain("Exception");
    }
    assertThat(api.get("/admin/health").status()).isEqualTo(200);
    sim.faults().clear();
  }

  @Provide
  Arbitrary<Route> routes() {
    return Arbitraries.of(ROUTES);
  }

  /** One way to break a valid body. */
  interface Breakage {
    String apply(String valid);
  }

  /** The valid body with one character replaced, cut short, repeated or wrapped; other JSON; or noise. */
  @Provide
  Arbitrary<Breakage> breakages() {
    Arbitrary<Breakage> replaced = Combinators.combine(Arbitraries.integers().between(0, 80), Arbitraries.chars().all())
        .as((at, c) -> valid -> valid.substring(0, Math.min(at, valid.length())) + c + valid.substring(Math.min(at + 1, valid.length())));
    Arbitrary<Breakage> cut = Arbitraries.integers().between(0, 80).map(at -> valid -> valid.substring(0, Math.min(at, valid.length())));
    Arbitrary<Breakage> wrapped = Arbitraries.of("%s%s", "[%s]", "%s,", "{\"extra\":1,\"v\":%s}", "%s")
        .map(format -> valid -> format.replace("%s", valid));
    Arbitrary<Breakage> otherJson = Arbitraries.of("{}", "[]", "null", "true", "42", "\"text\"", "{\"a\":", "{\"a\":1}}",
        "{\"name\":null}", "{\"enabled\":\"very\"}", "{\"times\":-5,\"respondWith\":\"Nope\"}", "{\"by\":\"-3s\"}",
        "{\"by\":\"forever\"}", "{\"behaviour\":\"dance\"}", "{\"bundleId\":\"\"}", "{\"name\":\"" + "x".repeat(5000) + "\"}",
        "[".repeat(5000)).map(json -> valid -> json);
    Arbitrary<Breakage> noise = Arbitraries.strings().all().ofMaxLength(200).map(text -> valid -> text);
    return Arbitraries.oneOf(replaced, cut, wrapped, otherJson, noise);
  }
}
