package dev.pushsim.junit;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.EventTypes;
import dev.pushsim.journal.Journal;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.journal.JournalQuery;
import dev.pushsim.journal.RecordedRequest;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import dev.pushsim.world.SimulatorBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a {@link Simulator} for JUnit 5 tests, on ephemeral ports and virtual time.
 *
 * <p>Declarative: {@link PushSim @PushSim} on the class. Programmatic: {@code @RegisterExtension} on a static
 * or an instance field. Either way a fresh world per test, unless {@link #perClass()} (or
 * {@code @PushSim(perClass = true)}) keeps one world for the class and resets it between tests: devices removed,
 * tokens forgotten, faults disarmed, queries scoped to the test.
 *
 * <p>Test methods may take a {@link Simulator}, {@link Journal}, {@link JournalQuery} (this test's events),
 * {@link ApnsEndpoints}, {@link ProviderCredentials} (CA as file and PEM, the team's key as {@code .p8}), or,
 * with Pushy on the classpath, a ready {@code ApnsClient} for the sandbox, closed after the test.
 *
 * <pre>{@code
 * @RegisterExtension static PushSimExtension pushsim = new PushSimExtension().perClass();
 *
 * @Test void acceptsAPush(ApnsClient client) {
 *   ... send with client ...
 *   pushsim.singleRequest(EventPattern.any().with("status", 200));
 * }
 * }</pre>
 */
public final class PushSimExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  /** The team the extension registers, with one signing key, for {@link #DEFAULT_BUNDLE_ID}. */
  public static final String DEFAULT_TEAM_ID = "TEAM123456";
  public static final String DEFAULT_BUNDLE_ID = "com.example.phone";
  /** How long {@link #awaitRequest} waits by default: real time, for a real client's request. */
  public static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(10);

  private final SimulatorBuilder builder;
  private Simulator simulator;
  private ProviderCredentials credentials;
  private Path filesDir;
  private boolean resetBetweenTests;
  private boolean sharedByClass;
  private boolean sharedWithoutReset;
  private boolean testsRan;
  private long testStart;
  private final List<Object> pushyClients = new ArrayList<>();
  /** The class whose lifecycle owns the simulator; nested test classes share their outer one's. */
  private ExtensionContext owner;

  /** A simulator with every default: TLS, virtual time, ephemeral ports. */
  public PushSimExtension() {
    this(Simulator.builder());
  }

  /** A simulator configured by {@code builder}. */
  public PushSimExtension(SimulatorBuilder builder) {
    this.builder = builder;
  }

  /** One simulator for the class (register on a static field), reset before every test but the first. */
  public PushSimExtension perClass() {
    this.resetBetweenTests = true;
    return this;
  }

  /**
   * One simulator for the class with no reset: what a test leaves, the next one finds. For classes that set the
   * world up once in {@code @BeforeAll}; register on a static field.
   */
  public PushSimExtension shared() {
    this.sharedWithoutReset = true;
    return this;
  }

  /** The running simulator. */
  public Simulator simulator() {
    if (simulator == null) {
      throw new IllegalStateException(
          "The simulator runs only while a test runs: register this extension with @RegisterExtension"
              + " or @PushSim.");
    }
    return simulator;
  }

  /** The team's key and the CA, as files a provider under test is configured with. */
  public ProviderCredentials credentials() {
    simulator();
    return credentials;
  }

  public ApnsEndpoints endpoints() {
    Simulator sim = simulator();
    return new ApnsEndpoints("localhost", sim.server(Environment.SANDBOX).port(),
        sim.server(Environment.PRODUCTION).port());
  }

  /** Queries over the events of the running test only. */
  public JournalQuery journal() {
    return simulator().journal().query().since(testStart);
  }

  /** Passes when APNs received exactly {@code count} requests matching {@code pattern} in this test. */
  public List<RecordedRequest> verifyRequests(int count, EventPattern pattern) {
    return journal().verify(count, pattern.withType(EventTypes.APNS_REQUEST)).stream()
        .map(RecordedRequest::of).toList();
  }

  /** The one request APNs received in this test matching {@code pattern}; none or several fails, near misses shown. */
  public RecordedRequest singleRequest(EventPattern pattern) {
    return journal().request(pattern);
  }

  /** Waits (real time, {@link #AWAIT_TIMEOUT}) for a request matching {@code pattern} in this test. */
  public RecordedRequest awaitRequest(EventPattern pattern) {
    return RecordedRequest.of(journal().await(pattern.withType(EventTypes.APNS_REQUEST), AWAIT_TIMEOUT));
  }

  /** Waits for a call to ring on {@code device} in this test (CallKit showed it). */
  public JournalEvent awaitCall(String device) {
    return journal().await(EventPattern.type(EventTypes.CALL_SHOWN).withDevice(device), AWAIT_TIMEOUT);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (simulator != null) {
      return; // a nested class: its outer class owns the simulator
    }
    PushSim declared = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), PushSim.class).orElse(null);
    if (declared != null && declared.perClass()) {
      resetBetweenTests = true;
    }
    // A static field without perClass() gets a world per test too, as WireMock's static extension never leaks
    // one test's stubs into the next: a shared world without a reset fails on the second test's first device.
    sharedByClass = resetBetweenTests || sharedWithoutReset;
    if (sharedByClass) {
      start();
      owner = context;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (simulator == null) {
      start();
    } else if (resetBetweenTests && testsRan) {
      resetWorld();
    }
    testsRan = true;
    testStart = simulator.journal().recorded();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    pushyClients.forEach(PushyClientFactory::close);
    pushyClients.clear();
    if (!sharedByClass) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context == owner) {
      stop();
    }
  }

  private void start() {
    simulator = builder.build().start();
    SigningKey key = SigningKey.generate(DEFAULT_TEAM_ID);
    simulator.team(DEFAULT_TEAM_ID).addKey(key).addBundleId(DEFAULT_BUNDLE_ID);
    try {
      filesDir = Files.createTempDirectory("pushsim-junit-");
      Path caFile = filesDir.resolve("pushsim-ca.pem");
      simulator.ca().writeCertificatePem(caFile);
      Path p8 = filesDir.resolve("AuthKey_" + key.keyId() + ".p8");
      key.writeP8(p8);
      credentials = new ProviderCredentials(DEFAULT_TEAM_ID, key.keyId(), DEFAULT_BUNDLE_ID, caFile,
          simulator.ca().certificatePem(), p8);
    } catch (IOException e) {
      stop();
      throw new UncheckedIOException(
          "Cannot write the provider's credentials for the simulator: " + e.getMessage(), e);
    }
  }

  /** What a test leaves behind goes; the team, its key and the ports stay, so injected clients still work. */
  private void resetWorld() {
    simulator.reset();
    simulator.devices().forEach(device -> simulator.removeDevice(device.name()));
    simulator.tokens().clear();
  }

  private void stop() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
    if (filesDir != null) {
      try (Stream<Path> files = Files.walk(filesDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind harms nothing
      }
      filesDir = null;
    }
    testsRan = false;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Simulator.class || type == Journal.class || type == JournalQuery.class
        || type == ApnsEndpoints.class || type == ProviderCredentials.class || PushyClientFactory.isClientType(type);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Journal.class) return simulator().journal();
    if (type == JournalQuery.class) return journal();
    if (type == ApnsEndpoints.class) return endpoints();
    if (type == ProviderCredentials.class) return credentials();
    if (type == Simulator.class) return simulator();
    Object client = PushyClientFactory.sandboxClient(endpoints(), credentials());
    pushyClients.add(client);
    return client;
  }

  @Override
  public String toString() {
    return "PushSimExtension{" + simulator + "}";
  }
}
