package dev.pushsim.harness;

/**
 * What the fake APNs answered to a scenario's request.
 *
 * @param reason Apple's reason string, or null for 200
 * @param timestamp the 410 timestamp, or null
 */
public record ApnsAnswer(int status, String reason, String apnsId, Long timestamp) {

  @Override
  public String toString() {
    return reason == null ? String.valueOf(status) : status + " " + reason;
  }
}
