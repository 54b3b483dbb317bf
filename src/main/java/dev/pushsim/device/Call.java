package dev.pushsim.device;

import java.time.Instant;

/** A call CallKit shows: ringing, then answered, declined or unanswered. */
public final class Call {

  /** Where a call is in its life. */
  public enum State { RINGING, ANSWERED, DECLINED, UNANSWERED, ENDED }

  private final CallUpdate update;
  private final String bundleId;
  private final String apnsId;
  private final Instant reportedAt;
  private volatile State state = State.RINGING;

  Call(CallUpdate update, String bundleId, String apnsId, Instant reportedAt) {
    this.update = update;
    this.bundleId = bundleId;
    this.apnsId = apnsId;
    this.reportedAt = reportedAt;
  }

  public CallUpdate update() {
    return update;
  }

  public String displayName() {
    return update.displayName();
  }

  public String bundleId() {
    return bundleId;
  }

  public String apnsId() {
    return apnsId;
  }

  public Instant reportedAt() {
    return reportedAt;
  }

  public State state() {
    return state;
  }

  /** Ringing or answered: CallKit holds it, so a second report with its UUID fails. */
  public boolean active() {
    return state == State.RINGING || state == State.ANSWERED;
  }

  void moveTo(State next) {
    this.state = next;
  }

  @Override
  public String toString() {
    return "call from " + update.displayName() + " (" + state + ", " + update.callUuid() + ")";
  }
}
