package dev.pushsim.harness;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.app.TokenRegistration;
import dev.pushsim.clock.SimClock;
import dev.pushsim.journal.Journal;
import dev.pushsim.provider.Capability;
import dev.pushsim.provider.ProviderFile;
import dev.pushsim.provider.ProviderProcess;
import dev.pushsim.provider.ProviderUnderTest;
import dev.pushsim.provider.ProviderUnderTest.Operation;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import dev.pushsim.world.SimulatorBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A vendor's provider running outside PushSim, driven through the adapter of its provider file.
 * It was started once, before the scenarios, so every scenario's simulator listens on the same
 * ports with the same CA and keys, all kept in the file's data directory.
 */
final class ExternalProvider {

  /** The tag of scenarios that move the virtual clock and expect the provider to act on it (retry, backoff). */
  static final String PROVIDER_CLOCK_TAG = ScenarioWorld.PROVIDER_CLOCK_TAG;

  /** The longest an operation's pushes may keep coming before the scenario goes on regardless. */
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

  private final ProviderFile.Located file;
  /** What the provider is handed: the ports chosen for this run, where its credentials are. */
  private final Map<String, String> handOff;
  /** One adapter for all scenarios: it holds nothing per scenario, and its close() releases nothing. */
  private final ProviderUnderTest adapter;
  /** Read from the data directory on first use, then kept: a bad key fails the scenarios that sign, as before. */
  private SigningKey signingKey;
  /** The provider PushSim started from the lifecycle section, or null. */
  private ProviderProcess process;

  private ExternalProvider(ProviderFile.Located file, Map<String, String> handOff) {
    this.file = file;
    this.handOff = Map.copyOf(handOff);
    this.adapter = file.adapter(this.handOff);
  }

  /**
   * Makes sure the data directory holds what the provider must be configured with, minting what
   * is missing: the CA to trust, the team's {@code AuthKey_<keyId>.p8}, and the app's VoIP
   * Services and universal {@code .p12}.
   */
  static ExternalProvider prepare(ProviderFile.Located file) {
    ProviderFile.Apns apns = file.spec().apns();
    Path dataDir = file.dataDir();
    DevelopmentCa ca = DevelopmentCa.loadOrCreate(dataDir, SimClock.virtual());
    Path p8 = keyFile(file);
    if (!Files.exists(p8)) {
      SigningKey.generate(apns.teamId(), apns.keyId()).writeP8(p8);
    }
    for (CertificateKind kind : new CertificateKind[] {CertificateKind.VOIP_SERVICES, CertificateKind.UNIVERSAL}) {
      Path p12 = dataDir.resolve(apns.bundleId() + "." + kind + ".p12");
      if (!Files.exists(p12)) {
        ca.mintClientCertificate(apns.bundleId(), kind).writeP12(p12, ClientCertificate.DEFAULT_P12_PASSWORD.toCharArray());
      }
    }
    return new ExternalProvider(file, handOff(file));
  }

  /**
   * The values a provider is handed ({@link ProviderFile#HAND_OFF}), with the ports of 0 replaced
   * by free ones chosen now: the provider runs before the scenarios, so each scenario's simulator
   * listens on these same ports.
   */
  private static Map<String, String> handOff(ProviderFile.Located file) {
    ProviderFile.Apns apns = file.spec().apns();
    Path dataDir = file.dataDir().toAbsolutePath();
    ProviderFile.Lifecycle lifecycle = file.spec().lifecycle();
    List<Integer> ports = FreePorts.pick(apns.sandboxPort(), apns.productionPort(), lifecycle == null ? -1 : lifecycle.providerPort());
    Map<String, String> values = new LinkedHashMap<>();
    values.put("sandboxPort", String.valueOf(ports.get(0)));
    values.put("productionPort", String.valueOf(ports.get(1)));
    if (ports.get(2) > 0) {
      values.put("providerPort", String.valueOf(ports.get(2)));
    }
    values.put("apnsHost", "127.0.0.1");
    values.put("dataDir", dataDir.toString());
    values.put("ca", dataDir.resolve(DevelopmentCa.CERTIFICATE_FILE).toString());
    values.put("keyFile", keyFile(file).toAbsolutePath().toString());
    values.put("teamId", apns.teamId());
    values.put("keyId", apns.keyId());
    values.put("bundleId", apns.bundleId());
    values.put("voipP12", dataDir.resolve(apns.bundleId() + "." + CertificateKind.VOIP_SERVICES + ".p12").toString());
    values.put("universalP12", dataDir.resolve(apns.bundleId() + "." + CertificateKind.UNIVERSAL + ".p12").toString());
    values.put("p12Password", ClientCertificate.DEFAULT_P12_PASSWORD);
    return values;
  }

