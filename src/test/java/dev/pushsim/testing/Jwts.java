package dev.pushsim.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds provider tokens part by part, so that tests can forge every kind of wrong one. */
public final class Jwts {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Jwts() {}

  /** A JOSE header {@code {"alg": alg, "kid": kid}}. */
  public static Map<String, Object> header(String alg, String kid) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", alg);
    header.put("kid", kid);
    return header;
  }

  /** Apple's claims {@code {"iss": teamId, "iat": issuedAtSeconds}}. */
  public static Map<String, Object> claims(String teamId, long issuedAtSeconds) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", teamId);
    claims.put("iat", issuedAtSeconds);
    return claims;
  }

  /** {@code base64url(header).base64url(claims)}: what is signed. */
  public static String signingInput(Map<String, Object> header, Map<String, Object> claims) {
    return base64Url(json(header)) + "." + base64Url(json(claims));
  }

  /** An ES256-shaped token signed with {@code key} by {@code algorithm} (a JDK Signature name). */
  public static String signed(Map<String, Object> header, Map<String, Object> claims, PrivateKey key, String algorithm) {
    String input = signingInput(header, claims);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + base64Url(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token "signed" with HMAC-SHA256 keyed by {@code secret}: the alg-confusion attack. */
  public static String hmac(Map<String, Object> header, Map<String, Object> claims, byte[] secret) {
    String input = signingInput(header, claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + base64Url(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String base64Url(byte[] bytes) {
    return BASE64URL.encodeToString(bytes);
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Text as base64url, for hand-written JSON parts. */
  public static String base64Url(String text) {
    return base64Url(text.getBytes(StandardCharsets.UTF_8));
  }
}
