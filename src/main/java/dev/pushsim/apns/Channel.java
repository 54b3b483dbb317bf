package dev.pushsim.apns;

/**
 * Which registration on the device a token came from. The two tokens of one app differ, and a
 * push must use the token of its own channel.
 */
public enum Channel {
  /** The UserNotifications token ({@code registerForRemoteNotifications}): alert, background and the rest. */
  APNS,
  /** The PushKit VoIP token ({@code PKPushRegistry} with {@code PKPushTypeVoIP}). */
  VOIP
}
