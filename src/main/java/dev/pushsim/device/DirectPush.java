package dev.pushsim.device;

import dev.pushsim.push.AcceptedPush;
import dev.pushsim.push.Channel;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.PushType;
import java.util.Locale;
import java.util.UUID;

/** A push handed to an app without APNs, as {@code xcrun simctl push} does: APNs' defaults, a new apns-id. */
final class DirectPush {

  private DirectPush() {}

  /** @throws IllegalStateException when the app has no token for {@code type} */
  static AcceptedPush to(InstalledApp app, String deviceName, PushType type, byte[] json) {
    DeviceToken token = type.channel() == Channel.VOIP ? app.voipToken() : app.apnsToken();
    if (token == null) {
      throw new IllegalStateException(app.bundleId() + " on " + deviceName + (type.channel() == Channel.VOIP
          ? " has no VoIP token: it lacks the Voice over IP background mode"
          : " has no APNs token: it lacks the Push Notifications capability"));
    }
    String apnsId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    int priority = type == PushType.BACKGROUND ? 5 : 10;
    return new AcceptedPush(apnsId, token, type, type.topicFor(app.bundleId()), priority, null, null, json,
        token.environment());
  }
}
