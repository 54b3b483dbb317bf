package dev.pushsim.apns.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Mints APNs provider tokens (ES256 JWTs) for tests, the CLI and the reference provider, with
 * the JDK's own ECDSA.
 */
public final class ProviderTokens {

  /** How the 64-byte ECDSA signature (r, s) is written in the token's third part. */
  public enum SignatureEncoding {
    /** JOSE's fixed-size r‖s, 32 bytes each (RFC 7518 §3.4): what the JWT standard says. */
    RAW,
    /** ASN.1 DER {@code SEQUENCE {r INTEGER, s INTEGER}}: what Pushy and other clients send. */
    DER
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private ProviderTokens() {}

  /** A token for {@code key} issued at {@code issuedAt}, signature as raw r‖s. */
  public static String sign(SigningKey key, Instant issuedAt) {
    return sign(key, issuedAt, SignatureEncoding.RAW);
  }

  /**
   * A token {@code {"alg":"ES256","kid":<key id>}.{"iss":<team id>,"iat":<seconds>}.<signature>}
   * for {@code key}, issued at {@code issuedAt} (truncated to whole seconds).
   *
   * @throws IllegalStateException when {@code key} has no private half
   */
  public static String sign(SigningKey key, Instant issuedAt, SignatureEncoding encoding) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(encoding, "encoding");
    ECPrivateKey privateKey =
        key.privateKey()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Key " + key.keyId() + " of team " + key.teamId()
                            + " has only a public key; it cannot sign tokens."));
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("kid", key.keyId());
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", key.teamId());
    claims.put("iat", issuedAt.getEpochSecond());
    String signingInput = segment(header) + "." + segment(claims);
    return signingInput + "." + base64Url(signature(privateKey, signingInput, encoding));
  }

  /** The {@code authorization} header value carrying {@code token}: {@code "bearer <token>"}. */
  public static String authorizationHeader(String token) {
    return "bearer " + Objects.requireNonNull(token, "token");
  }

  /** Base64url of the JSON of {@code value}, without padding: one part of a JWT. */
  static String segment(Object value) {
    try {
      return base64Url(JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write a JWT part as JSON: " + e.getMessage(), e);
    }
  }

  static String base64Url(byte[] bytes) {
    return BASE64URL.encodeToString(bytes);
  }

  private static byte[] signature(
      ECPrivateKey privateKey, String signingInput, SignatureEncoding encoding) {
    // SunEC gives both forms: plain "SHA256withECDSA" is DER, the P1363 variant is raw r‖s.
    String algorithm =
        encoding == SignatureEncoding.RAW ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA";
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK could not sign with " + algorithm + ": " + e, e);
    }
  }
}
