package dev.pushsim.device;

import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.TokenRegistry;
import java.util.Optional;

/**
 * Which installed app holds each device token: how an accepted push finds its phone. A view of
 * the token registry, whose tokens name their holder, so a world of a million tokens keeps no
 * second index.
 */
public final class AppIndex {

  private final TokenRegistry tokens;

  AppIndex(TokenRegistry tokens) {
    this.tokens = tokens;
  }

  /** The app that holds {@code tokenHex}, if it is still installed (its token still valid). */
  public Optional<InstalledApp> find(String tokenHex) {
    return tokens.find(tokenHex).flatMap(AppIndex::holder);
  }

  private static Optional<InstalledApp> holder(DeviceToken token) {
    return token.isUnregistered() || !(token.holder() instanceof InstalledApp app) ? Optional.empty() : Optional.of(app);
  }
}
