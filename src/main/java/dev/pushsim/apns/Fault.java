package dev.pushsim.apns;

import dev.pushsim.push.Reason;
import java.time.Duration;
import java.util.List;
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
   * Reset the request's stream with RST_STREAM {@code error} (an RFC 9113 §7 error name, such as
   * INTERNAL_ERROR) instead of answering; the connection serves on.
   */
  record ResetStream(String error) implements Fault {
    /** RFC 9113 §7's error codes, in code order: the index is the code sent. */
    public static final List<String> ERRORS = List.of("NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR",
        "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL",
        "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED");

    public ResetStream {
      Objects.requireNonNull(error, "error");
      if (!ERRORS.contains(error)) {
        throw new IllegalArgumentException("unknown HTTP/2 error '" + error + "': use one of " + ERRORS);
      }
    }

    /** The error code RST_STREAM carries. */
    public long code() {
      return ERRORS.indexOf(error);
    }
  }

  /**
   * Never answer: the stream stays open until the provider gives up (resets it) or the connection
   * closes, as when Apple's side hangs. A stalled stream holds no body and counts against the
   * connection's stream limit, so stalls are bounded by SETTINGS_MAX_CONCURRENT_STREAMS.
   */
  record Stall() implements Fault {}

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
