package dev.pushsim.apns;

import dev.pushsim.push.Reason;
import java.time.Duration;
import java.util.Objects;

/** A misbehaviour the fake APNs can be told to show, so that providers can be tested against it. */
public sealed interface Fault {

  /** Answer with {@code reason} instead of judging the request (500, 503, 429, ...). */
  record Respond(Reason reason) implements Fault {
    public Respond {
      Objects.requireNonNull(reason, "reason");
      if (reason == Reason.SUCCESS) {
        throw new IllegalArgumentException("A fault answers with an error reason, not success.");
      }
    }
  }

  /** Hold the answer back for {@code delay} of real time (network latency is real, not simulated). */
  record Delay(Duration delay) implements Fault {
    public Delay {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("A delay cannot be negative: " + delay);
      }
    }
  }

  /** Answer the request, then send GOAWAY with {@code {"reason": ...}} and close the connection. */
  record GoAway(Reason reason) implements Fault {
    public GoAway {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Close the connection without answering, as a network failure would. */
  record DropConnection() implements Fault {}
}
