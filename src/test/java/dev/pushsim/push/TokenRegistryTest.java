package dev.pushsim.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenRegistryTest {

  final VirtualClock clock = SimClock.virtual(Instant.parse("2026-01-01T09:00:00Z"));
  final TokenRegistry registry = new TokenRegistry(clock);

  @Test
  void findsATokenByItsHex_inEitherCase() {
    DeviceToken token = registry.issue("com.example.app", Channel.VOIP, Environment.SANDBOX);

    assertThat(token.hex()).hasSize(64).isLowerCase();
    assertThat(registry.find(token.hex())).containsSame(token);
    assertThat(registry.find(token.hex().toUpperCase(Locale.ROOT))).containsSame(token);
    assertThat(registry.lookup(token.hex().toUpperCase(Locale.ROOT))).isSameAs(token);
  }

  @Test
  void withASecret_anInstallationGetsTheSameTokensInEveryWorld_andAReinstallNewOnes() {
    byte[] secret = "sixteen or more bytes of secret".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    TokenRegistry before = new TokenRegistry(clock, secret);
    TokenRegistry after = new TokenRegistry(clock, secret);
    TokenRegistry otherDataDirectory = new TokenRegistry(clock, "another secret of sixteen bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    DeviceToken voip = before.issue("com.example.app", Channel.VOIP, Environment.SANDBOX, null, "Alice's iPhone/com.example.app#1");
    DeviceToken apns = before.issue("com.example.app", Channel.APNS, Environment.SANDBOX, null, "Alice's iPhone/com.example.app#1");

    assertThat(after.issue("com.example.app", Channel.VOIP, Environment.SANDBOX, null, "Alice's iPhone/com.example.app#1").hex())
        .isEqualTo(voip.hex());
    assertThat(apns.hex()).isNotEqualTo(voip.hex());
    assertThat(after.issue("com.example.app", Channel.VOIP, Environment.SANDBOX, null, "Alice's iPhone/com.example.app#2").hex())
        .as("a reinstall").isNotEqualTo(voip.hex());
    assertThat(otherDataDirectory.issue("com.example.app", Channel.VOIP, Environment.SANDBOX, null, "Alice's iPhone/com.example.app#1").hex())
        .isNotEqualTo(voip.hex());
    assertThat(registry.issue("com.example.app", Channel.VOIP, Environment.SANDBOX, null, "Alice's iPhone/com.example.app#1").hex())
        .as("no secret: random").isNotEqualTo(voip.hex());
  }

  @Test
  void aPinnedValue_isTheInstallationsToken_once() {
    registry.pin("Bob's iPhone/com.example.app#1", Channel.VOIP, "00AA11bb");

    assertThat(registry.issue("com.example.app", Channel.VOIP, Environment.PRODUCTION, null, "Bob's iPhone/com.example.app#1").hex())
        .isEqualTo("00aa11bb");
    assertThat(registry.issue("com.example.app", Channel.APNS, Environment.PRODUCTION, null, "Bob's iPhone/com.example.app#1").hex())
        .as("the other channel is not pinned").hasSize(64);
    assertThatThrownBy(() -> registry.pin("x", Channel.VOIP, "not hex")).hasMessageContaining("hex digits");
    registry.pin("Carol's iPhone/com.example.app#1", Channel.VOIP, "00aa11bb");
    assertThatThrownBy(() -> registry.issue("com.example.app", Channel.VOIP, Environment.SANDBOX, null, "Carol's iPhone/com.example.app#1"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
  }

  @Test
  void unknownAndMalformedValuesFindNothing() {
    registry.register("00ff", "com.example.app", Channel.APNS, Environment.SANDBOX);

    assertThat(registry.find("00fe")).isEmpty();
    assertThat(registry.find("00ff00")).isEmpty(); // a longer value with the same prefix
    assertThat(registry.find("0")).isEmpty();
    assertThat(registry.find("zz")).isEmpty();
    assertThat(registry.find("")).isEmpty();
    assertThat(registry.find(null)).isEmpty();
  }

  @Test
  void manySequentialTokens_allFound_noneConfused() {
    // World files fix tokens like 00..01, 00..02: the table must spread them, and grow many times.
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      String hex = String.format("%064x", i);
      values.add(hex);
      registry.register(hex, i % 2 == 0 ? "com.example.a" : "com.example.b", Channel.APNS, Environment.SANDBOX);
    }

    assertThat(registry.size()).isEqualTo(50_000);
    for (int i = 0; i < values.size(); i++) {
      DeviceToken token = registry.lookup(values.get(i));
      assertThat(token.hex()).isEqualTo(values.get(i));
      assertThat(token.bundleId()).isEqualTo(i % 2 == 0 ? "com.example.a" : "com.example.b");
    }
    assertThat(registry.find(String.format("%064x", 50_000))).isEmpty();
    assertThat(registry.tokensOf("com.example.b")).hasSize(25_000);
  }

  @Test
  void tokensOfDifferentLengthsLiveSideBySide() {
    registry.register("ab", "com.example.app", Channel.APNS, Environment.SANDBOX);
    registry.register("ab".repeat(100), "com.example.app", Channel.APNS, Environment.SANDBOX);

    assertThat(registry.find("ab")).get().extracting(DeviceToken::hex).isEqualTo("ab");
    assertThat(registry.find("AB".repeat(100))).get().extracting(DeviceToken::hex).isEqualTo("ab".repeat(100));
  }

  @Test
  void registeringATakenValueFails_inAnyCase() {
    registry.register("abcd", "com.example.app", Channel.APNS, Environment.SANDBOX);

    assertThatThrownBy(() -> registry.register("ABCD", "com.example.other", Channel.APNS, Environment.SANDBOX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Device token abcd is already registered");
    assertThatThrownBy(() -> registry.register("abc", "com.example.app", Channel.APNS, Environment.SANDBOX))
        .hasMessageContaining("even number of hex digits");
  }

  @Test
  void unregisterAndExpiry_replaceTheToken_keepTheHolder() {
    TokenHolder holder = push -> {};
    DeviceToken token = registry.issue("com.example.app", Channel.APNS, Environment.PRODUCTION, holder);
    clock.advance(Duration.ofMinutes(1));

    DeviceToken unregistered = registry.unregister(token.hex());

    assertThat(unregistered.invalidatedAt()).isEqualTo(Instant.parse("2026-01-01T09:01:00Z"));
    assertThat(unregistered.holder()).isSameAs(holder);
    assertThat(registry.find(token.hex())).containsSame(unregistered);
    assertThat(unregistered).isNotEqualTo(token);
    assertThat(registry.expireAt(token.hex(), Instant.parse("2026-02-01T00:00:00Z")).expiresAt())
        .isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(registry.size()).isEqualTo(1);
    assertThatThrownBy(() -> registry.unregister("beef")).hasMessage("No device token beef was ever issued.");
  }

  @Test
  void issuedTokensAreDistinct_andClearForgetsThem() {
    Set<String> values = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      values.add(registry.issue("com.example.app", Channel.APNS, Environment.SANDBOX).hex());
    }
    assertThat(values).hasSize(10_000);
    assertThat(registry.all()).hasSize(10_000);

    registry.clear();

    assertThat(registry.size()).isZero();
    assertThat(registry.find(values.iterator().next())).isEmpty();
  }

  @Test
  void equalTokens_haveEqualHashes_whateverTheirHolder() {
    DeviceToken a = new DeviceToken(new byte[] {1, 2}, "com.example.app", Channel.APNS, Environment.SANDBOX, null);
    DeviceToken b = new DeviceToken(new byte[] {1, 2}, "com.example.app", Channel.APNS, Environment.SANDBOX, push -> {});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(DeviceToken.hashOf(new byte[] {1, 2})).isEqualTo(a.valueHash());
    assertThat(a).hasToString("0102 (com.example.app, APNS, SANDBOX)");
  }
}
