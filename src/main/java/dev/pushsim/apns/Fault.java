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
    /** The longest delay: the default idle timeout, past which a held answer tests nothing more. */
    public static final Duration MAX = Duration.ofHours(1);

    public Delay {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative() || delay.compareTo(MAX) > 0) {
        throw new IllegalArgumentException("A delay must be from 0 to 1h, not " + delay);
      }
    }
  }

  /** Answer the request, then send GOAWAY with {@code {"reason": ...}} and close the connection. */
  record GoAway(Reason reason) implements Fault {
    public GoAway {
      Objects.requireNonNull(reason, "reason");
      if (reason == Reason.SUCCESS) {
        throw new IllegalArgumentException("A GOAWAY carries an error reason (Shutdown, say), not success.");
      }
    }
  }

  /** Close the connection without answering, as a network failure would. */
  record DropConnection() implements Fault {}

  /**
   * Announce SETTINGS_MAX_CONCURRENT_STREAMS {@code streams} to open and new connections until
   * cleared. 0 is legal HTTP/2 but refuses every push, and stream ids are 31 bits (RFC 9113
   * §5.1.1), so no connection can ever hold more than 2^31-1 streams.
   */
  record StreamLimit(long streams) implements Fault {
    public static final long MAX = Integer.MAX_VALUE;

    public StreamLimit {
      if (streams < 1 || streams > MAX) {
        throw new IllegalArgumentException("maxConcurrentStreams must be from 1 to 2147483647 (2^31-1, the most streams"
            + " one connection can open), not " + streams);
      }
    }
  }
}
