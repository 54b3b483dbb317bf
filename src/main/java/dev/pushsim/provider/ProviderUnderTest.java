package dev.pushsim.provider;

import dev.pushsim.device.TokenRegistration;
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
    REGISTER_TOKEN("registerToken", "register-token", "store a token an app registered"),
    UNREGISTER_TOKEN("unregisterToken", "unregister-token", "forget a token at logout"),
    PLACE_CALL("placeCall", "place-call", "place a call (a VoIP push)"),
    SEND_MESSAGE("sendMessage", "send-message", "send a message (an alert push)"),
    PRESENCE("presence", "presence", "learn that a user is online or offline");

    private final String key;
    private final String tag;
    private final String description;

    Operation(String key, String tag, String description) {
      this.key = key;
      this.tag = tag;
      this.description = description;
    }

    /** Its name in a provider file. */
    public String key() {
      return key;
    }

    /** The tag, without {@code @}, of the scenarios that need it. */
    public String tag() {
      return tag;
    }

    public String description() {
      return description;
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
