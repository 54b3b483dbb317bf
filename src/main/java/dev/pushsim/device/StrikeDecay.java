package dev.pushsim.device;

/**
 * Whether a reported VoIP push forgives earlier misses. Apple publishes no rule; field reports
 * speak of blocking "after several consecutive calls" (developer forums thread 764376).
 */
public enum StrikeDecay {
  /** A reported push clears the strikes: only consecutive misses reach the limit. */
  RESET_ON_REPORT,
  /** Strikes add up for the life of the installation: 2 misses, 10 good calls, 1 miss = throttled. */
  NONE
}
