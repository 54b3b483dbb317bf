package dev.pushsim.push;

/**
 * Which registration on the device a token came from. The two tokens of one app differ, and a
 * push must use the token of its own channel.
 */
public enum Channel {
  /** The UserNotifications token ({@code registerForRemoteNotifications}): alert, background and the rest. */
  APNS("apns"),
  /** The PushKit VoIP token ({@code PKPushRegistry} with {@code PKPushTypeVoIP}). */
  VOIP("voip");

  private final String wireName;

  Channel(String wireName) {
    this.wireName = wireName;
  }

  /** The name providers' REST APIs use for this channel: {@code "voip"} or {@code "apns"}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The channel a provider's REST body names, in any case; {@code "voip"} when it names none,
   * since a calling SDK registers its PushKit token first.
   */
  public static Channel fromWireName(String text) {
    if (text == null || text.isBlank()) {
      return VOIP;
    }
    for (Channel channel : values()) {
      if (channel.wireName.equalsIgnoreCase(text.trim())) {
        return channel;
      }
    }
    throw new IllegalArgumentException("Field 'pushType' must be \"voip\" (a PushKit token) or \"apns\" (a UserNotifications token), not \""
        + text + "\".");
  }
}
