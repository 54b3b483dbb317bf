package dev.pushsim.world;

import dev.pushsim.apns.AcceptedPush;
import dev.pushsim.apns.PushRouter;
import dev.pushsim.device.AppIndex;

/**
 * Carries each accepted push to the simulated device whose app holds the token. A token that
 * no simulated device holds (registered straight into the token registry) goes nowhere: APNs
 * accepted it, which is all a provider can see.
 */
final class DeviceRouter implements PushRouter {

  private final AppIndex apps;

  DeviceRouter(AppIndex apps) {
    this.apps = apps;
  }

  @Override
  public void route(AcceptedPush push) {
    apps.find(push.token().hex()).ifPresent(app -> app.device().receive(app, push));
  }
}
