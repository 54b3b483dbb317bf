package dev.pushsim.world;

import dev.pushsim.apns.ApnsServer;
import dev.pushsim.apns.ApnsService;
import dev.pushsim.apns.Faults;
import dev.pushsim.apns.PushRouter;
import dev.pushsim.apns.auth.ProviderDirectory;
import dev.pushsim.apns.auth.Team;
import dev.pushsim.apns.auth.TokenAuthenticator;
import dev.pushsim.apns.tls.ClientCertificateVerifier;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.VirtualClock;
import dev.pushsim.device.AppIndex;
import dev.pushsim.device.Device;
import dev.pushsim.device.DeviceContext;
import dev.pushsim.device.DeviceEvents;
import dev.pushsim.device.DeviceRules;
import dev.pushsim.journal.EventDraft;
import dev.pushsim.journal.Journal;
import dev.pushsim.push.Environment;
import dev.pushsim.push.TokenRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated world: the clock, the teams and their keys, the development CA, the device
 * tokens, the journal, fault injection, a fake APNs server per environment, and the simulated
 * devices the accepted pushes go to. No statics: many
 * simulators can run in one JVM, one per test or scenario.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.builder().build().start()) {
 *   Team team = sim.team("TEAM123456").addBundleId("com.example.app");
 *   ...
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

  /** How long {@link #awaitIdle()} waits: longer than any sane webhook timeout, short enough to fail a test. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** Journal event type of {@link #reset()}. */
  public static final String RESET_EVENT = "world.reset";
  /** A device taken out of the world ({@link #removeDevice}). */
  public static final String DEVICE_REMOVED_EVENT = "device.removed";

  private final SimClock clock;
  private final Journal journal;
  private final ProviderDirectory directory = new ProviderDirectory();
  private final TokenRegistry tokens;
  private final DevelopmentCa ca;
  private final ClientCertificateVerifier certificateVerifier;
  private final TokenAuthenticator tokenAuthenticator;
  private final Faults faults = new Faults();
  private volatile WebhookAllowList webhooks = WebhookAllowList.none();
  private final Map<Environment, ApnsServer> servers = new EnumMap<>(Environment.class);
  private final DeviceContext deviceContext;
  private final Map<String, Device> devices = new ConcurrentHashMap<>();
  private final InFlight inFlight = new InFlight();
  /** Null when the builder routes pushes elsewhere. */
  private final DeviceRouter deviceRouter;
  private final ExecutorService deviceWorkers = Executors.newCachedThreadPool(daemonThreads());

  Simulator(SimulatorBuilder builder) {
    this.clock = builder.clock;
    this.journal = new Journal(clock, builder.journalCapacity, builder.journalSink);
    this.tokens = new TokenRegistry(clock, builder.tokenSecret);
    this.ca = builder.ca != null ? builder.ca : DevelopmentCa.create(clock);
    this.certificateVerifier = new ClientCertificateVerifier(ca.certificate(), clock);
    this.tokenAuthenticator = new TokenAuthenticator(directory, clock, builder.tokenAuthPolicy);
    this.deviceContext = new DeviceContext(clock, journal, tokens, builder.deviceRules);
    this.deviceRouter = builder.router != null ? null : new DeviceRouter(deviceWorkers, inFlight, journal);
    PushRouter router = builder.router != null ? builder.router : deviceRouter;
    for (Environment environment : Environment.values()) {
      ApnsService service = new ApnsService(
          environment, builder.settings, clock, directory, tokenAuthenticator, certificateVerifier, tokens, faults, journal, router);
      ApnsServer.Builder server = ApnsServer.builder(service).host(builder.host).port(builder.ports.getOrDefault(environment, 0));
      if (builder.plaintext) {
        server.plaintext();
      } else {
        server.tls(ca.serverCredentials());
      }
      servers.put(environment, server.threads(builder.threads).build());
    }
  }

  /** Daemon threads named after their job: a world never keeps the JVM alive on their account. */
  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "pushsim-device-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  public static SimulatorBuilder builder() {
    return new SimulatorBuilder();
  }

  /** Starts both APNs servers; returns once they accept connections. */
  public Simulator start() {
    CompletableFuture.allOf(servers.values().stream().map(ApnsServer::start).toArray(CompletableFuture[]::new)).join();
    return this;
  }

  public SimClock clock() {
    return clock;
  }

  /**
   * Moves virtual time forward by {@code duration}, running every deadline due meanwhile in order.
   *
   * @throws IllegalStateException when this world runs on the host's clock, which only time moves
   */
  public void advance(Duration duration) {
    VirtualClock virtual = virtualClock("advance");
    awaitIdle();
    virtual.advance(duration);
  }

  /** Moves virtual time to {@code instant}; see {@link #advance(Duration)}. */
  public void advanceTo(Instant instant) {
    VirtualClock virtual = virtualClock("advance");
    awaitIdle();
    virtual.advanceTo(instant);
  }

  /**
   * Waits until the device model has finished every push APNs has answered so far: a webhook app
   * thinks on a worker thread after APNs answered. Call it before asserting on devices or the
   * journal; {@link #advance} calls it first, so virtual time never overtakes a push in flight
   * and a scenario's events come out in the same order on every run.
   *
   * @throws IllegalStateException when the model is still busy after {@link #IDLE_TIMEOUT} of real time
   */
  public void awaitIdle() {
    try {
      if (!inFlight.awaitIdle(IDLE_TIMEOUT)) {
        throw new IllegalStateException("The device model is still busy after " + IDLE_TIMEOUT.toSeconds() + " s: "
            + inFlight.pending() + " pushes in flight (a webhook that never answers,"
            + " or awaitIdle called from inside one).");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the device model to finish its pushes", e);
    }
  }

  private VirtualClock virtualClock(String verb) {
    if (clock instanceof VirtualClock virtual) {
      return virtual;
    }
    throw new IllegalStateException("This world runs on the host's clock: only a world built on a virtual clock can "
        + verb + " time (Simulator.builder().clock(SimClock.virtual())).");
  }

  public Journal journal() {
    return journal;
  }

  /** The teams, their signing keys and the bundle ids they may push to. */
  public ProviderDirectory directory() {
    return directory;
  }

  /** The team {@code teamId}, created when new. */
  public Team team(String teamId) {
    return directory.team(teamId);
  }

  public TokenRegistry tokens() {
    return tokens;
  }

  /** The CA that signed the servers' certificate and mints client certificates. */
  public DevelopmentCa ca() {
    return ca;
  }

  public ClientCertificateVerifier certificateVerifier() {
    return certificateVerifier;
  }

  public TokenAuthenticator tokenAuthenticator() {
    return tokenAuthenticator;
  }

  /** The webhook origins the admin API and world files may use; none until the operator lists some. */
  public WebhookAllowList webhooks() {
    return webhooks;
  }

  public void webhooks(WebhookAllowList value) {
    webhooks = Objects.requireNonNull(value, "value");
  }

  public Faults faults() {
    return faults;
  }

  public ApnsServer server(Environment environment) {
    return servers.get(environment);
  }

  /** The development server ({@code api.sandbox.push.apple.com}). */
  public ApnsServer sandbox() {
    return server(Environment.SANDBOX);
  }

  /** The production server ({@code api.push.apple.com}). */
  public ApnsServer production() {
    return server(Environment.PRODUCTION);
  }

  /**
   * Adds a simulated iPhone; names are unique within a world.
   *
   * @throws IllegalStateException when the world already has a device of that name
   */
  public Device addDevice(String name, String iosVersion) {
    Device device = new Device(name, iosVersion, deviceContext);
    if (devices.putIfAbsent(name, device) != null) {
      throw new IllegalStateException("A device named '" + name + "' already exists.");
    }
    journal.record(EventDraft.of(DeviceEvents.ADDED).device(name).with("ios", iosVersion));
    return device;
  }

  /**
   * Takes the device out of the world, its apps uninstalled first (their tokens answer 410 Unregistered): what a
   * test that shares one simulator does between tests. Its name is free again.
   */
  public void removeDevice(String name) {
    Device device = device(name);
    for (String bundleId : device.apps().stream().map(app -> app.bundleId()).toList()) {
      device.uninstall(bundleId);
    }
    devices.remove(name, device);
    if (deviceRouter != null) {
      deviceRouter.forget(device);
    }
    journal.record(EventDraft.of(DEVICE_REMOVED_EVENT).device(name));
  }

  /** The device called {@code name}. */
  public Device device(String name) {
    return findDevice(name).orElseThrow(() -> new IllegalArgumentException("No device named '" + name + "'; devices: " + devices.keySet()));
  }

  /** The device called {@code name}, if there is one. */
  public Optional<Device> findDevice(String name) {
    return Optional.ofNullable(devices.get(name));
  }

  public Collection<Device> devices() {
    return List.copyOf(devices.values());
  }

  /** Which installed app holds each token. */
  public AppIndex apps() {
    return deviceContext.apps();
  }

  public DeviceRules deviceRules() {
    return deviceContext.rules();
  }

  /** Every device of this world follows {@code value} from now on (a world file, a step, the admin API). */
  public void deviceRules(DeviceRules value) {
    deviceContext.rules(value);
  }

  /**
   * Starts the next test run on a long-running simulator: disarms every fault and returns every
   * device to a fresh state ({@link Device#reset()}). Devices, apps, tokens, teams and the journal
   * stay: providers keep their credentials, and the journal marks the reset instead of forgetting.
   */
  public void reset() {
    awaitIdle();
    faults.clear();
    journal.record(EventDraft.of(RESET_EVENT));
    devices.values().forEach(Device::reset);
  }

  /** Sends GOAWAY Shutdown to providers, stops the servers and flushes the journal. */
  @Override
  public void close() {
    CompletableFuture.allOf(servers.values().stream().map(ApnsServer::shutdown).toArray(CompletableFuture[]::new)).join();
    // The pushes APNs answered still reach their phones (bounded by the webhooks' timeouts) before the journal closes.
    deviceWorkers.shutdown();
    try {
      inFlight.awaitIdle(IDLE_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deviceWorkers.shutdownNow();
    journal.close();
  }

  @Override
  public String toString() {
    return "Simulator{clock=" + clock + ", servers=" + servers.values() + ", tokens=" + tokens.size() + ", " + journal + "}";
  }
}
