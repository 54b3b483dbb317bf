package dev.pushsim.world.replay;

import dev.pushsim.harness.PushSimScenario;
import dev.pushsim.journal.JournalEvent;
import io.cucumber.java.After;
import io.cucumber.java.Scenario;
import java.util.stream.Collectors;

/**
 * Test glue for {@code BundledFeaturesReplayTest}: attaches each scenario's journal event types,
 * in journal order, to the report, before PushSim's own hook closes the world.
 */
public final class EventTypesHook {

  /** The attachment's name in the Cucumber JSON report. */
  public static final String ATTACHMENT = "event-types";

  private final PushSimScenario scenario;

  public EventTypesHook(PushSimScenario scenario) {
    this.scenario = scenario;
  }

  // After hooks run highest order first: this one sees the world before Hooks.closeWorld (10000).
  @After(order = 20000)
  public void attachEventTypes(Scenario report) {
    String types = scenario.journal().events().stream().map(JournalEvent::type).collect(Collectors.joining("\n"));
    report.attach(types, "text/plain", ATTACHMENT);
  }
}
