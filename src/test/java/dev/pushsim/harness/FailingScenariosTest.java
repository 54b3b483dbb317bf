package dev.pushsim.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The features can fail: scenarios whose app or provider misbehaves run through real Cucumber,
 * fail, and say what was expected, what happened, and the push's timeline.
 */
class FailingScenariosTest {

  @TempDir Path dir;

  /** Runs one scenario with the step library; returns the failed step's error message, or null. */
  private String failureOf(String... steps) throws IOException {
    Path feature = dir.resolve("broken.feature");
    Files.writeString(feature, "Feature: a broken app or provider\n  Scenario: it misbehaves\n" + String.join("\n", List.of(steps).stream().map(step -> "    " + step).toList()) + "\n");
    Path json = dir.resolve("report.json");
    byte status = io.cucumber.core.cli.Main.run(
        new String[] {"--glue", "dev.pushsim.harness", "--plugin", "json:" + json, feature.toString()},
        Thread.currentThread().getContextClassLoader());
    List<String> errors = new ArrayList<>();
    for (JsonNode element : new ObjectMapper().readTree(json.toFile()).get(0).get("elements")) {
      for (JsonNode step : element.get("steps")) {
        JsonNode message = step.path("result").path("error_message");
        if (!message.isMissingNode()) {
          errors.add(message.asText());
        }
      }
    }
    assertThat(status).as("exit status, errors %s", errors).isEqualTo(errors.isEmpty() ? (byte) 0 : (byte) 1);
    return errors.isEmpty() ? null : errors.get(0);
  }

  @Test
  void aCorrectAppPasses() throws IOException {
    assertThat(failureOf(
        "Given a team \"TEAM123456\" with a signing key",
        "And the app reports calls to CallKit at once",
        "And a device \"Bob's iPhone\" with the app installed",
        "When the provider sends a VoIP push to \"Bob's iPhone\" with caller \"Alice\"",
        "Then \"Bob's iPhone\" shows an incoming call from \"Alice\"")).isNull();
  }

  @Test
  void anAppThatReportsLate_failsTheRingingStep_withTheTimeline() throws IOException {
    String failure = failureOf(
        "Given a team \"TEAM123456\" with a signing key",
        "And the app reports calls to CallKit after 9 seconds",
        "And a device \"Bob's iPhone\" with the app installed",
        "When the provider sends a VoIP push to \"Bob's iPhone\" with caller \"Alice\"",
        "And 10 seconds pass",
        "Then \"Bob's iPhone\" shows an incoming call from \"Alice\"");

    assertThat(failure)
        .contains("Expected \"Bob's iPhone\" to ring with a call from \"Alice\"")
        .contains("but it shows no incoming call")
        .contains("Timeline of the last push")
        .contains("apns.request")
        .contains("app.terminated")
        .contains("0xbaadca11");
  }

  @Test
  void aProviderUsingTheWrongTopic_failsTheAnswerStep() throws IOException {
    String failure = failureOf(
        "Given a team \"TEAM123456\" with a signing key",
        "And a device \"Bob's iPhone\" with the app installed",
        "When the provider sends a VoIP push to \"Bob's iPhone\" with:",
        "  | apns-topic | com.example.phone |",
        "Then APNs answers \"200\"");

    assertThat(failure).contains("Expected APNs to answer 200").contains("it answered 400 InvalidPushType");
  }

  @Test
  void aVoipPushWithAnExpirationInTheFuture_ringsLateAfterReconnect_andFailsANoCallExpectation() throws IOException {
    String failure = failureOf(
        "Given a team \"TEAM123456\" with a signing key",
        "And the app reports calls to CallKit at once",
        "And a device \"Bob's iPhone\" with the app installed",
        "And \"Bob's iPhone\" is offline",
        "When the provider sends a VoIP push to \"Bob's iPhone\" with caller \"Alice\" expiring in 1 hour",
        "And 30 minutes pass",
        "And \"Bob's iPhone\" comes back online",
        "Then \"Bob's iPhone\" shows no incoming call");

    assertThat(failure).contains("Expected \"Bob's iPhone\" not to ring").contains("device.stored").contains("callkit.call.shown");
  }

  private static final String[] A_SIGNED_IN_CALLEE = {
      "Given a team \"TEAM123456\" with a signing key",
      "And the app reports calls to CallKit at once",
      "And a device \"Bob's iPhone\" with the app installed",
      "And \"Bob\" signs in on \"Bob's iPhone\""};

  private static String[] with(String[] start, String... more) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(start), java.util.Arrays.stream(more)).toArray(String[]::new);
  }

  @Test
  void aProviderThatKeepsItsTokenPastAnHour_failsTheRenewalStep_withApplesReason() throws IOException {
    String failure = failureOf(with(new String[] {"Given the provider renews its provider token every 90 minutes"}, with(A_SIGNED_IN_CALLEE,
        "When \"Alice\" calls \"Bob\" every 15 minutes for 2 hours",
        "Then the provider renewed its provider token every 20 to 60 minutes")));

    assertThat(failure).contains("Expected every push to carry a provider token APNs accepted").contains("403 ExpiredProviderToken");
  }

  @Test
  void aProviderThatRenewsItsTokenTooOften_failsTheRenewalStep_withApplesReason() throws IOException {
    String failure = failureOf(with(new String[] {"Given the provider renews its provider token every 10 minutes"}, with(A_SIGNED_IN_CALLEE,
        "When \"Alice\" calls \"Bob\" every 10 minutes for 1 hour",
        "Then the provider renewed its provider token every 20 to 60 minutes")));

    assertThat(failure).contains("Expected every push to carry a provider token APNs accepted").contains("429 TooManyProviderTokenUpdates");
  }

  @Test
  void aProviderThatNeverRetries_failsTheBackoffScenario() throws IOException {
    String failure = failureOf(with(new String[] {"Given the provider gives up after 1 attempt"}, with(A_SIGNED_IN_CALLEE,
        "And APNs answers the next 1 request with \"503 ServiceUnavailable\"",
        "When \"Alice\" calls \"Bob\"",
        "And 1 second passes",
        "Then the provider sent 2 pushes")));

    assertThat(failure).contains("Expected 2 push(es) from the provider").contains("but it sent 1");
  }

  @Test
  void anUnknownDevice_isExplainedWithTheStepToAddIt() throws IOException {
    String failure = failureOf(
        "Given a team \"TEAM123456\" with a signing key",
        "When the provider sends a VoIP push to \"Alice's iPad\" with caller \"Bob\"");
    assertThat(failure).contains("No device called \"Alice's iPad\"").contains("Given a device \"Alice's iPad\" with the app installed");
  }
}
