package dev.pushsim.apns;

/** One named validation step of the fake APNs; each maps a fault in the request to one reason. */
@FunctionalInterface
interface RequestCheck {
  Verdict apply(PushContext push);
}
