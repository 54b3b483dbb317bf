package dev.pushsim.device;

import dev.pushsim.clock.SimClock;
import dev.pushsim.journal.Journal;
import dev.pushsim.push.TokenRegistry;

/**
 * What every device of one world shares: the clock its deadlines read, the journal its timeline
 * goes to, the APNs token registry its apps register with, the model's rules, and the index of
 * tokens to apps. Each device has its own lock ({@link Device}).
 */
public record DeviceContext(SimClock clock, Journal journal, TokenRegistry tokens, DeviceRules rules, AppIndex apps) {

  public DeviceContext(SimClock clock, Journal journal, TokenRegistry tokens, DeviceRules rules) {
    this(clock, journal, tokens, rules, new AppIndex(tokens));
  }
}
