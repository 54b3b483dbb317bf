package dev.pushsim.device;

/**
 * What an app is entitled to, from its signing and Info.plist: the Push Notifications capability,
 * the Voice over IP background mode (PushKit VoIP pushes), and CallKit.
 */
public record Capabilities(boolean pushNotifications, boolean voipBackgroundMode, boolean callKit) {

  /** A VoIP calling app as the seeds require: push, VoIP background mode, CallKit. */
  public static Capabilities voipApp() {
    return new Capabilities(true, true, true);
  }

  /** An app with push notifications only: it gets no VoIP token. */
  public static Capabilities pushOnly() {
    return new Capabilities(true, false, false);
  }

  public Capabilities withVoipBackgroundMode(boolean value) {
    return new Capabilities(pushNotifications, value, callKit);
  }

  public Capabilities withCallKit(boolean value) {
    return new Capabilities(pushNotifications, voipBackgroundMode, value);
  }
}
