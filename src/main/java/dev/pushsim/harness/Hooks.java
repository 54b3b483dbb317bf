package dev.pushsim.harness;

import io.cucumber.java.After;
import io.cucumber.java.Scenario;

/** Closes each scenario's simulator, and attaches its journal to the report when it failed. */
public final class Hooks {

  private final ScenarioWorld world;

  public Hooks(ScenarioWorld world) {
    this.world = world;
  }

  @After
  public void closeWorld(Scenario scenario) {
    try {
      if (scenario.isFailed()) {
        scenario.attach(world.journalText(), "text/plain", "journal");
      }
    } finally {
      world.close();
    }
  }
}
