package dev.pushsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pushsim.testing.AdminClient;
import dev.pushsim.testing.Tools;
import dev.pushsim.world.Simulator;
import dev.pushsim.world.TokenSecret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a newcomer does: start {@code pushsim serve}, copy the printed curl line, and a phone rings. */
class ServeCommandTest {

  @TempDir Path dir;

  @Test
  void thePrintedCurlLine_ringsAlicesIphone() throws Exception {
    Tools.require(Tools.onPath("curl"), "curl is not installed");
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--sandbox-port", "0", "--production-port", "0", "--admin-port", "0", "--data-dir", dir.toString());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    try (ServeCommand.Running running = serve.start(out)) {
      Simulator sim = running.sim();
      String welcome = printed.toString(StandardCharsets.UTF_8);
      String curl = welcome.substring(welcome.indexOf("  curl -v"), welcome.indexOf("Stop with Ctrl-C")).replace("\\\n", " ").trim();
      assertThat(welcome).contains("trust this CA", "team PUSHSIMDEV   key id", "Alice's iPhone: com.example.voip (development build)", "Bob's iPhone: com.example.voip (production build)");

      Process process = new ProcessBuilder("bash", "-c", curl.replace("curl -v", "curl -s -o /dev/null -w '%{http_code}'"))
          .redirectErrorStream(true).start();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("200");

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Alice's iPhone: callkit.call.shown {app=com.example.voip, caller=Bob"));
      assertThat(sim.device("Alice's iPhone").callKit().ringingCall()).isPresent();
      AdminClient api = AdminClient.at(running.admin().url());
      assertThat(welcome).contains("  dashboard        " + running.admin().url() + "/   (admin API: " + running.admin().url() + "/admin)");
      assertThat(api.get("/admin/devices/Alice's%20iPhone").json().path("ringingCall").path("caller").asText()).isEqualTo("Bob");
      assertThat(api.get("/admin/metrics").body()).contains("pushsim_journal_events_total{type=\"app.installed\"} 2\n");
    }
  }

  @Test
  void aRestartWithTheSameDataDirectory_keepsTokensAndKey_soAStoredTokenAndJwtStillWork() throws Exception {
    Tools.require(Tools.onPath("curl"), "curl is not installed");
    String firstWelcome;
    String storedCurl;
    ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
    try (ServeCommand.Running first = serve().start(new PrintStream(firstOut, true, StandardCharsets.UTF_8))) {
      firstWelcome = firstOut.toString(StandardCharsets.UTF_8);
      storedCurl = firstWelcome.substring(firstWelcome.indexOf("  curl -v"), firstWelcome.indexOf("Stop with Ctrl-C")).replace("\\\n", " ").trim();
    }
    ByteArrayOutputStream secondOut = new ByteArrayOutputStream();
    try (ServeCommand.Running second = serve().start(new PrintStream(secondOut, true, StandardCharsets.UTF_8))) {
      String secondWelcome = secondOut.toString(StandardCharsets.UTF_8);
      assertThat(tokenLinesOf(secondWelcome)).isEqualTo(tokenLinesOf(firstWelcome)).isNotEmpty();
      assertThat(keyLineOf(secondWelcome)).isEqualTo(keyLineOf(firstWelcome));

      // The token and the provider token a provider stored before the restart (on this run's free port): 200.
      String again = storedCurl.replaceAll("https://localhost:\\d+/", "https://localhost:" + second.sim().sandbox().port() + "/");
      Process process = new ProcessBuilder("bash", "-c", again.replace("curl -v", "curl -s -o /dev/null -w '%{http_code}'"))
          .redirectErrorStream(true).start();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("200");
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve(TokenSecret.FILE))).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try (var p8s = Files.list(dir)) {
      for (Path p8 : p8s.filter(file -> file.getFileName().toString().endsWith(".p8")).toList()) {
        assertThat(Files.getPosixFilePermissions(p8)).as(p8.toString())
            .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      }
    }
  }

  private ServeCommand serve() {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--sandbox-port", "0", "--production-port", "0", "--admin-port", "0", "--data-dir", dir.toString());
    return serve;
  }

  private static java.util.List<String> tokenLinesOf(String welcome) {
    return welcome.lines().filter(line -> line.contains("APNs token") || line.contains("VoIP token")).toList();
  }

  private static String keyLineOf(String welcome) {
    return welcome.lines().filter(line -> line.contains("key id")).findFirst().orElseThrow();
  }

  @Test
  void withAVirtualClock_timeMovesOnlyThroughTheAdminApi() throws Exception {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--sandbox-port", "0", "--production-port", "0", "--admin-port", "0", "--clock", "virtual",
        "--admin-token", "s3cret", "--data-dir", dir.toString());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    try (ServeCommand.Running running = serve.start(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      AdminClient api = AdminClient.at(running.admin().url()).withToken("s3cret");
      Instant before = running.sim().clock().now();

      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("bearer token required", "clock            virtual: time stands still until curl -X POST");
      assertThat(api.post("/admin/clock/advance", "{\"by\":\"1h\"}").json().path("now").asText()).isEqualTo(before.plusSeconds(3600).toString());
      assertThat(AdminClient.at(running.admin().url()).get("/admin/clock").status()).isEqualTo(401);
    }
  }

  @Test
  void anAdminApiBeyondLoopbackWithoutAToken_isRefused() {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    CommandLine command = PushSimCommand.commandLine();
    command.setErr(new java.io.PrintWriter(errors, true, StandardCharsets.UTF_8));
    int exit = command.execute("serve", "--sandbox-port", "0", "--production-port", "0", "--admin-host", "0.0.0.0", "--data-dir", dir.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(errors.toString(StandardCharsets.UTF_8)).startsWith("pushsim: Refusing to serve the admin API on 0.0.0.0 without a bearer token");
  }

  @Test
  void badFlags_areAClearErrorWithANonZeroExit() {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    CommandLine command = new CommandLine(new PushSimCommand());
    command.setErr(new java.io.PrintWriter(errors, true, StandardCharsets.UTF_8));

    int exit = command.execute("serve", "--sandbox-port", "many");

    assertThat(exit).isEqualTo(2);
    assertThat(errors.toString(StandardCharsets.UTF_8)).contains("Invalid value for option '--sandbox-port': 'many' is not an int");
  }

  @Test
  void everyCommandHasHelpWithExamples() {
    for (String name : new String[] {"serve", "push", "test", "steps", "cert", "key"}) {
      java.io.StringWriter help = new java.io.StringWriter();
      CommandLine command = new CommandLine(new PushSimCommand());
      command.setOut(new java.io.PrintWriter(help));
      assertThat(command.execute(name, "--help")).isZero();
      assertThat(help.toString()).as("help of %s", name).contains("Usage: pushsim " + name).contains("Examples:");
    }
  }
}
