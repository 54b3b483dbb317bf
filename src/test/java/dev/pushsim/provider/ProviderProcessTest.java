package dev.pushsim.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.world.YamlFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle section of a provider file, with real processes: the provider gets the hand-off
 * values in its environment and placeholders, PushSim waits for its readiness check and stops it,
 * and a provider that does not come up fails in one sentence naming why and where its output is.
 */
class ProviderProcessTest {

  @TempDir Path dir;

  private static final Map<String, String> HAND_OFF = Map.of("sandboxPort", "40001", "productionPort", "40002", "providerPort", "40003");

  private ProviderFile.Located read(String lifecycle) throws IOException {
    Path file = dir.resolve("provider.yaml");
    Files.writeString(file, "apns: {sandboxPort: 0, productionPort: 0}\nhttp: {baseUrl: 'http://127.0.0.1:{providerPort}'}\n"
        + "lifecycle:\n" + lifecycle);
    return ProviderFile.read(file);
  }

  @Test
  void theProvider_getsTheHandOffValues_isWaitedFor_andStopped() throws Exception {
    ProviderFile.Located file = read("""
          start: [sh, -c, 'echo "$PUSHSIM_SANDBOX_PORT $PUSHSIM_PRODUCTION_PORT $EXTRA $1" > handed; exec sleep 60', sh, '{providerPort}']
          environment: {EXTRA: 'api={providerPort}'}
          ready: {command: [test, -f, handed], timeoutMillis: 10000}
        """);

    ProviderProcess process = ProviderProcess.start(file, HAND_OFF, dir.resolve("provider.log"));
    ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
    assertThat(Files.readString(dir.resolve("handed"))).isEqualTo("40001 40002 api=40003 40003\n");
    process.close();

    assertThat(handle.isAlive()).as("stopped").isFalse();
  }

  @Test
  void aProviderThatExits_failsAtOnce_inOneSentenceWithItsLastLine() throws Exception {
    ProviderFile.Located file = read("""
          start: [sh, -c, 'echo starting; echo "Error: ENOENT, no such file AuthKey.p8" >&2; exit 3']
          ready: {url: 'http://127.0.0.1:{providerPort}/health'}
        """);
    long started = System.nanoTime();

    assertThatThrownBy(() -> ProviderProcess.start(file, HAND_OFF, dir.resolve("provider.log")))
        .isInstanceOf(ProviderFailure.class)
        .hasMessageStartingWith("external provider did not come up: 'sh -c ")
        .hasMessageContaining("exited with status 3 before http://127.0.0.1:40003/health passed; its output is in "
            + dir.resolve("provider.log") + ", ending 'Error: ENOENT, no such file AuthKey.p8'.")
        .hasMessageNotContaining("\n");
    assertThat(System.nanoTime() - started).as("fails fast, not after the 30 s timeout").isLessThan(10_000_000_000L);
  }

  @Test
  void aProviderThatNeverGetsReady_failsAfterItsTimeout_andIsStopped() throws Exception {
    ProviderFile.Located file = read("""
          start: [sh, -c, 'echo $$ > pid; exec sleep 60']
          ready: {url: 'http://127.0.0.1:{providerPort}/health', timeoutMillis: 600}
        """);

    assertThatThrownBy(() -> ProviderProcess.start(file, HAND_OFF, dir.resolve("provider.log")))
        .hasMessageStartingWith("external provider did not come up: http://127.0.0.1:40003/health did not pass within 600 ms (last: ")
        .hasMessageContaining("ConnectException");
    long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the provider was stopped").isFalse();
  }

  @Test
  void lifecycleMistakes_sayWhatIsWrong() {
    assertThatThrownBy(() -> read("  ready: {url: 'http://x'}\n")).isInstanceOf(YamlFiles.InvalidFileException.class)
        .hasMessageContaining("start is a list");
    assertThatThrownBy(() -> read("  start: [node, p.js]\n")).hasMessageContaining("ready is missing");
    assertThatThrownBy(() -> read("  start: [node, p.js]\n  ready: {url: 'http://x', command: [true]}\n"))
        .hasMessageContaining("ready names exactly one check");
    assertThatThrownBy(() -> read("  start: [node, '{port}']\n  ready: {url: 'http://x'}\n"))
        .hasMessageContaining("unknown placeholder {port} in lifecycle.start");
  }

  @Test
  void freePortsAndAProviderPort_needALifecycle() throws IOException {
    Path file = dir.resolve("provider.yaml");
    Files.writeString(file, "apns: {sandboxPort: 0, productionPort: 0}\nhttp: {baseUrl: 'http://127.0.0.1:8090'}\n");
    assertThatThrownBy(() -> ProviderFile.read(file)).hasMessageContaining("a port of 0 (a free one) needs a lifecycle section");
    Files.writeString(file, "apns: {}\nhttp: {baseUrl: 'http://127.0.0.1:{providerPort}'}\n");
    assertThatThrownBy(() -> ProviderFile.read(file)).hasMessageContaining("{providerPort} in baseUrl needs a lifecycle section");
  }

  @Test
  void theHandOff_isNamedPushSimUpperSnakeInTheEnvironment() {
    assertThat(ProviderProcess.environmentOf(Map.of("sandboxPort", "1", "p12Password", "x", "ca", "/c")))
        .containsOnly(Map.entry("PUSHSIM_SANDBOX_PORT", "1"), Map.entry("PUSHSIM_P12_PASSWORD", "x"), Map.entry("PUSHSIM_CA", "/c"));
  }
}
