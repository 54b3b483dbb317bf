package dev.pushsim.harness;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.app.TokenRegistration;
import dev.pushsim.clock.SimClock;
import dev.pushsim.journal.Journal;
import dev.pushsim.provider.ProviderFile;
import dev.pushsim.provider.ProviderUnderTest;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  /** The longest an operation's pushes may keep coming before the scenario goes on regardless. */
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

  private final ProviderFile.Located file;
  /** One adapter for all scenarios: it holds nothing per scenario, and its close() releases nothing. */
  private final ProviderUnderTest adapter;
  /** Read from the data directory on first use, then kept: a bad key fails the scenarios that sign, as before. */
  private SigningKey signingKey;

  private ExternalProvider(ProviderFile.Located file, ProviderUnderTest adapter) {
    this.file = file;
    this.adapter = adapter;
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
    return new ExternalProvider(file, file.adapter());
  }

  String name() {
    return file.spec().name();
  }

  String describe() {
    ProviderFile.Apns apns = file.spec().apns();
    return name() + " (" + file.spec().auth() + " auth, team " + apns.teamId() + ", app " + apns.bundleId() + "), pushing to sandbox 127.0.0.1:"
        + apns.sandboxPort() + " and production 127.0.0.1:" + apns.productionPort() + ", trusting " + file.dataDir().resolve(DevelopmentCa.CERTIFICATE_FILE);
  }

  ProviderFile spec() {
    return file.spec();
  }

  /** A simulator where the provider expects it: its ports, its CA. */
  Simulator.Builder simulator(SimClock clock) {
    ProviderFile.Apns apns = file.spec().apns();
    return Simulator.builder().clock(clock)
        .ca(DevelopmentCa.loadOrCreate(file.dataDir(), clock))
        .port(Environment.SANDBOX, apns.sandboxPort())
        .port(Environment.PRODUCTION, apns.productionPort());
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
