package dev.pushsim.apns;

import dev.pushsim.push.Reason;

/**
 * What APNs answers to one request: status and reason, the {@code apns-id} (always echoed or
 * generated), the sandbox's {@code apns-unique-id}, and for 410 the last time the token was
 * valid.
 *
 * @param reason the decision; {@link Reason#SUCCESS} for 200
 * @param apnsId the id sent back in the {@code apns-id} header
 * @param uniqueId the {@code apns-unique-id} header value (sandbox only), or null
 * @param timestamp for 410: milliseconds since the epoch; otherwise null
 * @param detail why, in a sentence, for the journal and logs; never sent to the client
 */
public record ApnsResponse(Reason reason, String apnsId, String uniqueId, Long timestamp, String detail) {

  public int status() {
    return reason.status();
  }

  public boolean accepted() {
    return reason == Reason.SUCCESS;
  }

  /** The JSON body Apple sends with an error, or null for success. */
  public String body() {
    if (reason == Reason.SUCCESS) {
      return null;
    }
    return timestamp == null
        ? "{\"reason\":\"" + reason.wireString() + "\"}"
        : "{\"reason\":\"" + reason.wireString() + "\",\"timestamp\":" + timestamp + "}";
  }

  @Override
  public String toString() {
    return reason + " apns-id=" + apnsId + (detail == null ? "" : " (" + detail + ")");
  }
}
