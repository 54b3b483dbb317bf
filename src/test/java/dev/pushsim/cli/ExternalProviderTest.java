package dev.pushsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's worked example, for real: a provider written in Node.js with {@code @parse/node-apn}
 * (not Pushy) runs as its own process, and {@code pushsim test --provider} drives it through the
 * HTTP adapter of a provider file. The bundled provider and client features pass against it, the
 * scenarios it cannot take part in are skipped with the reason, and each deliberate bug makes the
 * matching scenario fail with a message that names it.
 */
class ExternalProviderTest {

  private static final Path EXAMPLE = Path.of("src", "examples", "node-provider");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path installed;
  @TempDir Path work;

  /** Installs the example's one dependency from the npm registry, as its README says. */
  @BeforeAll
  static void installTheExample() throws Exception {
    Tools.require(Tools.onPath("node") && Tools.onPath("npm"), "node and npm are needed to run the Node.js example provider");
    for (String file : List.of("provider.js", "package.json", "package-lock.json")) {
      Files.copy(EXAMPLE.resolve(file), installed.resolve(file));
    }
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error").directory(installed.toFile())
        .redirectErrorStream(true).redirectOutput(installed.resolve("npm.log").toFile()).start();
    assertThat(npm.waitFor(180, TimeUnit.SECONDS)).as("npm ci finished").isTrue();
    assertThat(npm.exitValue()).as("npm ci: %s", Files.readString(installed.resolve("npm.log"))).isZero();
  }

  @Test
  void theBundledProviderAndClientFeatures_passAgainstANodeApnProvider_runningWhatItsCapabilitiesCover()
      throws Exception {
    // No --tags: the example declares voip-only, so the run itself leaves out Sinch's alert fallback.
    Run run = runFeatures("", "features/provider", "features/client");

    assertThat(run.exitCode).as("pushsim test's exit code; output:%n%s", run.output).isZero();
    assertThat(run.failed()).isEmpty();
    assertThat(run.passed()).contains(
        "A call is a VoIP push to <bundle id>.voip at priority 10 that expires at once",
        "The provider keeps its connection to APNs",
        "A production-signed app is pushed through the production APNs",
        "The provider stops pushing to a token that answered 410",
        "VoIP pushes go only to users who are offline (Tencent IM)",
        "The token is held until the user logs in, then registered",
        "Logging out unregisters the token, and calls stop",
        "An SDK configured for production in a development build makes calls fail");
    assertThat(run.skipped()).as("the clock scenarios, Sinch's alerts that a voip-only provider does not send, and"
            + " Tencent's certificate IDs it does not map").hasSize(13)
        .allSatisfy(name -> assertThat(name).containsAnyOf("is retried with backoff", "is never retried",
            "renews its provider token", "Sinch's display-name alert", "display name", "certificate ID"));
    assertThat(run.report).contains("Skipped: the scenario moves PushSim's virtual clock and expects the provider to act on it");
    assertThat(run.output)
        .contains("13 scenario(s) not run against node-apn example provider: 7 because it does not declare a capability,"
            + " 6 because it runs on its own clock")
        .contains("Not applicable: node-apn example provider does not declare the capability sinch-display-name-alert");
  }

