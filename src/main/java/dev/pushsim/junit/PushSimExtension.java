package dev.pushsim.junit;

import dev.pushsim.world.Simulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link Simulator} for JUnit 5 tests, on ephemeral ports and virtual time: one per test
 * class when registered on a static field, one per test on an instance field.
 *
 * <pre>{@code
 * @RegisterExtension static PushSimExtension pushsim = new PushSimExtension();
 *
 * @Test void acceptsAPush() {
 *   Simulator sim = pushsim.simulator();
 *   int port = sim.sandbox().port();
 *   ...
 * }
 * }</pre>
 */
public final class PushSimExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private final Simulator.Builder builder;
  private Simulator simulator;
  private boolean perClass;
  /** The class whose lifecycle owns the simulator; nested test classes share their outer one's. */
  private ExtensionContext owner;

  /** A simulator with every default: TLS, virtual time, ephemeral ports. */
  public PushSimExtension() {
    this(Simulator.builder());
  }

  /** A simulator configured by {@code builder}. */
  public PushSimExtension(Simulator.Builder builder) {
    this.builder = builder;
  }

  /** The running simulator. */
  public Simulator simulator() {
    if (simulator == null) {
      throw new IllegalStateException("The simulator runs only while a test runs: register this extension with @RegisterExtension.");
    }
    return simulator;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    if (simulator == null) {
      simulator = builder.build().start();
      owner = context;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (simulator == null) {
      simulator = builder.build().start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context == owner) {
      stop();
    }
  }

  private void stop() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Simulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return simulator();
  }

  @Override
  public String toString() {
    return "PushSimExtension{" + simulator + "}";
  }
}
