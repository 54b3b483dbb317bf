package dev.pushsim.apns.auth;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Parses provider tokens defensively: every way a token can be wrong ends in a
 * {@link MalformedTokenException} with a short reason, never in another exception.
 */
final class ProviderTokenParser {

  /** Longer tokens are refused unread: an ES256 token is about 200 characters. */
  static final int MAX_TOKEN_CHARS = 8 * 1024;

  /** The last second of year 9999: later {@code iat} values are nonsense and risk overflow. */
  private static final long MAX_IAT_SECONDS = 253_402_300_799L;

  private static final int RAW_SIGNATURE_BYTES = 2 * P256.FIELD_BYTES;

  // Duplicate members are refused so that a token cannot mean two things to two parsers.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private ProviderTokenParser() {}

  static ParsedToken parse(String token, boolean acceptDer) throws MalformedTokenException {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new MalformedTokenException(
          "token is " + token.length() + " characters; tokens over " + MAX_TOKEN_CHARS
              + " are refused unread");
    }
    int firstDot = token.indexOf('.');
    int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
      throw new MalformedTokenException("token is not a JWT of three dot-separated parts");
    }
    JsonNode header = json(token.substring(0, firstDot), "header");
    String alg = text(header, "alg", "header");
    if (!"ES256".equals(alg)) {
      throw new MalformedTokenException(
          "JWT alg " + Detail.quote(alg) + " is not supported; APNs accepts only ES256");
    }
    String keyId = text(header, "kid", "header");
    JsonNode claims = json(token.substring(firstDot + 1, secondDot), "claims");
    String teamId = text(claims, "iss", "claims");
    long issuedAt = issuedAt(claims);
    byte[] signature = decode(token.substring(secondDot + 1), "signature");
    byte[] signingInput = token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
    // 64 bytes is r‖s: a DER signature of exactly 64 bytes would need unusually short r and s.
    if (signature.length == RAW_SIGNATURE_BYTES) {
      return new ParsedToken(keyId, teamId, issuedAt, signingInput, signature, false);
    }
    if (!acceptDer) {
      throw new MalformedTokenException(
          "JWT signature is " + signature.length
              + " bytes, not a 64-byte r||s value; this server refuses DER signatures");
    }
    byte[] raw = EcdsaSignatures.derToRaw(signature, P256.FIELD_BYTES);
    if (raw == null) {
      throw new MalformedTokenException(
          "JWT signature (" + signature.length
              + " bytes) is neither a 64-byte r||s value nor a DER ECDSA signature on P-256");
    }
    return new ParsedToken(keyId, teamId, issuedAt, signingInput, raw, true);
  }

  private static JsonNode json(String part, String name) throws MalformedTokenException {
    byte[] bytes = decode(part, name);
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      throw new MalformedTokenException("JWT " + name + " is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new MalformedTokenException("JWT " + name + " is not a JSON object");
    }
    return node;
  }

  private static byte[] decode(String part, String name) throws MalformedTokenException {
    if (part.isEmpty()) {
      throw new MalformedTokenException("JWT " + name + " is empty");
    }
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new MalformedTokenException("JWT " + name + " is not base64url");
    }
  }

  private static String text(JsonNode object, String field, String name)
      throws MalformedTokenException {
    JsonNode value = object.get(field);
    if (value == null || !value.isTextual()) {
      throw new MalformedTokenException("JWT " + name + " has no string \"" + field + "\"");
    }
    return value.textValue();
  }

  private static long issuedAt(JsonNode claims) throws MalformedTokenException {
    JsonNode iat = claims.get("iat");
    if (iat == null || !iat.isIntegralNumber() || !iat.canConvertToLong()) {
      throw new MalformedTokenException("JWT claims have no integer \"iat\" (seconds since 1970)");
    }
    long seconds = iat.longValue();
    if (seconds < 0 || seconds > MAX_IAT_SECONDS) {
      throw new MalformedTokenException("JWT iat " + seconds + " is not a plausible time");
    }
    return seconds;
  }
}
