package dev.pushsim.harness;

import dev.pushsim.journal.SequenceDiagram;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import java.util.Optional;

/**
 * Skips a scenario the provider under test cannot take part in, saying why; attaches each scenario's sequence diagram (provider → APNs → device → app → CallKit) to the
 * report, and its whole journal when it failed; then closes its simulator.
 */
public final class Hooks {

  private final ScenarioWorld world;

  public Hooks(ScenarioWorld world) {
    this.world = world;
  }

  /** A scenario the provider under test cannot take part in is skipped, and the report says why. */
  @Before(order = 0)
  public void skipWhenNotApplicable(Scenario scenario) {
    Optional<NotRun.NotApplicable> why = world.whyNotApplicable(scenario.getSourceTagNames());
    if (why.isPresent()) {
      scenario.log(why.get().getMessage());
      throw why.get();
    }
  }

  /** A diagram that cannot be drawn must not fail the scenario it illustrates: say so instead. */
  private void attachTimeline(Scenario scenario) {
    try {
      scenario.attach(SequenceDiagram.svg(world.journal().events()), "image/svg+xml", "timeline");
    } catch (RuntimeException e) {
      scenario.attach("The sequence diagram could not be drawn: " + e, "text/plain", "timeline");
    }
  }

  @After
  public void closeWorld(Scenario scenario) {
    try {
      attachTimeline(scenario);
      if (scenario.isFailed()) {
        scenario.attach(world.journalText(), "text/plain", "journal");
      }
    } finally {
      world.close();
    }
  }
}
