package dev.pushsim.device;

import dev.pushsim.apns.DeviceToken;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which installed app holds each device token: how an accepted push finds its phone. */
public final class AppIndex {

  private final ConcurrentHashMap<String, InstalledApp> byToken = new ConcurrentHashMap<>();

  void add(InstalledApp app) {
    for (DeviceToken token : new DeviceToken[] {app.apnsToken(), app.voipToken()}) {
      if (token != null) {
        byToken.put(token.hex(), app);
      }
    }
  }

  void remove(InstalledApp app) {
    for (DeviceToken token : new DeviceToken[] {app.apnsToken(), app.voipToken()}) {
      if (token != null) {
        byToken.remove(token.hex(), app);
      }
    }
  }

  /** The app that holds {@code tokenHex} (lower-case), if it is still installed. */
  public Optional<InstalledApp> find(String tokenHex) {
    return Optional.ofNullable(byToken.get(tokenHex));
  }

  public int size() {
    return byToken.size();
  }
}
