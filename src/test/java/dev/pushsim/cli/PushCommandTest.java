package dev.pushsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.admin.AdminServer;
import dev.pushsim.device.AppSpec;
import dev.pushsim.world.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pushsim push}, like {@code xcrun simctl push}, against a running simulator's admin API. */
class PushCommandTest {

  @TempDir Path dir;
  Simulator sim;
  AdminServer admin;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void start() {
    sim = Simulator.builder().build().start();
    sim.addDevice("Alice's iPhone", "17.5").install(AppSpec.voipApp("com.example.voip"));
    admin = AdminServer.builder(sim).bearerToken("s3cret").build().start();
  }

  @AfterEach
  void stop() {
    admin.close();
    sim.close();
  }

  private int pushsim(String... args) {
    CommandLine command = PushSimCommand.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void aVoipPayloadFile_ringsThePhone_andThePrintoutSaysWhatThePhoneDid() throws IOException {
    Path call = file("call.json", "{\"aps\":{},\"caller\":\"Bob\"}");

    int exit = pushsim("push", "Alice's iPhone", "com.example.voip", call.toString(), "--type", "voip", "--admin", admin.url(), "--token", "s3cret");

    assertThat(exit).as("stderr: %s", err).isZero();
    assertThat(out.toString())
        .startsWith("Pushed voip to Alice's iPhone (com.example.voip): apns-id ")
        .contains("  device.delivered app=com.example.voip appState=NOT_RUNNING\n")
        .contains("  callkit.call.shown app=com.example.voip caller=Bob callUuid=");
    assertThat(sim.device("Alice's iPhone").callKit().ringingCall()).isPresent();
  }

  @Test
  void aMalformedPayload_namesTheFileLineAndColumn() throws IOException {
    Path call = file("call.json", "{\"aps\":{},\n \"caller\": Bob}");

    int exit = pushsim("push", "Alice's iPhone", "com.example.voip", call.toString(), "--type", "voip", "--admin", admin.url(), "--token", "s3cret");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith("pushsim: " + call + ": The payload is not valid JSON at line 2, column 12: Unrecognized token 'Bob'")
        .contains("(HTTP 400)");
  }

  @Test
  void anUnknownDevice_aMissingToken_aMissingFile_andNoServer_areClearErrors() throws IOException {
    Path alert = file("alert.json", "{\"aps\":{\"alert\":\"Hi\"}}");

    assertThat(pushsim("push", "Mallory's iPhone", "com.example.voip", alert.toString(), "--admin", admin.url(), "--token", "s3cret")).isEqualTo(1);
    assertThat(err.toString()).contains("pushsim: No device named 'Mallory's iPhone'; devices: [Alice's iPhone] (HTTP 404)");

    assertThat(pushsim("push", "Alice's iPhone", "com.example.voip", alert.toString(), "--admin", admin.url())).isEqualTo(1);
    assertThat(err.toString()).contains("pushsim: This admin API needs 'Authorization: Bearer <token>'");

    assertThat(pushsim("push", "Alice's iPhone", "com.example.voip", dir.resolve("nope.json").toString(), "--admin", admin.url())).isEqualTo(1);
    assertThat(err.toString()).contains("pushsim: No payload file at " + dir.resolve("nope.json"));

    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    assertThat(pushsim("push", "Alice's iPhone", "com.example.voip", alert.toString(), "--admin", "http://127.0.0.1:" + freePort)).isEqualTo(1);
    assertThat(err.toString()).contains("pushsim: No simulator answers at http://127.0.0.1:" + freePort + ": start one with `pushsim serve`");
  }

  @Test
  void badUsage_exitsWith2() {
    assertThat(pushsim("push", "Alice's iPhone")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameters: 'BUNDLE_ID', 'FILE'");
    assertThat(pushsim("push", "a", "b", "c", "--admin")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter for option '--admin' (URL)");
  }
}
