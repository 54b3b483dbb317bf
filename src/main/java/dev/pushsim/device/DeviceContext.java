package dev.pushsim.device;

import dev.pushsim.apns.TokenRegistry;
import dev.pushsim.clock.SimClock;
import dev.pushsim.journal.Journal;

/**
 * What every device of one world shares: the clock its deadlines read, the journal its timeline
 * goes to, the APNs token registry its apps register with, the model's rules, the index of
 * tokens to apps, and the lock that
 * makes the model single-threaded (pushes arrive on network threads, deadlines on the clock's).
 */
public record DeviceContext(SimClock clock, Journal journal, TokenRegistry tokens, DeviceRules rules, AppIndex apps, Object lock) {

  public DeviceContext(SimClock clock, Journal journal, TokenRegistry tokens, DeviceRules rules) {
    this(clock, journal, tokens, rules, new AppIndex(tokens), new Object());
  }
}
