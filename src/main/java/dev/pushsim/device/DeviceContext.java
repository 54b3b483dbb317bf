package dev.pushsim.device;

import dev.pushsim.clock.SimClock;
import dev.pushsim.journal.Journal;
import dev.pushsim.push.TokenRegistry;
import java.util.Objects;

/**
 * What every device of one world shares: the clock its deadlines read, the journal its timeline
 * goes to, the APNs token registry its apps register with, the model's rules, and the index of
 * tokens to apps. Each device has its own lock ({@link Device}). The rules may change while the
 * world runs (a scenario's step, the admin API); a push judged under the old rules keeps them.
 */
public final class DeviceContext {

  private final SimClock clock;
  private final Journal journal;
  private final TokenRegistry tokens;
  private final AppIndex apps;
  private volatile DeviceRules rules;

  public DeviceContext(SimClock clock, Journal journal, TokenRegistry tokens, DeviceRules rules, AppIndex apps) {
    this.clock = clock;
    this.journal = journal;
    this.tokens = tokens;
    this.rules = Objects.requireNonNull(rules, "rules");
    this.apps = apps;
  }

  public DeviceContext(SimClock clock, Journal journal, TokenRegistry tokens, DeviceRules rules) {
    this(clock, journal, tokens, rules, new AppIndex(tokens));
  }

  public SimClock clock() {
    return clock;
  }

  public Journal journal() {
    return journal;
  }

  public TokenRegistry tokens() {
    return tokens;
  }

  public DeviceRules rules() {
    return rules;
  }

  /** Every device of the world follows {@code value} from now on. */
  public void rules(DeviceRules value) {
    this.rules = Objects.requireNonNull(value, "rules");
  }

  public AppIndex apps() {
    return apps;
  }
}
