package dev.pushsim.world;

import dev.pushsim.apns.PushRouter;
import dev.pushsim.push.AcceptedPush;
import dev.pushsim.push.TokenHolder;

/**
 * Carries each accepted push to the simulated device whose app holds the token. A token that
 * no simulated device holds (registered straight into the token registry) goes nowhere: APNs
 * accepted it, which is all a provider can see.
 */
final class DeviceRouter implements PushRouter {

  @Override
  public void route(AcceptedPush push) {
    TokenHolder holder = push.token().holder();
    if (holder != null) {
      holder.receive(push);
    }
  }
}
