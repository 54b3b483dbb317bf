package dev.pushsim.soak;

import java.time.Duration;

/**
 * How long and how hard a soak runs: it stops at {@code duration} or after {@code maxRequests},
 * whichever comes first.
 *
 * @param connections provider connections kept open at once (each reconnects when closed)
 * @param inFlight requests in flight per connection
 * @param seed for the random choice of requests, faults and device churn
 */
public record SoakPlan(Duration duration, long maxRequests, int connections, int inFlight, long seed) {

  public SoakPlan {
    if (duration.isNegative() || duration.isZero() || maxRequests < 1 || connections < 1 || inFlight < 1) {
      throw new IllegalArgumentException("A soak needs a positive duration, request budget, connection count and in-flight count: " + this);
    }
  }

  /** The short profile that runs in {@code mvn verify}: about half a minute on two cores. */
  public static SoakPlan ci() {
    return new SoakPlan(Duration.ofSeconds(20), 40_000, 12, 8, 20_261_125L);
  }

  /** A short run of the same kind, to load what a first use loads for good before measuring. */
  public SoakPlan warmUp() {
    return new SoakPlan(Duration.ofSeconds(2), 2_000, 4, inFlight, seed + 1);
  }

  /**
   * Reads {@code --seconds N --requests N --connections N --in-flight N --seed N}; what is not given
   * comes from {@link #ci()}.
   */
  public static SoakPlan parse(String... args) {
    SoakPlan plan = ci();
    Duration duration = plan.duration();
    long requests = plan.maxRequests();
    int connections = plan.connections();
    int inFlight = plan.inFlight();
    long seed = plan.seed();
    for (int i = 0; i < args.length; i += 2) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Option " + option + " needs a value.");
      }
      long value;
      try {
        value = Long.parseLong(args[i + 1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Option " + option + " takes a whole number, not '" + args[i + 1] + "'.");
      }
      switch (option) {
        case "--seconds" -> duration = Duration.ofSeconds(value);
        case "--requests" -> requests = value;
        case "--connections" -> connections = Math.toIntExact(value);
        case "--in-flight" -> inFlight = Math.toIntExact(value);
        case "--seed" -> seed = value;
        default -> throw new IllegalArgumentException("Unknown option " + option + ": use --seconds, --requests, --connections, --in-flight or --seed.");
      }
    }
    return new SoakPlan(duration, requests, connections, inFlight, seed);
  }
}
