package dev.pushsim.device;

import java.time.Duration;

/**
 * The parameters of the PushKit/CallKit model. Apple's documented behaviour is fixed in code;
 * what Apple gives no number or no rule for is here, with PushSim's default.
 *
 * @param reportDeadline check 2: callservicesd kills an app that has not reported a call this
 *     long after delivery (exception 0xbaadca11); "about 7 s" in the field
 * @param strikeLimit model choice: after this many missed reports the device stops delivering
 *     VoIP pushes to the app until it is reinstalled; Apple publishes no number (guesses: 3 to 5)
 * @param ringTimeout model choice: an incoming call nobody answers ends as unanswered after this
 * @param voipToUserKilledApps model choice following the Sinch seed: false = a user-killed app
 *     gets no VoIP push until the user launches it; Apple documents nothing for VoIP
 * @param backgroundToUserKilledApps Apple: background pushes do not launch a user-killed app
 * @param alertsForUserKilledApps Apple: the system still shows alerts of a user-killed app
 * @param historyKept not Apple's: how many shown notifications and how many ended calls each
 *     device keeps for tests to read (the journal keeps every event); memory per device grows
 *     with it, so a world of many devices under load keeps few
 */
public record DeviceRules(
    Duration reportDeadline,
    int strikeLimit,
    Duration ringTimeout,
    boolean voipToUserKilledApps,
    boolean backgroundToUserKilledApps,
    boolean alertsForUserKilledApps,
    int historyKept) {

  public DeviceRules {
    if (reportDeadline.isNegative() || reportDeadline.isZero()) {
      throw new IllegalArgumentException("The CallKit report deadline must be positive, not " + reportDeadline);
    }
    if (strikeLimit < 1) {
      throw new IllegalArgumentException("The strike limit must be at least 1, not " + strikeLimit);
    }
    if (ringTimeout.isNegative() || ringTimeout.isZero()) {
      throw new IllegalArgumentException("The ring timeout must be positive, not " + ringTimeout);
    }
    if (historyKept < 0) {
      throw new IllegalArgumentException("The history kept per device cannot be negative: " + historyKept);
    }
  }

  /** 7 s deadline, 3 strikes, 60 s ring, user-killed apps get no VoIP or background pushes, 100 of each kept. */
  public static DeviceRules defaults() {
    return new DeviceRules(Duration.ofSeconds(7), 3, Duration.ofSeconds(60), false, false, true, 100);
  }

  public DeviceRules withReportDeadline(Duration value) {
    return new DeviceRules(value, strikeLimit, ringTimeout, voipToUserKilledApps, backgroundToUserKilledApps, alertsForUserKilledApps, historyKept);
  }

  public DeviceRules withStrikeLimit(int value) {
    return new DeviceRules(reportDeadline, value, ringTimeout, voipToUserKilledApps, backgroundToUserKilledApps, alertsForUserKilledApps, historyKept);
  }

  public DeviceRules withRingTimeout(Duration value) {
    return new DeviceRules(reportDeadline, strikeLimit, value, voipToUserKilledApps, backgroundToUserKilledApps, alertsForUserKilledApps, historyKept);
  }

  public DeviceRules withVoipToUserKilledApps(boolean value) {
    return new DeviceRules(reportDeadline, strikeLimit, ringTimeout, value, backgroundToUserKilledApps, alertsForUserKilledApps, historyKept);
  }

  public DeviceRules withHistoryKept(int value) {
    return new DeviceRules(reportDeadline, strikeLimit, ringTimeout, voipToUserKilledApps, backgroundToUserKilledApps, alertsForUserKilledApps, value);
  }
}
