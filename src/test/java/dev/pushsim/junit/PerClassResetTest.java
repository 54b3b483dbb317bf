package dev.pushsim.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.device.AppSpec;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.EventTypes;
import dev.pushsim.journal.JournalQuery;
import dev.pushsim.push.Reason;
import dev.pushsim.world.Simulator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Both tests add the same device and app: without the reset between them the second would collide. */
@PushSim(perClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassResetTest {

  static Simulator first;

  @Test
  @Order(1)
  void theFirstTestLeavesADeviceATokenAndAFault(Simulator sim, JournalQuery journal) {
    first = sim;
    fillTheWorld(sim, journal);
  }

  @Test
  @Order(2)
  void theSecondFindsTheSameSimulatorEmpty(Simulator sim, JournalQuery journal) {
    assertThat(sim).isSameAs(first);
    assertThat(sim.devices()).isEmpty();
    assertThat(sim.tokens().size()).isZero();
    assertThat(sim.faults().describe()).isEmpty();
    assertThat(journal.find(EventPattern.type(EventTypes.DEVICE_ADDED))).isEmpty();
    fillTheWorld(sim, journal);
  }

  private static void fillTheWorld(Simulator sim, JournalQuery journal) {
    sim.addDevice("alice", "17.5").install(AppSpec.voipApp(PushSimExtension.DEFAULT_BUNDLE_ID));
    sim.faults().respondWith(Reason.TOO_MANY_REQUESTS, 1);
    assertThat(sim.tokens().size()).isEqualTo(2);
    journal.single(EventPattern.type(EventTypes.DEVICE_ADDED).withDevice("alice"));
  }
}
