package dev.pushsim.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cucumber.core.gherkin.FeatureParserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Feature files with step text a tester could mistype: numbers too large or negative, unknown units
 * and reasons, stray quotes, tables of the wrong shape, words no step knows. Real Cucumber runs
 * them; every step that does not pass is undefined or fails with a message in words (no bare
 * NumberFormatException) that points at its line in the feature file, and nothing hangs.
 */
class StepTextPropertiesTest {

  private static final String PREFIX = """
          Given a team "TEAM123456" with a signing key
          And the app reports calls to CallKit at once
          And a device "Bob's iPhone" with the app installed
      """;

  @Property(tries = 2)
  void mistypedSteps_failWithAClearMessageAtTheirLine(@ForAll("features") List<String> scenarios) throws Exception {
    Path dir = Files.createTempDirectory("step-text");
    Path feature = dir.resolve("fuzzed.feature");
    StringBuilder text = new StringBuilder("Feature: mistyped steps\n");
    for (int i = 0; i < scenarios.size(); i++) {
      text.append("  Scenario: mistake ").append(i).append('\n').append(PREFIX).append(scenarios.get(i)).append('\n');
    }
    Files.writeString(feature, text);
    Path json = dir.resolve("report.json");

    long start = System.nanoTime();
    byte status;
    try {
      status = io.cucumber.core.cli.Main.run(
          new String[] {"--glue", "dev.pushsim.harness", "--plugin", "json:" + json, "--monochrome", feature.toString()},
          Thread.currentThread().getContextClassLoader());
    } catch (FeatureParserException notGherkin) {
      // A line that is no step at all fails the whole file, at its line and column.
      assertThat(notGherkin.getMessage()).contains("fuzzed.feature").containsPattern("\\(\\d+:\\d+\\): expected");
      return;
    }

    assertThat(status).isIn((byte) 0, (byte) 1);
    assertThat(System.nanoTime() - start).as("the run's nanoseconds").isLessThan(120_000_000_000L);
    for (JsonNode scenario : new ObjectMapper().readTree(json.toFile()).get(0).get("elements")) {
      for (JsonNode step : scenario.get("steps")) {
        String result = step.path("result").path("status").asText();
        String where = "fuzzed.feature:" + step.get("line").asInt();
        assertThat(result).as("%s %s", where, step.get("name")).isIn("passed", "failed", "undefined", "skipped");
        if (result.equals("failed")) {
          String message = step.path("result").path("error_message").asText();
          assertThat(message).as("the failure of %s: %s", where, step.get("name").asText())
              .contains(where)
              .doesNotContainPattern("^java\\.lang\\.(NumberFormat|Arithmetic|NullPointer|ClassCast|(Array|String)?IndexOutOfBounds|UnsupportedOperation)Exception")
              .doesNotContain("OutOfMemoryError")
              .doesNotContain("StackOverflowError");
        }
      }
    }
  }

  @Provide
  Arbitrary<List<String>> features() {
    return step().list().ofMinSize(1).ofMaxSize(2).map(steps -> String.join("\n", steps)).list().ofSize(12);
  }

  private Arbitrary<String> step() {
    Arbitrary<String> number = Arbitraries.of("0", "1", "3", "-1", "007", "2147483647", "2147483648", "99999999999", "9223372036854775808", "1e3", "3.5", "");
    Arbitrary<String> unit = Arbitraries.of("seconds", "minutes", "hours", "days", "ms", "second", "fortnights", "");
    Arbitrary<String> word = Arbitraries.of("answered", "declined", "ringing", "delivered", "stored", "dropped", "", "\"quoted\"", "Déjà");
    Arbitrary<String> reason = Arbitraries.of("200", "410 Unregistered", "410 Unregisterd", "999 Whatever", "200 Success", "400", "413 PayloadTooLarge", "403 InvalidProviderToken", "abc");
    Arbitrary<String> anything = Arbitraries.strings().withChars("abc XYZ\"'|{}<>\\é").ofMaxLength(24);
    return Arbitraries.oneOf(
        Combinators.combine(number, unit).as((n, u) -> "    When " + n + " " + u + " pass"),
        number.map(n -> "    When the provider sends " + n + " VoIP pushes to \"Bob's iPhone\""),
        number.map(n -> "    When the provider sends a VoIP push to \"Bob's iPhone\" with a payload of " + n + " bytes"),
        number.map(n -> "    When the provider sends an alert push to \"Bob's iPhone\" with a payload of " + n + " bytes"),
        anything.map(s -> "    When the provider sends an alert push to \"Bob's iPhone\" with payload \"" + s + "\""),
        reason.map(r -> "    Then APNs answers \"" + r + "\""),
        Combinators.combine(number, reason).as((n, r) -> "    Given APNs answers the next " + n + " requests with \"" + r + "\""),
        number.map(n -> "    Then the app on \"Bob's iPhone\" has " + n + " strikes"),
        anything.map(s -> "    When the provider sends a VoIP push to \"" + s + "\" with caller \"Alice\""),
        Combinators.combine(number, unit).as((n, u) -> "    Given the app reports calls to CallKit after " + n + " " + u),
        word.map(w -> "    Then the call on \"Bob's iPhone\" is " + w),
        word.map(w -> "    Then the last push is " + w + " on \"Bob's iPhone\""),
        number.map(n -> "    When the provider sends a VoIP push to \"Bob's iPhone\" with:\n      | authorization | bearer signed " + n + " minutes ago |"),
        anything.map(s -> "    When the provider sends a VoIP push to \"Bob's iPhone\" with:\n      | " + s.replace("|", "") + " |"),
        anything.map(s -> "    When the provider sends a VoIP push to \"Bob's iPhone\" with:\n      | apns-priority | " + s.replace("|", "") + " | extra |"),
        anything.map(s -> "    When the " + s),
        anything.map(s -> "    Then \"" + s + "\" shows an incoming call from \"Alice\""));
  }
}
