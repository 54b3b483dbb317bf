package dev.pushsim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.device.AppBehaviour;
import dev.pushsim.device.Device;
import dev.pushsim.device.ForceQuitVoip;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.junit.PushSimExtension;
import dev.pushsim.push.Environment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class WorldFileTest {

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();
  @TempDir Path dir;

  private static WorldFile read(String yaml) {
    return WorldFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "world.yaml");
  }

  @Test
  void theBundledWorld_loads_andItsPhonesHaveTokens() throws IOException {
    WorldFile world;
    try (InputStream in = Files.newInputStream(Path.of("simulator", "world.yaml"))) {
      world = WorldFile.read(in, "simulator/world.yaml");
    }
    WorldLoader.LoadedWorld loaded = WorldLoader.load(world, "simulator/world.yaml", pushsim.simulator(), Path.of("simulator"), dir);

    assertThat(loaded.keys()).singleElement().satisfies(key -> assertThat(key.p8()).exists());
    assertThat(loaded.installed()).extracting(app -> app.device().name()).containsExactly("Alice's iPhone", "Bob's iPhone");
    assertThat(pushsim.simulator().device("Bob's iPhone").app("com.example.voip").orElseThrow().voipToken().environment())
        .isEqualTo(Environment.PRODUCTION);
  }

  @Test
  void theModelSection_setsTheDeviceModelsKnobs_andAWrongOneIsNamedWithTheFile() {
    WorldFile world = read("""
        model:
          strikeLimit: 5
          forceQuitVoip: withhold
          offlineCap: 7d
        """);
    WorldLoader.load(world, "world.yaml", pushsim.simulator(), dir, dir);
    assertThat(pushsim.simulator().deviceRules().strikeLimit()).isEqualTo(5);
    assertThat(pushsim.simulator().deviceRules().forceQuitVoip()).isEqualTo(ForceQuitVoip.WITHHOLD);
    assertThat(pushsim.simulator().deviceRules().offlineCap()).isEqualTo(java.time.Duration.ofDays(7));

    WorldFile wrong = read("model: { strikeLimit: many }");
    assertThatThrownBy(() -> WorldLoader.load(wrong, "world.yaml", pushsim.simulator(), dir, dir))
        .hasMessageContaining("world.yaml (model): strikeLimit is a whole number, not 'many'");
  }

  @Test
  void pinnedTokens_areTheFirstInstallationsTokens_andAReinstallGetsNewOnes() {
    WorldFile world = read("""
        devices:
          - name: Dave's iPhone
            apps:
              - { bundleId: com.example.phone, apnsToken: 00AA11BB22CC, voipToken: ffee0001 }
        """);
    WorldLoader.load(world, "world.yaml", pushsim.simulator(), dir, dir);
    Device dave = pushsim.simulator().device("Dave's iPhone");

    assertThat(dave.app("com.example.phone").orElseThrow().apnsToken().hex()).isEqualTo("00aa11bb22cc");
    assertThat(dave.app("com.example.phone").orElseThrow().voipToken().hex()).isEqualTo("ffee0001");
    assertThat(dave.reinstall("com.example.phone").voipToken().hex()).isNotEqualTo("ffee0001");
    assertThatThrownBy(() -> read("""
        devices:
          - name: Eve's iPhone
            apps: [{ bundleId: com.example.phone, voipToken: "12 34" }]
        """)).hasMessageContaining("voipToken must be an even number of hex digits");
    assertThatThrownBy(() -> read("""
        devices:
          - name: Eve's iPhone
            apps: [{ bundleId: com.example.phone, capabilities: [push], voipToken: abcd }]
        """)).hasMessageContaining("an app without the voip capability gets no VoIP token");
  }

  @Test
  void aKeyFromAP8File_behaviours_capabilitiesAndDeviceState() {
    SigningKey apple = SigningKey.generate("TEAM123456", "ABC123DEFG");
    apple.writeP8(dir.resolve("AuthKey_ABC123DEFG.p8"));
    WorldFile world = read("""
        teams:
          - teamId: TEAM123456
            keys: [{ keyId: ABC123DEFG, p8: AuthKey_ABC123DEFG.p8, environment: production }]
            apps: [com.example.phone]
        devices:
          - name: Carol's iPhone
            offline: true
            doNotDisturb: true
            apps:
              - { bundleId: com.example.phone, behaviour: report after 2s, capabilities: [push, callkit] }
        """);

    WorldLoader.LoadedWorld loaded = WorldLoader.load(world, "world.yaml", pushsim.simulator(), dir, dir);

    assertThat(loaded.keys().get(0).key().publicKey()).isEqualTo(apple.publicKey());
    assertThat(loaded.keys().get(0).key().environments()).containsExactly(Environment.PRODUCTION);
    Device carol = pushsim.simulator().device("Carol's iPhone");
    InstalledApp app = carol.app("com.example.phone").orElseThrow();
    assertThat(app.voipToken()).as("no voip capability, no VoIP token").isNull();
    assertThat(app.spec().behaviour().toString()).isEqualTo("reports calls to CallKit after 2000 ms");
    assertThat(carol.online()).isFalse();
    assertThat(carol.doNotDisturb()).isTrue();
  }

  @Test
  void anIos264DeviceAndAnAppWithTheMetadataDelegate() {
    WorldFile world = read("""
        teams:
          - teamId: TEAM123456
            apps: [com.example.phone]
        devices:
          - name: Dan's iPhone
            ios: "26.4"
            apps:
              - { bundleId: com.example.phone, behaviour: report via LiveCommunicationKit with metadata delegate }
        """);

    WorldLoader.load(world, "world.yaml", pushsim.simulator(), dir, dir);

    Device dan = pushsim.simulator().device("Dan's iPhone");
    AppBehaviour behaviour = dan.app("com.example.phone").orElseThrow().spec().behaviour();
    assertThat(dan.iosVersion()).isEqualTo("26.4");
    assertThat(behaviour.adoptsMetadataDelegate()).isTrue();
    assertThat(behaviour.toString()).isEqualTo(
        "reports calls to LiveCommunicationKit when mustReport, with the iOS 26.4 metadata delegate");
    assertThat(Behaviours.parse("report").adoptsMetadataDelegate()).isFalse();
  }

  @Test
  void mistakes_nameTheFileLineAndWhatIsWrong() {
    assertThatThrownBy(() -> read("""
        teams:
          - teamId: TEAM123456
        devices:
          - name: Bob
            apps:
              - { bundleId: com.example.phone, behaviour: dance }
        """))
        .isInstanceOf(YamlFiles.InvalidFileException.class)
        .hasMessageStartingWith("world.yaml:6:")
        .hasMessageContaining("(devices[0].apps[0])")
        .hasMessageContaining("unknown behaviour 'dance': use report, report after <duration>, never report");

    assertThatThrownBy(() -> read("teams:\n  - teamId: team-1\n"))
        .hasMessageStartingWith("world.yaml:").hasMessageContaining("(teams[0]): Team ID 'team-1' is not valid");

    assertThatThrownBy(() -> read("devices:\n  - name: Bob\n    colour: red\n"))
        .hasMessageStartingWith("world.yaml:").hasMessageContaining("(devices[0].colour): unknown field 'colour'; this entry takes [");

    assertThatThrownBy(() -> read("devices:\n  - name: Bob\n    apps:\n      - { bundleId: a.b, signedFor: staging }\n"))
        .hasMessageStartingWith("world.yaml:4:").hasMessageContaining("Unknown APNs environment 'staging'");

    assertThatThrownBy(() -> read("teams: [ {teamId: TEAM123456\n"))
        .hasMessageStartingWith("world.yaml:");
  }

  @Test
  void anIosVersionThatIsNotMajorMinorPatch_isRefusedNamingTheFieldAndTheForm() {
    assertThatThrownBy(() -> read("devices:\n  - name: Bob\n    ios: banana\n"))
        .isInstanceOf(YamlFiles.InvalidFileException.class)
        .hasMessageStartingWith("world.yaml:")
        .hasMessageContaining("(devices[0])")
        .hasMessageContaining("ios is an iOS version major[.minor[.patch]] such as 17.5 or 26.4.1, not 'banana'");
    assertThatThrownBy(() -> read("devices:\n  - name: Bob\n    ios: 17.5.1.2\n"))
        .hasMessageContaining("not '17.5.1.2'");
    assertThat(read("devices:\n  - { name: A, ios: \"17\" }\n  - { name: B, ios: 26.4.1 }\n").devices())
        .extracting(WorldFile.DeviceSpec::ios).containsExactly("17", "26.4.1");
  }

  @Test
  void yamlAliases_areRefusedWithTheirLine_notReadAsText() {
    // Jackson would read *voip as the bundle id "voip": an app nobody wrote.
    String aliased = "devices:\n  - name: Bob\n    apps:\n      - bundleId: &voip com.example.voip\n"
        + "  - name: Carol\n    apps:\n      - bundleId: *voip\n";
    assertThatThrownBy(() -> read(aliased))
        .isInstanceOf(YamlFiles.InvalidFileException.class)
        .hasMessageStartingWith("world.yaml:7:")
        .hasMessageContaining("the alias '*voip' is not supported: YAML aliases (*name) are refused");
    assertThatThrownBy(() -> read("devices:\n  - name: Bob\n    apps:\n      - bundleId: *voip\n"))
        .hasMessageStartingWith("world.yaml:4:")
        .hasMessageContaining("the alias '*voip' is not supported");
  }

  @Test
  void aWebhookNotInTheAllowList_isRefusedNamingTheEntry_andAnAllowedOneInstalls() {
    WorldFile refused = read("""
        devices:
          - name: Alice's iPhone
            apps: [{ bundleId: com.example.voip, behaviour: webhook http://127.0.0.1:9000/voip }]
        """);
    assertThatThrownBy(() -> WorldLoader.load(refused, "world.yaml", pushsim.simulator(), dir, dir))
        .hasMessage("world.yaml (devices[0].apps[0]): webhook http://127.0.0.1:9000/voip is not allowed: its origin"
            + " http://127.0.0.1:9000 is not in world.yaml's webhooks.allow []");

    WorldFile allowed = read("""
        webhooks: { allow: ["http://127.0.0.1:9000"] }
        devices:
          - name: Bob's iPhone
            apps: [{ bundleId: com.example.voip, behaviour: webhook http://127.0.0.1:9000/voip }]
        """);
    WorldLoader.load(allowed, "world.yaml", pushsim.simulator(), dir, dir);
    assertThat(pushsim.simulator().device("Bob's iPhone").app("com.example.voip").orElseThrow().spec().behaviour())
        .hasToString("asks webhook http://127.0.0.1:9000/voip");
  }

  @Test
  void anAllowListEntryWithAPath_isAMistakeNamingTheFileAndEntry() {
    assertThatThrownBy(() -> read("webhooks:\n  allow: [\"http://127.0.0.1:9000/internal\"]\n"))
        .hasMessageContaining("world.yaml:3:1 (webhooks): webhooks.allow entry 'http://127.0.0.1:9000/internal' must be an http or https origin");
  }
}
