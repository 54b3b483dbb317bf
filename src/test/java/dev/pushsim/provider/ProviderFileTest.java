package dev.pushsim.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.app.TokenRegistration;
import dev.pushsim.provider.ProviderUnderTest.Operation;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import dev.pushsim.world.YamlFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider files: mistakes are reported with file, line and what is wrong; the command adapter
 * runs real programs without a shell, so values never become extra words; failures quote the
 * command and its output. (The HTTP adapter is driven for real in {@code ExternalProviderTest}.)
 */
class ProviderFileTest {

  @TempDir Path dir;

  private ProviderFile.Located read(String yaml) throws IOException {
    Path file = dir.resolve("provider.yaml");
    Files.writeString(file, yaml);
    return ProviderFile.read(file);
  }

  private static final String APNS = "apns:\n  sandboxPort: 2197\n  productionPort: 2198\n";

  @Test
  void anHttpAdapter_offersTheOperationsItNames() throws IOException {
    ProviderFile.Located file = read(APNS + """
        http:
          baseUrl: http://127.0.0.1:8090
          placeCall: {path: /calls, body: '{"from":"{from}","to":"{to}"}'}
          registerToken: {method: PUT, path: '/users/{userId}/tokens/{token}'}
        """);

    assertThat(file.spec().operations()).containsExactlyInAnyOrder(Operation.PLACE_CALL, Operation.REGISTER_TOKEN);
    assertThat(file.spec().auth()).isEqualTo("token");
    assertThat(file.dataDir()).isEqualTo(dir.resolve("pushsim-data"));
    assertThat(file.spec().apns().teamId()).isEqualTo("TEAM123456");
  }

  @Test
  void anUnknownPlaceholder_isNamedWithItsPlace_andWhatTheOperationOffers() {
    assertThatThrownBy(() -> read(APNS + """
        http:
          baseUrl: http://127.0.0.1:8090
          placeCall:
            path: /calls
            body: '{"callee":"{callee}"}'
        """))
        .isInstanceOf(YamlFiles.InvalidFileException.class)
        .hasMessageContaining("provider.yaml:")
        .hasMessageContaining("(http)")
        .hasMessageContaining("unknown placeholder {callee} in placeCall.body")
        .hasMessageContaining("this operation offers {displayName}, {from}, {to}");
  }

  @Test
  void mistakes_sayWhereAndWhat() {
    assertThatThrownBy(() -> read(APNS + "http:\n  baseUrl: http://x\n  placeCall: {path: calls}\n"))
        .hasMessageContaining("(http.placeCall)").hasMessageContaining("path must start with /, relative to baseUrl, not 'calls'");
    assertThatThrownBy(() -> read(APNS + "http:\n  baseUrl: ftp://x\n"))
        .hasMessageContaining("baseUrl must be an http:// or https:// URL, not 'ftp://x'");
    assertThatThrownBy(() -> read(APNS + "http:\n  baseUrl: http://x\n  placecall: {path: /calls}\n"))
        .hasMessageContaining("provider.yaml:").hasMessageContaining("(http.placecall): unknown field 'placecall'");
    assertThatThrownBy(() -> read("apns:\n  sandboxPort: 2197\n  productionPort: 2197\nhttp: {baseUrl: 'http://x'}\n"))
        .hasMessageContaining("sandboxPort and productionPort must differ");
    assertThatThrownBy(() -> read(APNS + "http: {baseUrl: 'http://x'}\ncommand: {}\n"))
        .hasMessageContaining("name exactly one adapter");
    assertThatThrownBy(() -> read("http: {baseUrl: 'http://x'}\n")).hasMessageContaining("the apns section is missing");
    assertThatThrownBy(() -> read(APNS + "auth: password\nhttp: {baseUrl: 'http://x'}\n")).hasMessageContaining("auth is token or certificate, not 'password'");
    assertThatThrownBy(() -> read("")).hasMessageContaining("is empty");
  }

  @Test
  void theCommandAdapter_passesValuesAsWholeArguments_neverThroughAShell() throws IOException {
    ProviderUnderTest provider = read(APNS + """
        command:
          placeCall: [sh, -c, 'printf "%s|%s|%s\\n" "$1" "$2" "$3" >> calls.txt', sh, '{from}', '{to}', 'name: {displayName}']
          registerToken: [sh, -c, 'printf "%s %s %s\\n" "$1" "$2" "$3" >> tokens.txt', sh, '{userId}', '{token}', '{environment}']
        """).adapter();

    provider.placeCall("alice; rm -rf /", "bob $(whoami)", "Alice \"A\" O'Neil");
    provider.registerToken(new TokenRegistration("bob", "abcd", "com.example.phone", Environment.PRODUCTION, null, Channel.VOIP));

    assertThat(Files.readString(dir.resolve("calls.txt"))).isEqualTo("alice; rm -rf /|bob $(whoami)|name: Alice \"A\" O'Neil\n");
    assertThat(Files.readString(dir.resolve("tokens.txt"))).isEqualTo("bob abcd production\n");
  }

  @Test
  void aFailingCommand_isQuotedWithItsExitStatusAndOutput() throws IOException {
    ProviderUnderTest provider = read(APNS + """
        name: my backend
        command:
          placeCall: [sh, -c, 'echo "no such user $1" >&2; exit 3', sh, '{to}']
        """).adapter();

    assertThatThrownBy(() -> provider.placeCall("alice", "zed", "Alice"))
        .isInstanceOf(ProviderFailure.class)
        .hasMessageStartingWith("my backend's placeCall failed: [sh, -c,")
        .hasMessageContaining("exited with 3: no such user zed");
  }

  @Test
  void aCommandThatHangs_isStoppedAtItsTimeout() throws IOException {
    ProviderUnderTest provider = read(APNS + """
        command:
          timeoutMillis: 300
          placeCall: [sh, -c, 'exec sleep 30']
        """).adapter();

    assertThatThrownBy(() -> provider.placeCall("alice", "bob", "Alice")).hasMessageContaining("did not finish within 300 ms");
  }

  @Test
  void anOperationTheFileLeavesOut_failsSayingWhichTagSkipsIt() throws IOException {
    ProviderUnderTest provider = read(APNS + "command:\n  placeCall: [true]\n").adapter();

    assertThatThrownBy(() -> provider.setPresence("bob", true))
        .hasMessageContaining("has no presence in its provider file")
        .hasMessageContaining("should carry the tag @presence");
  }
}
