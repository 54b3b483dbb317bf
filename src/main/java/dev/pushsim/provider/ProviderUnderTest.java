package dev.pushsim.provider;

import dev.pushsim.app.TokenRegistration;
import java.util.Locale;
import java.util.Set;

/**
 * The push provider a scenario tests: a vendor backend that stores device tokens and sends pushes
 * through APNs. The bundled {@link ReferenceProvider} is one; a vendor's own backend is reached
 * through an adapter. Features that need an operation a provider lacks are skipped, not failed.
 */
public interface ProviderUnderTest extends AutoCloseable {

  /**
   * What a provider can be asked to do; a scenario needing one carries its tag, so that a
   * provider without it skips the scenario rather than fails it.
   */
  enum Operation {
    REGISTER_TOKEN("store a token an app registered", "userId", "token", "bundleId", "environment", "certificateId",
        "pushType"),
    UNREGISTER_TOKEN("forget a token at logout", "userId", "token"),
    PLACE_CALL("place a call (a VoIP push)", "from", "to", "displayName"),
    SEND_MESSAGE("send a message (an alert push)", "from", "to", "text"),
    PRESENCE("learn that a user is online or offline", "userId", "online");

    private final String key;
    private final String tag;
    private final String description;
    private final Set<String> placeholders;

    Operation(String description, String... placeholders) {
      String[] words = name().toLowerCase(Locale.ROOT).split("_");
      StringBuilder camel = new StringBuilder(words[0]);
      for (int i = 1; i < words.length; i++) {
        camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
      }
      this.key = camel.toString();
      this.tag = String.join("-", words);
      this.description = description;
      this.placeholders = Set.of(placeholders);
    }

    /** Its name in a provider file: the constant in camel case, {@code registerToken}. */
    public String key() {
      return key;
    }

    /**
     * The tag, without {@code @}, of the scenarios that need it: the constant in kebab case, {@code register-token}.
     */
    public String tag() {
      return tag;
    }

    public String description() {
      return description;
    }

    /** The placeholders, such as {@code token}, that this operation's templates in a provider file may name. */
    public Set<String> placeholders() {
      return placeholders;
    }
  }

  /** The operations this provider supports. */
  Set<Operation> operations();

  /** An app registered its token (Tencent's {@code setVOIP}, Sinch's managed push). */
  void registerToken(TokenRegistration registration);

  /** The user logged out: the provider must stop pushing to this token. */
  void unregisterToken(String userId, String token);

  /** {@code from} calls {@code to}: a VoIP push to each of {@code to}'s VoIP tokens (unless online, Tencent-style). */
  void placeCall(String from, String to, String displayName);

  /** {@code from} sends {@code to} a message: an alert push. */
  void sendMessage(String from, String to, String text);

  /** The user's IM connection is up or down: VoIP pushes go only to offline users (Tencent). */
  void setPresence(String userId, boolean online);

  @Override
  void close();
}