  @Test
  void aProviderDeclaringEveryCapability_runsTheSinchScenario_andFailsItWhenItSendsNoAlert() throws Exception {
    Run run = runFeatures("", List.of("voip-only-for-offline-users", "alerts", "sinch-display-name-alert"),
        "--name", "^A user with no VoIP", "features/provider");

    assertThat(run.exitCode).as("pushsim test's exit code; output:%n%s", run.output).isEqualTo(1);
    assertThat(run.failed()).containsExactly("A user with no VoIP token gets the call as Sinch's display-name alert");
    assertThat(run.output).doesNotContain("not run against");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      wrong-topic             | ^A call is a VoIP push              | Expected "Bob's iPhone" to ring       | reason=InvalidPushType
      expiration              | ^A call is a VoIP push              | apns-expiration 0                     | apns-expiration=
      ignore-410              | ^The provider stops pushing         | Expected 1 push(es) from the provider | but it sent 2
      new-connection-per-call | ^The provider keeps its connection  | Expected 1 APNs connection(s)         | but it opened 3
      ignore-presence         | ^VoIP pushes go only to users       | Expected 0 push(es) from the provider | but it sent 1
      """)
  void aDeliberatelyBrokenProvider_failsTheMatchingScenario_sayingWhatWasWrong(String bug, String scenario, String expected, String actual)
      throws Exception {
    Run run = runFeatures(bug, "--name", scenario, "features/provider");

    assertThat(run.exitCode).as("pushsim test's exit code; output:%n%s", run.output).isEqualTo(1);
    assertThat(run.failed()).hasSize(1);
    assertThat(run.errors()).singleElement().asString().contains(expected).contains(actual);
  }

  /** What one {@code pushsim test --provider} run came to. */
  private record Run(int exitCode, String output, String report, JsonNode json) {

    List<String> withStatus(String wanted) {
      List<String> names = new ArrayList<>();
      for (JsonNode feature : json) {
        for (JsonNode element : feature.get("elements")) {
          if (!"scenario".equals(element.path("type").asText())) {
            continue;
          }
          String status = "passed";
          for (JsonNode step : iterable(element, "before", "steps", "after")) {
            String result = step.path("result").path("status").asText();
            if (!result.equals("passed")) {
              status = result;
              break;
            }
          }
          if (status.equals(wanted)) {
            names.add(element.get("name").asText());
          }
        }
      }
      return names;
    }

    List<String> passed() {
      return withStatus("passed");
    }

    List<String> failed() {
      return withStatus("failed");
    }

    List<String> skipped() {
      return withStatus("skipped");
    }

    List<String> errors() {
      List<String> errors = new ArrayList<>();
      for (JsonNode feature : json) {
        for (JsonNode element : feature.get("elements")) {
          for (JsonNode step : iterable(element, "before", "steps", "after")) {
            String message = step.path("result").path("error_message").asText(null);
            if (message != null && "failed".equals(step.path("result").path("status").asText())) {
              errors.add(message);
            }
          }
        }
      }
      return errors;
    }

    private static List<JsonNode> iterable(JsonNode element, String... fields) {
      List<JsonNode> all = new ArrayList<>();
      for (String field : fields) {
        element.path(field).forEach(all::add);
      }
      return all;
    }
  }

  /**
   * Writes the example's provider file with {@code bugs} switched on and runs {@code pushsim test}
   * against it: PushSim starts the provider on free ports (its lifecycle section), waits for its
   * health check, runs the features and stops it.
   */
  private Run runFeatures(String bugs, String... features) throws Exception {
    return runFeatures(bugs, null, features);
  }

  /** As above, with {@code capabilities} declared instead of the example's own, when not null. */
  private Run runFeatures(String bugs, List<String> capabilities, String... features) throws Exception {
    Path providerFile = work.resolve("provider.yaml");
    String yaml = Files.readString(EXAMPLE.resolve("provider.yaml"))
        .replace("start: [node, provider.js]", "start: [node, '" + installed.resolve("provider.js") + "']")
        .replace("  ready:\n", "  environment: {PROVIDER_BUGS: '" + bugs + "'}\n  ready:\n");
    if (capabilities != null) {
      String declared = "capabilities: [" + String.join(", ", capabilities) + "]";
      yaml = yaml.replaceFirst("(?s)capabilities:.*?\n(?=lifecycle:)", declared + "\n");
      assertThat(yaml).contains(declared).doesNotContain("- voip-only");
    }
    assertThat(yaml).contains("PROVIDER_BUGS").contains("sandboxPort: 0");
    Files.writeString(providerFile, yaml);

    Path reports = work.resolve("report");
    List<String> args = new ArrayList<>(List.of("test", "--provider", providerFile.toString(), "--report-dir", reports.toString()));
    args.addAll(List.of(features));
    var captured = new java.io.ByteArrayOutputStream();
    var original = System.out;
    int exitCode;
    System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      exitCode = PushSimCommand.run(args.toArray(String[]::new));
    } finally {
      System.setOut(original);
    }
    Path log = work.resolve("pushsim-data").resolve("provider.log");
    String output = captured.toString(java.nio.charset.StandardCharsets.UTF_8) + "\nprovider log:\n" + Files.readString(log);
    String report = Files.readString(reports.resolve("report.json"));
    return new Run(exitCode, output, report, JSON.readTree(report));
  }
}