  /**
   * Starts the provider when its file has a lifecycle section, and waits until it is ready.
   *
   * @return how it was started, for the console, or null when the provider runs by itself
   * @throws dev.pushsim.provider.ProviderFailure in one sentence when it does not come up
   */
  synchronized String start() {
    ProviderFile.Lifecycle lifecycle = file.spec().lifecycle();
    if (lifecycle == null || process != null) {
      return null;
    }
    long started = System.nanoTime();
    process = ProviderProcess.start(file, handOff, file.dataDir().resolve(lifecycle.log()));
    return "Started " + name() + " (pid " + process.pid() + ", ready after " + (System.nanoTime() - started) / 1_000_000 + " ms, output in "
        + process.log() + ")";
  }

  /**
   * Why a scenario with these tags cannot run against this provider, or empty when it can: its
   * provider file lacks an operation the scenario needs, it does not declare a capability the
   * scenario needs, or the scenario needs a provider on PushSim's virtual clock.
   */
  Optional<NotRun.NotApplicable> whyNotApplicable(Collection<String> tags) {
    Set<Operation> operations = file.spec().operations();
    for (Operation operation : Operation.values()) {
      if (tags.contains("@" + operation.tag()) && !operations.contains(operation)) {
        return notApplicable(NotRun.Cause.MISSING_OPERATION, "Skipped: " + name() + " cannot be asked to "
            + operation.description() + ": its provider file has no " + operation.key()
            + " (the scenario is tagged @" + operation.tag() + ").");
      }
    }
    Set<Capability> capabilities = file.spec().capabilitySet();
    for (Capability capability : Capability.values()) {
      boolean needed = capability.tag() != null && tags.contains("@" + capability.tag());
      if (needed && !capabilities.contains(capability)) {
        return notApplicable(NotRun.Cause.MISSING_CAPABILITY, "Not applicable: " + name()
            + " does not declare the capability " + capability.key() + " (it " + capability.description()
            + "); the scenario is tagged @" + capability.tag() + ".");
      }
    }
    if (tags.contains(PROVIDER_CLOCK_TAG)) {
      return notApplicable(NotRun.Cause.PROVIDER_CLOCK, "Skipped: the scenario moves PushSim's virtual clock and"
          + " expects the provider to act on it (retries, backoff), but " + name() + " runs on its own clock;"
          + " the bundled reference provider runs it (tag " + PROVIDER_CLOCK_TAG + ").");
    }
    return Optional.empty();
  }

  private static Optional<NotRun.NotApplicable> notApplicable(NotRun.Cause cause, String reason) {
    return Optional.of(new NotRun.NotApplicable(cause, reason));
  }

