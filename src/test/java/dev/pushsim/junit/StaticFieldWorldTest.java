package dev.pushsim.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.device.AppSpec;
import dev.pushsim.world.Simulator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static extension without perClass() gives each test a world of its own: the same device name is free. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaticFieldWorldTest {

  @RegisterExtension static PushSimExtension pushsim = new PushSimExtension();

  static Simulator first;

  @Test
  @Order(1)
  void theFirstTestAddsBob() {
    first = pushsim.simulator();
    addBob(first);
  }

  @Test
  @Order(2)
  void theSecondGetsAnotherWorldAndAddsBobAgain(Simulator sim) {
    assertThat(sim).isNotSameAs(first).isSameAs(pushsim.simulator());
    assertThat(sim.devices()).isEmpty();
    assertThat(sim.tokens().size()).isZero();
    addBob(sim);
  }

  private static void addBob(Simulator sim) {
    sim.addDevice("Bob's iPhone", "17.5").install(AppSpec.voipApp(PushSimExtension.DEFAULT_BUNDLE_ID));
  }
}
