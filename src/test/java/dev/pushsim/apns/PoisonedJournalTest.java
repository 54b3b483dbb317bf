package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.DeviceEvents;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.NdjsonFileSink;
import dev.pushsim.testing.H2Client;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.world.Simulator;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's poisoned journal, end to end: a VoIP push whose caller is a lone surrogate escape (valid JSON, so
 * APNs answers 200) to a phone whose name holds a lone surrogate made every later NDJSON line fail. Now every
 * event is in the file once, in order, as a strict UTF-8 JSON line, and shutdown does not throw.
 */
class PoisonedJournalTest {

  @TempDir Path dir;

  @Test
  void aLoneSurrogateInAPushAndADeviceName_losesNoEvent_fromTheNdjsonFile() throws Exception {
    Path file = dir.resolve("journal.ndjson");
    Simulator sim = Simulator.builder().journal(100_000, new NdjsonFileSink(file)).build().start();
    int answered200 = 0;
    try {
      TestProvider provider = TestProvider.in(sim, dir);
      InstalledApp app = sim.addDevice("\ud800 iPhone", "17.5").install(AppSpec.voipApp(TestProvider.BUNDLE_ID));
      try (H2Client client = H2Client.connect("localhost", sim.sandbox().port(), sim.ca().certificate())) {
        for (int i = 0; i <= 100; i++) {
          String caller = i == 0 ? "\\ud800" : "Bob \\udfff #" + i;
          H2Client.Response response = provider.voip(app.voipToken())
              .body("{\"aps\":{},\"caller\":\"" + caller + "\"}")
              .sendWith(client).get(10, TimeUnit.SECONDS);
          answered200 += response.status() == 200 ? 1 : 0;
          sim.advance(Duration.ofMillis(200)); // under APNs' 100 pushes per token in 10 s
        }
      }
      await().atMost(Duration.ofSeconds(10)).until(() ->
          sim.journal().find(EventPattern.type(DeviceEvents.REPORTED)).size() >= 101);
    } finally {
      sim.close();
    }
    assertThat(answered200).isEqualTo(101);

    String content = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    assertThat(content).endsWith("\n");
    ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    List<JsonNode> events = new ArrayList<>();
    for (String line : content.substring(0, content.length() - 1).split("\n", -1)) {
      events.add(strict.readTree(line));
    }
    assertThat(events).as("every event recorded is in the file").hasSize((int) sim.journal().recorded());
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).get("sequence").asLong()).as("line %d", i + 1).isEqualTo(i + 1);
    }
    assertThat(sim.journal().sinkFailures()).isZero();
    assertThat(sim.journal().sinkWriteErrors()).isZero();
    List<JsonNode> reported = events.stream()
        .filter(event -> DeviceEvents.REPORTED.equals(event.path("type").asText())).toList();
    assertThat(reported).hasSize(101);
    assertThat(reported.get(0).path("data").path("caller").asText()).isEqualTo("\ufffd");
    assertThat(reported.get(0).path("device").asText()).isEqualTo("\ufffd iPhone");
    assertThat(reported.get(100).path("data").path("caller").asText()).isEqualTo("Bob \ufffd #100");
  }
}
