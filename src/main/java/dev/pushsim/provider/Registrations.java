package dev.pushsim.provider;

import dev.pushsim.app.TokenRegistration;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reference provider's registrations: what an app's registration must hold, which environment
 * a token belongs to (Tencent's certificate ID or Sinch's explicit environment), and the
 * {@link TokenBook} they are kept in. Thread-safe.
 */
final class Registrations {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  /** What Apple's NSData description and careless SDKs wrap tokens in. */
  private static final Pattern TOKEN_DECORATION = Pattern.compile("[\\s<>]");

  private final String bundleId;
  private final Map<String, Environment> certificateIds;
  private final TokenBook tokens = new TokenBook();

  Registrations(String bundleId, Map<String, Environment> certificateIds) {
    this.bundleId = bundleId;
    this.certificateIds = Map.copyOf(certificateIds);
  }

  TokenBook tokens() {
    return tokens;
  }

  /** Validates {@code registration}, fills in its defaults, and stores it; returns what was stored. */
  TokenRegistration register(TokenRegistration registration) {
    if (registration == null) {
      throw new IllegalArgumentException("A registration is required.");
    }
    String userId = requireUserId(registration.userId(), "userId");
    String token = normalizeToken(registration.token());
    Channel channel = registration.channel() == null ? Channel.VOIP : registration.channel();
    String bundle = registration.bundleId() == null || registration.bundleId().isBlank() ? bundleId
        : registration.bundleId().trim();
    Environment environment = environmentOf(registration);
    TokenRegistration stored = new TokenRegistration(userId, token, bundle, environment, registration.certificateId(),
        channel);
    tokens.register(stored);
    return stored;
  }

  void unregister(String userId, String token) {
    tokens.unregister(requireUserId(userId, "userId"), normalizeToken(token));
  }

  private Environment environmentOf(TokenRegistration registration) {
    String certificateId = registration.certificateId();
    if (certificateId != null && !certificateIds.isEmpty()) {
      Environment known = certificateIds.get(certificateId);
      if (known == null) {
        throw new IllegalArgumentException("Unknown certificate ID '" + certificateId + "': this provider has "
            + describeCertificateIds() + ".");
      }
      // Tencent: the certificate ID names the uploaded certificate, hence the environment.
      return known;
    }
    if (registration.environment() == null) {
      throw new IllegalArgumentException("Field 'environment' is required (\"development\" or \"production\")"
          + " unless a known 'certificateId' is given.");
    }
    return registration.environment();
  }

  private String describeCertificateIds() {
    StringBuilder text = new StringBuilder();
    certificateIds.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder())).forEach(entry ->
        text.append(text.length() == 0 ? ""
            : ", ").append(entry.getKey()).append(" (").append(entry.getValue().apsEnvironment()).append(')'));
    return text.toString();
  }

  static String requireUserId(String userId, String field) {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("Field '" + field + "' is required: a non-empty user id.");
    }
    if (userId.length() > ReferenceProvider.MAX_USER_ID_CHARS) {
      throw new IllegalArgumentException("Field '" + field + "' is " + userId.length()
          + " characters long; user ids have at most "
          + ReferenceProvider.MAX_USER_ID_CHARS + ".");
    }
    return userId;
  }

  /** Lower-case hex without Apple's {@code <...>} wrapping or spaces. */
  static String normalizeToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("Field 'token' is required: the device token in hex.");
    }
    String hex = TOKEN_DECORATION.matcher(token).replaceAll("").toLowerCase(Locale.ROOT);
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("Field 'token' must be the device token in hex (0-9, a-f), not \""
          + (token.length() > 80 ? token.substring(0, 80) + "..." : token) + "\".");
    }
    if (hex.length() > ReferenceProvider.MAX_TOKEN_HEX_CHARS) {
      throw new IllegalArgumentException("Field 'token' is " + hex.length() + " hex digits long; at most "
          + ReferenceProvider.MAX_TOKEN_HEX_CHARS + " are accepted.");
    }
    return hex;
  }
}
