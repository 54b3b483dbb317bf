package dev.pushsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.device.DeviceEvents;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.testing.Tools;
import dev.pushsim.world.Simulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Two APNs clients from npm that nobody here wrote, {@code @parse/node-apn} and {@code apns2}
 * (installed by the build's {@code npm ci} in src/interop/node), send alert, background and VoIP
 * pushes and the usual mistakes to {@code pushsim serve}: once with the bundled world, whose bundle
 * id {@code com.example.voip} ends in a push type's suffix, once with a bundle id that has none.
 * apns2 always dials port 443, so the sandbox is served there (the tests run as root in CI).
 */
class NodeClientsInteropTest {

  private static final Path NODE_DIR = Path.of("src/interop/node");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLAIN_WORLD = """
      teams:
        - teamId: PUSHSIMDEV
          keys: [{}]
          apps: [com.example.phone]
      devices:
        - name: Alice's iPhone
          ios: "17.5"
          apps:
            - bundleId: com.example.phone
              signedFor: development
              behaviour: report
      """;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} against the {1} world")
  @CsvSource({"node-apn, bundled", "apns2, bundled", "node-apn, plain", "apns2, plain"})
  void everyPushIsAnsweredAsApple(String client, String world) throws Exception {
    Tools.require(Tools.onPath("node"), "node (Debian package nodejs)");
    assertThat(NODE_DIR.resolve("node_modules/apns2")).as("npm packages installed by the build (npm ci)").isDirectory();
    Path worldFile = world.equals("bundled") ? ServeCommand.DEFAULT_WORLD : write("world.yaml", PLAIN_WORLD);
    String app = world.equals("bundled") ? "com.example.voip" : "com.example.phone";

    try (ServeCommand.Running running = serve(worldFile)) {
      Simulator sim = running.sim();
      InstalledApp alices = sim.device("Alice's iPhone").app(app).orElseThrow();
      Map<String, JsonNode> answers = send(client, sim, pushes(alices, app));

      assertThat(answers).hasSize(8);
      assertAnswer(answers, "alert", 200, null);
      assertAnswer(answers, "background", 200, null);
      assertAnswer(answers, "voip", 200, null);
      assertAnswer(answers, "garbage token", 400, "BadDeviceToken");
      assertAnswer(answers, "other team's topic", 400, "TopicDisallowed");
      assertAnswer(answers, "voip at the bare topic", 400, "InvalidPushType");
      assertAnswer(answers, "oversized alert", 413, "PayloadTooLarge");
      assertAnswer(answers, "forged key", 403, "InvalidProviderToken");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(sim.device("Alice's iPhone").notifications()).anyMatch(shown -> shown.text().equals("From " + client));
        assertThat(sim.journal().find(EventPattern.type(DeviceEvents.WOKEN))).hasSize(1);
        assertThat(sim.device("Alice's iPhone").callKit().ringingCall()).isPresent();
      });
    }
  }

  private ObjectNode[] pushes(InstalledApp app, String bundleId) {
    String apns = app.apnsToken().hex();
    String voip = app.voipToken().hex();
    return new ObjectNode[] {
      push("alert", apns, bundleId, "alert", 10, "{\"aps\":{\"alert\":\"From CLIENT\"}}"),
      push("background", apns, bundleId, "background", 5, "{\"aps\":{\"content-available\":1}}"),
      push("voip", voip, bundleId + ".voip", "voip", 10, "{\"aps\":{},\"caller\":\"Carol\"}"),
      push("garbage token", "abc", bundleId, "alert", 10, "{\"aps\":{\"alert\":\"x\"}}"),
      push("other team's topic", apns, "com.other.app", "alert", 10, "{\"aps\":{\"alert\":\"x\"}}"),
      push("voip at the bare topic", voip, bundleId, "voip", 10, "{\"aps\":{}}"),
      push("oversized alert", apns, bundleId, "alert", 10, "{\"aps\":{\"alert\":\"" + "x".repeat(4200) + "\"}}"),
      push("forged key", apns, bundleId, "alert", 10, "{\"aps\":{\"alert\":\"x\"}}").put("forgedKey", true),
    };
  }

  private static ObjectNode push(String name, String token, String topic, String type, int priority, String payload) {
    ObjectNode push = JSON.createObjectNode().put("name", name).put("token", token).put("topic", topic)
        .put("type", type).put("priority", priority);
    try {
      push.set("payload", JSON.readTree(payload));
    } catch (IOException e) {
      throw new IllegalArgumentException(payload, e);
    }
    return push;
  }

  private Map<String, JsonNode> send(String client, Simulator sim, ObjectNode[] pushes) throws Exception {
    SigningKey key = sim.team("PUSHSIMDEV").keys().iterator().next();
    Path keyFile = write("AuthKey.p8", key.toP8Pem());
    Path caFile = write("ca.pem", sim.ca().certificatePem());
    ObjectNode spec = JSON.createObjectNode().put("host", "127.0.0.1").put("port", sim.sandbox().port())
        .put("caFile", caFile.toString()).put("keyFile", keyFile.toString())
        .put("keyId", key.keyId()).put("teamId", key.teamId());
    ArrayNode list = spec.putArray("pushes");
    for (ObjectNode push : pushes) {
      String text = push.get("payload").toString().replace("CLIENT", client);
      push.set("payload", JSON.readTree(text));
      list.add(push);
    }
    Path specFile = write("spec.json", spec.toString());

    ProcessBuilder builder = new ProcessBuilder("node", "send.mjs", client)
        .directory(NODE_DIR.toFile())
        .redirectInput(specFile.toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().put("NODE_EXTRA_CA_CERTS", caFile.toString());
    Process node = builder.start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!node.waitFor(60, TimeUnit.SECONDS)) {
      node.destroyForcibly();
    }
    assertThat(node.exitValue()).as("node send.mjs %s; stderr: %s", client, Files.readString(dir.resolve("stderr.txt")))
        .isZero();
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    for (String line : out.strip().split("\n")) {
      JsonNode answer = JSON.readTree(line);
      answers.put(answer.get("name").asText(), answer);
    }
    return answers;
  }

  private static void assertAnswer(Map<String, JsonNode> answers, String name, int status, String reason) {
    JsonNode answer = answers.get(name);
    assertThat(answer).as("an answer to the %s push", name).isNotNull();
    assertThat(answer.get("status").asInt()).as("status of the %s push: %s", name, answer).isEqualTo(status);
    if (reason != null) {
      assertThat(answer.get("reason").asText()).as("reason of the %s push", name).isEqualTo(reason);
    }
  }

  private ServeCommand.Running serve(Path world) throws Exception {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--world", world.toString(), "--sandbox-port", "443", "--production-port", "0",
        "--admin-port", "0", "--data-dir", dir.resolve("data").toString());
    return serve.start(new PrintStream(OutputStream.nullOutputStream(), true));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
