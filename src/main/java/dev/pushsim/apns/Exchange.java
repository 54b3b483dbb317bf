package dev.pushsim.apns;

import dev.pushsim.push.Reason;
import java.time.Duration;
import java.util.List;

/**
 * What the connection must do with one judged request, decided by {@link ApnsService} from the
 * verdict and the faults due, and acted out by the Netty handler in one place. Each carries the
 * judged {@link ApnsResponse}: the answer sent, or for the effects that send none, the answer the
 * journal records as judged.
 */
public sealed interface Exchange {

  /** The judged answer. */
  ApnsResponse response();

  /** Send the answer now (flushed with the read batch). */
  record Answer(ApnsResponse response) implements Exchange {}

  /** Send the answer after {@code delay} of real time. */
  record DelayedAnswer(ApnsResponse response, Duration delay) implements Exchange {}

  /** Send the answer (after {@code delay}, zero for none), then GOAWAY with {@code reason} and close. */
  record AnswerThenGoAway(ApnsResponse response, Duration delay, Reason reason) implements Exchange {}

  /** Close the connection without answering. */
  record Drop(ApnsResponse response) implements Exchange {}

  /** Reset the stream with RST_STREAM {@code error}; the connection serves on. */
  record ResetStream(ApnsResponse response, String error, long errorCode) implements Exchange {}

  /** Never answer; the stream waits until the provider resets it or the connection closes. */
  record Stall(ApnsResponse response) implements Exchange {}

  /**
   * The effect of {@code faults} on {@code response}. What ends the exchange without an answer
   * wins over what shapes the answer: drop, then reset, then stall; delays add up.
   */
  static Exchange of(ApnsResponse response, List<Fault> faults) {
    Duration delay = Duration.ZERO;
    Reason goAway = null;
    Fault.ResetStream reset = null;
    boolean stall = false;
    for (Fault fault : faults) {
      if (fault instanceof Fault.DropConnection) {
        return new Drop(response);
      } else if (fault instanceof Fault.ResetStream r) {
        reset = r;
      } else if (fault instanceof Fault.Stall) {
        stall = true;
      } else if (fault instanceof Fault.Delay d) {
        delay = delay.plus(d.delay());
      } else if (fault instanceof Fault.GoAway g) {
        goAway = g.reason();
      } // Respond is already the verdict; StreamLimit applies to connections, never due for a request
    }
    if (reset != null) {
      return new ResetStream(response, reset.error(), reset.code());
    }
    if (stall) {
      return new Stall(response);
    }
    if (goAway != null) {
      return new AnswerThenGoAway(response, delay, goAway);
    }
    return delay.isZero() ? new Answer(response) : new DelayedAnswer(response, delay);
  }

  /** True when the provider gets the answer (now, later, or before a GOAWAY). */
  default boolean answers() {
    return this instanceof Answer || this instanceof DelayedAnswer || this instanceof AnswerThenGoAway;
  }
}
