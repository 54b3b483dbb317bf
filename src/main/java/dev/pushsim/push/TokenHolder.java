package dev.pushsim.push;

/**
 * The device end of a device token: the installed app that registered it. APNs knows which
 * device each token reaches (the token encodes it); the simulator keeps that as a reference on
 * the token, so routing an accepted push needs no second index of a million entries.
 */
public interface TokenHolder {

  /** APNs hands over a push it accepted for this holder's token. */
  void receive(AcceptedPush push);
}
