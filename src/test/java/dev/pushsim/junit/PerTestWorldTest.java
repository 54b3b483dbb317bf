package dev.pushsim.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.world.Simulator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;

/** By default each test gets a world of its own: the same device name is free in every one. */
@PushSim
class PerTestWorldTest {

  static final Set<Simulator> seen = ConcurrentHashMap.newKeySet();

  @RepeatedTest(2)
  void aFreshSimulator(Simulator sim) {
    assertThat(sim.devices()).isEmpty();
    sim.addDevice("alice", "17.5");
    seen.add(sim);
  }

  @AfterAll
  static void twoSimulatorsRan() {
    assertThat(seen).hasSize(2);
  }
}
