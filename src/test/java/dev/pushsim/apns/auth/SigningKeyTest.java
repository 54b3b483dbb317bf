package dev.pushsim.apns.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.push.Environment;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningKeyTest {

  /** Made by {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256}, as Apple's: it carries the public key too. */
  static final String OPENSSL_P8 =
      "-----BEGIN PRIVATE KEY-----\n"
          + "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggADwDsQAt11Os03C\n"
          + "LBMZG0unXuxvQkoWytf3mWHqiDShRANCAAQIoK0xhHPmz2cVFb+sW3RudGWIir9H\n"
          + "RAGHGYpynQIGfE095n9DgQGoErtzYD0Hpv5G2sPqJ2Pmk14NdKQUl1OG\n"
          + "-----END PRIVATE KEY-----\n";

  @TempDir Path dir;

  @Test
  void generatedKeyHasRandomAppleStyleKeyIdAndBothEnvironments() {
    SigningKey first = SigningKey.generate("TEAM123456");
    SigningKey second = SigningKey.generate("TEAM123456");

    assertThat(first.keyId()).matches("[A-Z0-9]{10}").isNotEqualTo(second.keyId());
    assertThat(first.teamId()).isEqualTo("TEAM123456");
    assertThat(first.privateKey()).isPresent();
    assertThat(first.environments()).containsExactlyInAnyOrder(Environment.values());
    assertThat(first.publicKey().getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ABC", "abc123defg", "ABC123DEFGH", "ABC-23DEFG", "ABC123DEF "})
  void badIdsAreRefusedWithTheValueNamed(String bad) {
    assertThatThrownBy(() -> SigningKey.generate("TEAM123456", bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Key ID '" + bad + "'")
        .hasMessageContaining("10 characters");
    assertThatThrownBy(() -> SigningKey.generate(bad, "ABC123DEFG"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Team ID '" + bad + "'");
  }

  @Test
  void nullIdsAreRefused() {
    assertThatThrownBy(() -> SigningKey.generate(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Team ID null");
  }

  @Test
  void p8RoundTripKeepsTheKeyPair() {
    SigningKey key = SigningKey.generate("TEAM123456", "ABC123DEFG");
    Path file = dir.resolve("AuthKey_ABC123DEFG.p8");

    key.writeP8(file);
    SigningKey loaded = SigningKey.fromP8(file, "TEAM123456", "ABC123DEFG");

    assertThat(loaded.publicKey().getW()).isEqualTo(key.publicKey().getW());
    assertThat(loaded.privateKey().orElseThrow().getS())
        .isEqualTo(key.privateKey().orElseThrow().getS());
    assertThat(key.toP8Pem())
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
  }

  @Test
  void opensslStyleP8WithEmbeddedPublicKeyLoads() throws Exception {
    SigningKey key = SigningKey.fromP8(OPENSSL_P8, "TEAM123456", "ABC123DEFG");

    // The public key derived from d equals the one openssl put in the file (last 65 bytes).
    byte[] der =
        Base64.getMimeDecoder()
            .decode(OPENSSL_P8.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", ""));
    byte[] x = java.util.Arrays.copyOfRange(der, der.length - 64, der.length - 32);
    assertThat(key.publicKey().getW().getAffineX()).isEqualTo(new java.math.BigInteger(1, x));

    String token = ProviderTokens.sign(key, Instant.parse("2026-01-01T09:00:00Z"));
    assertThat(token.split("\\.")).hasSize(3);
  }

  @Test
  void badP8TextIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> SigningKey.fromP8("hello", "TEAM123456", "ABC123DEFG"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BEGIN PRIVATE KEY");
    assertThatThrownBy(
            () ->
                SigningKey.fromP8(
                    "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----",
                    "TEAM123456",
                    "ABC123DEFG"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SEC1");
    assertThatThrownBy(
            () ->
                SigningKey.fromP8(
                    "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                    "TEAM123456",
                    "ABC123DEFG"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PKCS#8 EC private key");
  }

  @Test
  void missingFileIsAnUncheckedIoError() {
    assertThatThrownBy(() -> SigningKey.fromP8(dir.resolve("nope.p8"), "TEAM123456", "ABC123DEFG"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nope.p8");
  }

  @Test
  void keysOnOtherCurvesAreRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    var pair = generator.generateKeyPair();

    assertThatThrownBy(
            () -> SigningKey.ofPublicKey((ECPublicKey) pair.getPublic(), "TEAM123456", "ABC123DEFG"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("384-bit")
        .hasMessageContaining("P-256");

    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Files.writeString(dir.resolve("p384.p8"), pem);
    assertThatThrownBy(() -> SigningKey.fromP8(dir.resolve("p384.p8"), "TEAM123456", "ABC123DEFG"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("P-256");
  }

  @Test
  void publicOnlyKeyCannotSignNorWriteP8() {
    SigningKey full = SigningKey.generate("TEAM123456", "ABC123DEFG");
    SigningKey publicOnly = SigningKey.ofPublicKey(full.publicKey(), "TEAM123456", "ABC123DEFG");

    assertThat(publicOnly.privateKey()).isEmpty();
    assertThatThrownBy(() -> ProviderTokens.sign(publicOnly, Instant.EPOCH))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only a public key");
    assertThatThrownBy(() -> publicOnly.writeP8(dir.resolve("x.p8")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void limitedToMakesAnEnvironmentOnlyCopy() {
    SigningKey key = SigningKey.generate("TEAM123456", "ABC123DEFG");
    SigningKey production = key.limitedTo(Environment.PRODUCTION);

    assertThat(production.environments()).containsExactly(Environment.PRODUCTION);
    assertThat(production.usableIn(Environment.SANDBOX)).isFalse();
    assertThat(production.keyId()).isEqualTo(key.keyId());
    assertThat(production.publicKey()).isSameAs(key.publicKey());
    assertThat(key.environments()).hasSize(2);
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    SigningKey key = SigningKey.generate("TEAM123456", "ABC123DEFG");
    String pemBody = key.toP8Pem().split("\n")[1];

    assertThat(key.toString())
        .contains("ABC123DEFG", "TEAM123456")
        .doesNotContain(key.privateKey().orElseThrow().getS().toString())
        .doesNotContain(key.privateKey().orElseThrow().getS().toString(16))
        .doesNotContain(pemBody.substring(0, 20));
  }
}