  /** Stops the provider PushSim started, if any. */
  synchronized void stop() {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  private int port(String key) {
    return Integer.parseInt(handOff.get(key));
  }

  String name() {
    return file.spec().name();
  }

  String describe() {
    ProviderFile.Apns apns = file.spec().apns();
    return name() + " (" + file.spec().auth() + " auth, team " + apns.teamId() + ", app " + apns.bundleId() + "), pushing to sandbox 127.0.0.1:"
        + port("sandboxPort") + " and production 127.0.0.1:" + port("productionPort") + ", trusting " + file.dataDir().resolve(DevelopmentCa.CERTIFICATE_FILE);
  }

  ProviderFile spec() {
    return file.spec();
  }

  /** A simulator where the provider expects it: its ports, its CA. */
  SimulatorBuilder simulator(SimClock clock) {
    return Simulator.builder().clock(clock)
        .ca(DevelopmentCa.loadOrCreate(file.dataDir(), clock))
        .port(Environment.SANDBOX, port("sandboxPort"))
        .port(Environment.PRODUCTION, port("productionPort"));
  }

  private static Path keyFile(ProviderFile.Located file) {
    return file.dataDir().resolve(SigningKey.p8FileName(file.spec().apns().keyId()));
  }

  /** The provider's signing key for {@code teamId}, or null when the provider belongs to another team. */
  synchronized SigningKey signingKey(String teamId) {
    ProviderFile.Apns apns = file.spec().apns();
    if (!apns.teamId().equals(teamId)) {
      return null;
    }
    if (signingKey == null) {
      signingKey = SigningKey.fromP8(keyFile(file), apns.teamId(), apns.keyId());
    }
    return signingKey;
  }

  /** The adapter for one scenario. */
  ProviderUnderTest session(Journal journal) {
    return new Session(adapter, journal, Duration.ofMillis(file.spec().settleMillis()));
  }

  /**
   * The adapter as one scenario uses it. User ids get a suffix of this scenario's own, because the
   * provider keeps its tokens from one scenario to the next: Bob's tokens from the scenario before
   * must not be pushed to in this one. After each operation it waits until the journal has been
   * quiet for a while, since an external provider may answer before its pushes have gone out.
   */
  private static final class Session implements ProviderUnderTest {

    private final ProviderUnderTest adapter;
    private final Duration quiet;
    private final String suffix = "." + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    private final AtomicLong lastEventNanos = new AtomicLong(System.nanoTime());
    private final Runnable unsubscribe;

    Session(ProviderUnderTest adapter, Journal journal, Duration quiet) {
      this.adapter = adapter;
      this.quiet = quiet;
      this.unsubscribe = journal.subscribe(event -> lastEventNanos.set(System.nanoTime()));
    }

    private String user(String name) {
      return name + suffix;
    }

    /** Waits, in real time, until the journal has recorded nothing for {@code quiet}, at most {@link #SETTLE_LIMIT}. */
    private void settle() {
      long start = System.nanoTime();
      while (true) {
        long quietFor = System.nanoTime() - lastEventNanos.get();
        long remaining = quiet.toNanos() - quietFor;
        if (remaining <= 0 || System.nanoTime() - start > SETTLE_LIMIT.toNanos()) {
          return;
        }
        LockSupport.parkNanos(remaining);
      }
    }

    /** Runs an operation, then waits for its pushes; the quiet period starts with the operation. */
    private void operate(Runnable operation) {
      lastEventNanos.set(System.nanoTime());
      try {
        operation.run();
      } finally {
        settle();
      }
    }

    @Override
    public Set<Operation> operations() {
      return adapter.operations();
    }

    @Override
    public void registerToken(TokenRegistration r) {
      operate(() -> adapter.registerToken(new TokenRegistration(user(r.userId()), r.token(), r.bundleId(), r.environment(), r.certificateId(), r.channel())));
    }

    @Override
    public void unregisterToken(String userId, String token) {
      operate(() -> adapter.unregisterToken(user(userId), token));
    }

    @Override
    public void placeCall(String from, String to, String displayName) {
      operate(() -> adapter.placeCall(user(from), user(to), displayName));
    }

    @Override
    public void sendMessage(String from, String to, String text) {
      operate(() -> adapter.sendMessage(user(from), user(to), text));
    }

    @Override
    public void setPresence(String userId, boolean online) {
      operate(() -> adapter.setPresence(user(userId), online));
    }

    @Override
    public void close() {
      // Not the adapter: the next scenario drives it too.
      unsubscribe.run();
    }

    @Override
    public String toString() {
      return adapter.toString();
    }
  }
}
