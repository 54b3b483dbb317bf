package dev.pushsim.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.world.replay.EventTypesHook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device model stays deterministic on virtual time: a bundled feature run twice through real
 * Cucumber (real TLS, real HTTP/2, the reference provider) journals the same event types in the
 * same order, scenario by scenario.
 */
class BundledFeaturesReplayTest {

  @TempDir Path dir;

  @Test
  void theReportDeadlineFeature_journalsTheSameEventsInTheSameOrder_onEveryRun() throws IOException {
    Map<String, List<String>> first = eventTypesOf("features/pushkit/report-deadline.feature", "first");
    Map<String, List<String>> second = eventTypesOf("features/pushkit/report-deadline.feature", "second");

    assertThat(first).hasSizeGreaterThan(3);
    assertThat(first.values()).allSatisfy(types -> assertThat(types).contains("apns.request", "device.delivered"));
    assertThat(second).isEqualTo(first);
  }

  /** Runs {@code feature}; returns each scenario's journal event types, by scenario name. */
  private Map<String, List<String>> eventTypesOf(String feature, String run) throws IOException {
    Path json = dir.resolve(run + ".json");
    byte status = io.cucumber.core.cli.Main.run(
        new String[] {"--glue", "dev.pushsim.harness", "--glue", "dev.pushsim.world.replay",
            "--plugin", "json:" + json, feature},
        Thread.currentThread().getContextClassLoader());
    assertThat(status).as("the %s run of %s passes", run, feature).isZero();
    Map<String, List<String>> byScenario = new LinkedHashMap<>();
    for (JsonNode scenario : new ObjectMapper().readTree(json.toFile()).get(0).get("elements")) {
      if (!"scenario".equals(scenario.path("type").asText())) {
        continue;
      }
      for (JsonNode step : scenario.get("after")) {
        for (JsonNode embedding : step.path("embeddings")) {
          if (EventTypesHook.ATTACHMENT.equals(embedding.path("name").asText())) {
            String types = new String(Base64.getDecoder().decode(embedding.get("data").asText()), StandardCharsets.UTF_8);
            byScenario.put(scenario.get("name").asText(), List.of(types.split("\n")));
          }
        }
      }
    }
    return byScenario;
  }
}
