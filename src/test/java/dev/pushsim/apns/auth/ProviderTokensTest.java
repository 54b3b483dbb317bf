package dev.pushsim.apns.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.apns.auth.ProviderTokens.SignatureEncoding;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ProviderTokensTest {

  static final SigningKey KEY = SigningKey.generate("TEAM123456", "ABC123DEFG");
  static final Instant ISSUED = Instant.parse("2026-01-01T09:00:00.750Z");

  @Test
  void tokenHasApplesHeaderAndClaims() throws Exception {
    String token = ProviderTokens.sign(KEY, ISSUED);
    String[] parts = token.split("\\.");
    ObjectMapper json = new ObjectMapper();

    assertThat(token).doesNotContain("=", "+", "/");
    JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
    JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(header.toString()).isEqualTo("{\"alg\":\"ES256\",\"kid\":\"ABC123DEFG\"}");
    assertThat(claims.toString()).isEqualTo("{\"iss\":\"TEAM123456\",\"iat\":1767258000}");
    assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(64);
  }

  @Test
  void derEncodingConvertsToTheSameRawForm() throws Exception {
    String token = ProviderTokens.sign(KEY, ISSUED, SignatureEncoding.DER);

    ParsedToken parsed = ProviderTokenParser.parse(token, true);

    assertThat(parsed.der()).isTrue();
    assertThat(parsed.rawSignature()).hasSize(64);
    assertThat(parsed.keyId()).isEqualTo("ABC123DEFG");
    assertThat(parsed.teamId()).isEqualTo("TEAM123456");
    assertThat(parsed.issuedAtSeconds()).isEqualTo(1767258000L);
  }

  @Test
  void derToRawHandlesShortAndPaddedIntegers() {
    // r = 0x80 needs a leading zero in DER; s = 1 is one byte.
    byte[] der = {0x30, 0x07, 0x02, 0x02, 0x00, (byte) 0x80, 0x02, 0x01, 0x01};
    byte[] raw = EcdsaSignatures.derToRaw(der, 32);

    assertThat(raw).hasSize(64);
    assertThat(raw[31]).isEqualTo((byte) 0x80);
    assertThat(raw[63]).isEqualTo((byte) 0x01);
    // Non-minimal, negative, or trailing bytes are not DER.
    assertThat(EcdsaSignatures.derToRaw(new byte[] {0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01}, 32)).isNull();
    assertThat(EcdsaSignatures.derToRaw(new byte[] {0x30, 0x06, 0x02, 0x01, (byte) 0x80, 0x02, 0x01, 0x01}, 32)).isNull();
    assertThat(EcdsaSignatures.derToRaw(new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00}, 32)).isNull();
  }

  @Test
  void eachIssueTimeGivesADifferentToken() {
    assertThat(ProviderTokens.sign(KEY, ISSUED))
        .isNotEqualTo(ProviderTokens.sign(KEY, ISSUED.plus(Duration.ofSeconds(1))));
  }

  @Test
  void authorizationHeaderIsBearer() {
    assertThat(ProviderTokens.authorizationHeader("a.b.c")).isEqualTo("bearer a.b.c");
  }
}
