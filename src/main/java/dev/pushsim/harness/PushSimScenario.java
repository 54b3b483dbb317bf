package dev.pushsim.harness;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.auth.Team;
import dev.pushsim.device.Device;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.Journal;
import dev.pushsim.provider.ProviderUnderTest;
import dev.pushsim.world.Simulator;
import java.util.Map;
import java.util.Optional;

/**
 * The running scenario, for a team's own step definitions: the same simulator, devices, provider
 * and journal that PushSim's steps work on. Ask for it in a step class's constructor and
 * PicoContainer hands every step class of a scenario the same one (docs/library.md):
 *
 * <pre>{@code
 * public final class MySteps {
 *   private final PushSimScenario scenario;
 *   public MySteps(PushSimScenario scenario) { this.scenario = scenario; }
 *
 *   @Then("APNs has seen {int} request(s)")
 *   public void apnsHasSeen(int count) {
 *     assertEquals(count, scenario.journal().find(EventPattern.type("apns.request")).size());
 *   }
 * }
 * }</pre>
 *
 * Run with PushSim's glue next to yours: {@code cucumber.glue=dev.pushsim.harness,com.acme.steps},
 * or {@code pushsim test --glue com.acme.steps --classpath target/test-classes}.
 */
public final class PushSimScenario {

  private final ScenarioWorld world;

  public PushSimScenario(ScenarioWorld world) {
    this.world = world;
  }

  /** The scenario's simulator, on virtual time: move it with {@link Simulator#advance}. */
  public Simulator simulator() {
    return world.sim;
  }

  /** Everything that happened in this scenario, oldest first. */
  public Journal journal() {
    return world.journal();
  }

  /**
   * The device a step added under {@code name}.
   *
   * @throws IllegalArgumentException naming the scenario's devices when there is none of that name
   */
  public Device device(String name) {
    return world.device(name);
  }

  /** The scenario's devices by name, in the order they were added. */
  public Map<String, Device> devices() {
    return Map.copyOf(world.devices);
  }

  /** The provider under test (the reference provider, or yours with {@code --provider}); started on first use. */
  public ProviderUnderTest provider() {
    return world.provider();
  }

  /** The team pushing; made on first use with one signing key for the scenario's app. */
  public Team team() {
    return world.team();
  }

  /** The team's signing key, with its private key: what a provider signs its tokens with. */
  public SigningKey signingKey() {
    world.team();
    return world.key;
  }

  /** The bundle ID of the scenario's app. */
  public String bundleId() {
    return world.app.bundleId();
  }

  /** What APNs last answered to one of the scenario's own requests, if one was sent. */
  public Optional<ApnsAnswer> lastAnswer() {
    return Optional.ofNullable(world.lastAnswer);
  }

  /** The journal's lines for {@code pattern}: what a failing assertion should show. */
  public String timeline(EventPattern pattern) {
    return world.timeline(pattern);
  }

  @Override
  public String toString() {
    return "PushSimScenario{devices=" + world.devices.keySet() + ", " + world.sim + "}";
  }
}
