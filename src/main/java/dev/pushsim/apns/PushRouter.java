package dev.pushsim.apns;

import dev.pushsim.push.AcceptedPush;

/**
 * Carries accepted notifications to the devices. The world's device model implements it; the
 * server calls it on a network thread, so an implementation hands work off quickly.
 */
@FunctionalInterface
public interface PushRouter {

  /** Drops every push: APNs alone, with no devices behind it. */
  PushRouter NONE = push -> {};

  void route(AcceptedPush push);
}
