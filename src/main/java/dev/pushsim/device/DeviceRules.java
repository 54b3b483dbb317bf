package dev.pushsim.device;

import java.time.Duration;

/**
 * The parameters of the PushKit/CallKit model. Apple's documented behaviour is fixed in code;
 * what Apple gives no number or no rule for is here, with PushSim's default
 * ({@link ModelKnobs} names them for world files, steps and docs).
 *
 * @param reportDeadline check 2: callservicesd kills an app that has not reported a call this
 *     long after delivery (exception 0xbaadca11); "about 7 s" in the field
 * @param strikeLimit model choice: after this many missed reports the device stops delivering
 *     VoIP pushes to the app until it is reinstalled; Apple publishes no number (guesses: 3 to 5)
 * @param strikeDecay model choice: whether a reported push forgives earlier misses
 * @param ringTimeout model choice: an incoming call nobody answers ends as unanswered after this
 * @param forceQuitVoip model choice: what a VoIP push does to an app the user force-quit
 * @param backgroundToUserKilledApps Apple: background pushes do not launch a user-killed app
 * @param alertsForUserKilledApps Apple: the system still shows alerts of a user-killed app
 * @param offlineStore model choice: one stored notification per app or per topic
 * @param offlineCap Apple: APNs stores a notification for an offline device "for 30 days or less"
 * @param historyKept not Apple's: how many shown notifications and how many ended calls each
 *     device keeps for tests to read (the journal keeps every event); memory per device grows
 *     with it, so a world of many devices under load keeps few
 * @param staleAfter model choice: on iOS 26.4 and later a VoIP push APNs held longer than this is
 *     "old enough" to discard ({@code PKVoIPPushMetadata.mustReport} false); Apple gives no number
 */
public record DeviceRules(
    Duration reportDeadline,
    int strikeLimit,
    StrikeDecay strikeDecay,
    Duration ringTimeout,
    ForceQuitVoip forceQuitVoip,
    boolean backgroundToUserKilledApps,
    boolean alertsForUserKilledApps,
    OfflineStore offlineStore,
    Duration offlineCap,
    int historyKept,
    Duration staleAfter) {

  public DeviceRules {
    requirePositive(reportDeadline, "The CallKit report deadline");
    if (strikeLimit < 1) {
      throw new IllegalArgumentException("The strike limit must be at least 1, not " + strikeLimit);
    }
    requirePositive(ringTimeout, "The ring timeout");
    requirePositive(offlineCap, "The offline store's cap");
    requirePositive(staleAfter, "The age at which a VoIP push is stale");
    if (strikeDecay == null || forceQuitVoip == null || offlineStore == null) {
      throw new IllegalArgumentException("Strike decay, the force-quit model and the offline store need a value.");
    }
    if (historyKept < 0) {
      throw new IllegalArgumentException("The history kept per device cannot be negative: " + historyKept);
    }
  }

  /**
   * 7 s deadline, 3 consecutive strikes, 60 s ring, force-quit apps launched for VoIP pushes but
   * not for background ones, one stored notification per topic for at most 30 days, 100 kept, a
   * VoIP push stale after 30 s.
   */
  public static DeviceRules defaults() {
    return new DeviceRules(Duration.ofSeconds(7), 3, StrikeDecay.RESET_ON_REPORT, Duration.ofSeconds(60),
        ForceQuitVoip.LAUNCH, false, true, OfflineStore.ONE_PER_TOPIC, Duration.ofDays(30), 100,
        Duration.ofSeconds(30));
  }

  public DeviceRules withReportDeadline(Duration value) {
    return new DeviceRules(value, strikeLimit, strikeDecay, ringTimeout, forceQuitVoip,
        backgroundToUserKilledApps, alertsForUserKilledApps, offlineStore, offlineCap, historyKept, staleAfter);
  }

  public DeviceRules withStrikeLimit(int value) {
    return new DeviceRules(reportDeadline, value, strikeDecay, ringTimeout, forceQuitVoip,
        backgroundToUserKilledApps, alertsForUserKilledApps, offlineStore, offlineCap, historyKept, staleAfter);
  }

  public DeviceRules withStrikeDecay(StrikeDecay value) {
    return new DeviceRules(reportDeadline, strikeLimit, value, ringTimeout, forceQuitVoip,
        backgroundToUserKilledApps, alertsForUserKilledApps, offlineStore, offlineCap, historyKept, staleAfter);
  }

  public DeviceRules withRingTimeout(Duration value) {
    return new DeviceRules(reportDeadline, strikeLimit, strikeDecay, value, forceQuitVoip,
        backgroundToUserKilledApps, alertsForUserKilledApps, offlineStore, offlineCap, historyKept, staleAfter);
  }

  public DeviceRules withForceQuitVoip(ForceQuitVoip value) {
    return new DeviceRules(reportDeadline, strikeLimit, strikeDecay, ringTimeout, value,
        backgroundToUserKilledApps, alertsForUserKilledApps, offlineStore, offlineCap, historyKept, staleAfter);
  }

  public DeviceRules withOfflineStore(OfflineStore value) {
    return new DeviceRules(reportDeadline, strikeLimit, strikeDecay, ringTimeout, forceQuitVoip,
        backgroundToUserKilledApps, alertsForUserKilledApps, value, offlineCap, historyKept, staleAfter);
  }

  public DeviceRules withOfflineCap(Duration value) {
    return new DeviceRules(reportDeadline, strikeLimit, strikeDecay, ringTimeout, forceQuitVoip,
        backgroundToUserKilledApps, alertsForUserKilledApps, offlineStore, value, historyKept, staleAfter);
  }

  public DeviceRules withHistoryKept(int value) {
    return new DeviceRules(reportDeadline, strikeLimit, strikeDecay, ringTimeout, forceQuitVoip,
        backgroundToUserKilledApps, alertsForUserKilledApps, offlineStore, offlineCap, value, staleAfter);
  }

  public DeviceRules withStaleAfter(Duration value) {
    return new DeviceRules(reportDeadline, strikeLimit, strikeDecay, ringTimeout, forceQuitVoip,
        backgroundToUserKilledApps, alertsForUserKilledApps, offlineStore, offlineCap, historyKept, value);
  }

  private static void requirePositive(Duration value, String what) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, not " + value);
    }
  }
}
