package dev.pushsim.device;

import java.time.Duration;
import java.util.Objects;

/**
 * What an app's PushKit delegate does with one VoIP push, on the simulated clock. PushKit judges
 * only two moments: when the delegate returns (check 1) and the report deadline (check 2).
 */
public sealed interface VoipReaction {

  /** Reports the call {@code via} CallKit or LiveCommunicationKit {@code after} the delegate starts, then returns. */
  record Report(Duration after, CallUpdate call, ReportApi via) implements VoipReaction {
    public Report {
      requireNotNegative(after);
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(via, "via");
    }

    /** A CallKit report: correct use. */
    public Report(Duration after, CallUpdate call) {
      this(after, call, ReportApi.CALLKIT);
    }
  }

  /**
   * Returns {@code after} the delegate starts without reporting — check 1 kills the app at that
   * moment, or check 2 first when {@code after} passes the deadline (a delegate that blocks).
   * An app that reports asynchronously, after returning, is this case too: it is gone by then.
   */
  record ReturnWithoutReport(Duration after) implements VoipReaction {
    public ReturnWithoutReport {
      requireNotNegative(after);
    }
  }

  /** The app crashes {@code after} the delegate starts, before reporting. */
  record Crash(Duration after, String reason) implements VoipReaction {
    public Crash {
      requireNotNegative(after);
    }
  }

  /** How long the delegate runs before its reaction takes effect. */
  Duration after();

  static VoipReaction report(CallUpdate call) {
    return new Report(Duration.ZERO, call);
  }

  static VoipReaction reportAfter(Duration after, CallUpdate call) {
    return new Report(after, call);
  }

  static VoipReaction reportThroughLiveCommunicationKit(CallUpdate call) {
    return new Report(Duration.ZERO, call, ReportApi.LIVE_COMMUNICATION_KIT);
  }

  static VoipReaction returnWithoutReport() {
    return new ReturnWithoutReport(Duration.ZERO);
  }

  static VoipReaction block(Duration duration) {
    return new ReturnWithoutReport(duration);
  }

  static VoipReaction crash(String reason) {
    return new Crash(Duration.ZERO, reason);
  }

  private static void requireNotNegative(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("A delegate cannot act before it starts: " + duration);
    }
  }
}
