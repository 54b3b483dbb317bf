package dev.pushsim.apns;

import dev.pushsim.push.Reason;

/**
 * The outcome of one validation check: pass, or a reason with a sentence saying why.
 *
 * @param timestamp for 410 answers: when the token stopped being valid, in ms; else null
 */
record Verdict(Reason reason, String detail, Long timestamp) {

  static final Verdict PASS = new Verdict(Reason.SUCCESS, null, null);

  static Verdict reject(Reason reason, String detail) {
    return new Verdict(reason, detail, null);
  }

  static Verdict gone(Reason reason, String detail, long timestampMillis) {
    return new Verdict(reason, detail, timestampMillis);
  }

  boolean passed() {
    return reason == Reason.SUCCESS;
  }
}
