package dev.pushsim.apns.auth;

import dev.pushsim.push.Reason;
import java.util.Objects;

/**
 * The outcome of checking one request's provider token: accepted, or the APNs reason to answer
 * with, and a short sentence saying why for logs and the journal.
 *
 * @param accepted true when the request may proceed
 * @param reason {@link Reason#SUCCESS} when accepted, else the 403/429 reason
 * @param teamId the team of the token's key, when the key is known to the server; else null
 * @param keyId the token's key id, when the key is known to the server; else null
 * @param detail why, in one sentence; never contains the token itself
 * @param issuedAtSeconds an accepted token's {@code iat}, in epoch seconds; 0 when refused
 */
public record AuthDecision(
    boolean accepted, Reason reason, String teamId, String keyId, String detail, long issuedAtSeconds) {

  public AuthDecision {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    if (accepted != (reason == Reason.SUCCESS)) {
      throw new IllegalArgumentException(
          "A decision is accepted exactly when its reason is SUCCESS, not " + reason + ".");
    }
  }

  /** An accepted token of key {@code keyId} of team {@code teamId}, issued at {@code issuedAtSeconds}. */
  public static AuthDecision success(String teamId, String keyId, String detail, long issuedAtSeconds) {
    return new AuthDecision(true, Reason.SUCCESS, teamId, keyId, detail, issuedAtSeconds);
  }

  /** A refused token; {@code teamId} and {@code keyId} may be null when the key is unknown. */
  public static AuthDecision reject(Reason reason, String teamId, String keyId, String detail) {
    return new AuthDecision(false, reason, teamId, keyId, detail, 0);
  }

  /** The HTTP status to answer with. */
  public int status() {
    return reason.status();
  }
}
