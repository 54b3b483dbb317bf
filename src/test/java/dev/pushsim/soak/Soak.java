package dev.pushsim.soak;

import static org.awaitility.Awaitility.await;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.pushsim.apns.ApnsService;
import dev.pushsim.apns.ApnsSettings;
import dev.pushsim.apns.Faults;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.device.AppBehaviour;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.Device;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.journal.NdjsonFileSink;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Reason;
import dev.pushsim.testing.H2Client;
import dev.pushsim.testing.PushRequest;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.world.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A bounded soak of the whole simulator at once: many provider connections (some with client
 * certificates) sending valid and invalid requests, faults injected (503, 500, latency, GOAWAY,
 * dropped connections) and simulated phones churning (offline and online, killed, reinstalled,
 * restarted) while virtual time moves. Every request carries an {@code x-soak-id} that the journal
 * records, so the client's view and the journal's can be matched one to one.
 *
 * <pre>
 * java -cp ... dev.pushsim.soak.Soak --seconds 600 --requests 5000000 --connections 32
 * </pre>
 *
 * (see {@code src/bench/run-soak.sh}); {@code SoakTest} runs the short profile in {@code mvn verify}.
 */
public final class Soak {

  static final String SOAK_ID = "x-soak-id";
  private static final int DEVICES = 24;
  private static final int BARE_TOKENS = 64;
  private static final int JOURNAL_RING = 2_000;

  private final SoakPlan plan;
  private final AtomicLong nextId = new AtomicLong();
  private final AtomicLong outstanding = new AtomicLong();
  private final AtomicInteger connectionsOpened = new AtomicInteger();
  private final LongAdder sent = new LongAdder();
  private final LongAdder notSent = new LongAdder();
  private final LongAdder resets = new LongAdder();
  private final LongAdder lost = new LongAdder();
  private final LongAdder answeredNotJournaled = new LongAdder();
  private final LongAdder statusMismatches = new LongAdder();
  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final Set<Long> lostIds = ConcurrentHashMap.newKeySet();
  /** soak id to journaled status (-1: journaled without one), until the client's answer matches it. */
  private final Map<Long, Integer> journaled = new ConcurrentHashMap<>();
  private final LongAdder journaledRequests = new LongAdder();
  private final LongAdder journalPhantoms = new LongAdder();
  private final LongAdder rejectedStreams = new LongAdder();
  private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> churn = new ConcurrentHashMap<>();

  private Simulator sim;
  private TestProvider provider;
  private ClientCertificate certificate;
  private final List<Device> devices = new ArrayList<>();
  private final TokenPool voipTokens = new TokenPool();
  private final TokenPool apnsTokens = new TokenPool();
  private volatile long deadlineNanos;

  public Soak(SoakPlan plan) {
    this.plan = plan;
  }

  public static void main(String[] args) throws Exception {
    SoakPlan plan;
    try {
      plan = SoakPlan.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("soak: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("Soak " + plan);
    SoakReport report = new Soak(plan).run();
    System.out.println(report);
    List<String> broken = report.brokenInvariants();
    broken.forEach(problem -> System.out.println("BROKEN: " + problem));
    System.out.println(broken.isEmpty() ? "Every invariant holds." : broken.size() + " invariant(s) broken.");
    System.exit(broken.isEmpty() ? 0 : 1);
  }

  /**
   * Runs the soak to its end, shuts everything down, and reports. A short warm-up runs first, so
   * that the heap and thread baselines already include what a first use loads for good (classes,
   * Netty's buffer pools, JDK caches).
   */
  public SoakReport run() throws Exception {
    new Soak(plan.warmUp()).load(null);
    Set<Long> threadsBefore = liveThreadIds();
    long filesBefore = openFiles();
    long heapBefore = heapAfterGc();
    long started = System.nanoTime();
    try (NettyLeakCounter leaks = NettyLeakCounter.install()) {
      Load load = load(leaks);
      long lostButJournaled = journaled.keySet().stream().filter(lostIds::contains).count();
      long phantoms = journalPhantoms.sum() + journaled.size() - lostButJournaled;
      return new SoakReport(
          load.duration(), Duration.ofNanos(System.nanoTime() - started),
          connectionsOpened.get(),
          sent.sum(), notSent.sum(), sums(byStatus), resets.sum(), lost.sum(), load.hung(),
          answeredNotJournaled.sum(), statusMismatches.sum(),
          journaledRequests.sum(), lostButJournaled, phantoms, rejectedStreams.sum(),
          load.journalRecorded(), load.journalFileLines(), load.sinkFailures(),
          sums(faults), sums(churn),
          new SoakReport.Heap(heapBefore, load.heapUnderLoad(), load.heapAtEnd(), heapAfterGc()),
          threadsBefore.size(), threadsLeftBehind(threadsBefore), filesBefore, openFiles(), leaks.leaks());
    }
  }

  /** What one load run leaves to report, once the simulator and the connections are gone. */
  private record Load(
      Duration duration, long hung, long journalRecorded, long journalFileLines, long sinkFailures, long heapUnderLoad, long heapAtEnd) {}

  /** Starts a simulator, runs the load against it, closes everything. */
  private Load load(NettyLeakCounter measuring) throws Exception {
    Path dir = Files.createTempDirectory("pushsim-soak");
    Path journalFile = dir.resolve("journal.ndjson");
    long started = System.nanoTime();
    try {
      sim = Simulator.builder()
          .settings(ApnsSettings.defaults().withTokenRateLimit(1000, Duration.ofSeconds(10)))
          // A small ring fills within seconds, so that heap under load is measured at its steady size;
          // the NDJSON file receives every event.
          .journal(JOURNAL_RING, new NdjsonFileSink(journalFile))
          .build()
          .start();
      sim.journal().subscribe(this::journaled);
      provider = TestProvider.in(sim, dir);
      certificate = provider.certificate(CertificateKind.VOIP_SERVICES);
      setUpTokensAndPhones();

      deadlineNanos = System.nanoTime() + plan.duration().toNanos();
      ScheduledExecutorService chaos = Executors.newScheduledThreadPool(2);
      SplittableRandom random = new SplittableRandom(plan.seed());
      SplittableRandom faultRandom = random.split();
      SplittableRandom churnRandom = random.split();
      chaos.scheduleAtFixedRate(() -> injectFault(faultRandom), 200, 400, TimeUnit.MILLISECONDS);
      chaos.scheduleAtFixedRate(() -> churn(churnRandom), 50, 40, TimeUnit.MILLISECONDS);
      AtomicLong heapUnderLoad = new AtomicLong();
      if (measuring != null) {
        chaos.schedule(() -> heapUnderLoad.set(heapAfterGc()), plan.duration().toMillis() / 2, TimeUnit.MILLISECONDS);
      }

      List<Worker> workers = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < plan.connections(); i++) {
        Worker worker = new Worker(random.split(), i % 4 == 3);
        workers.add(worker);
        Thread thread = new Thread(worker, "soak-connection-" + i);
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      Duration duration = Duration.ofNanos(System.nanoTime() - started);
      long hung = awaitOutcomes();
      chaos.shutdownNow();
      chaos.awaitTermination(10, TimeUnit.SECONDS);
      long heapAtEnd = measuring == null ? 0 : heapAfterGc();
      sim.faults().clear();
      workers.forEach(Worker::close);
      sim.close();
      long recorded = sim.journal().recorded();
      long sinkFailures = sim.journal().sinkFailures();
      release();
      long lines;
      try (Stream<String> all = Files.lines(journalFile)) {
        lines = all.count();
      }
      return new Load(duration, hung, recorded, lines, sinkFailures, heapUnderLoad.get(), heapAtEnd);
    } finally {
      deleteRecursively(dir);
    }
  }

  /** Lets the closed simulator, the phones and the connections be collected before the heap is measured. */
  private void release() {
    sim = null;
    provider = null;
    certificate = null;
    devices.clear();
    voipTokens.clear();
    apnsTokens.clear();
  }

  // ---- the world under load ----

  private void setUpTokensAndPhones() {
    for (int i = 0; i < BARE_TOKENS; i++) {
      voipTokens.addBare(provider.voipToken());
      apnsTokens.addBare(provider.sandboxToken());
    }
    List<AppBehaviour> behaviours = List.of(
        AppBehaviour.reportImmediately(), AppBehaviour.reportAfter(Duration.ofSeconds(2)), AppBehaviour.neverReport(), AppBehaviour.crash("soak"));
    for (int i = 0; i < DEVICES; i++) {
      Device device = sim.addDevice("soak phone " + i, "17.5");
      devices.add(device);
      addTokens(device.install(AppSpec.voipApp(TestProvider.BUNDLE_ID).withBehaviour(behaviours.get(i % behaviours.size()))));
    }
  }

  private void addTokens(InstalledApp app) {
    if (app.voipToken() != null) {
      voipTokens.addPhone(app.voipToken());
    }
    if (app.apnsToken() != null) {
      apnsTokens.addPhone(app.apnsToken());
    }
  }

  private void injectFault(SplittableRandom random) {
    Faults armed = sim.faults();
    String kind = switch (random.nextInt(5)) {
      case 0 -> {
        armed.respondWith(Reason.SERVICE_UNAVAILABLE, 1 + random.nextInt(10));
        yield "armed: 503 ServiceUnavailable";
      }
      case 1 -> {
        armed.respondWith(Reason.INTERNAL_SERVER_ERROR, 1 + random.nextInt(5));
        yield "armed: 500 InternalServerError";
      }
      case 2 -> {
        armed.delay(Duration.ofMillis(10 + random.nextInt(90)), 1 + random.nextInt(20));
        yield "armed: latency";
      }
      case 3 -> {
        armed.goAwayAfter(5 + random.nextInt(50), random.nextBoolean() ? Reason.SHUTDOWN : Reason.SERVICE_UNAVAILABLE);
        yield "armed: GOAWAY";
      }
      default -> {
        armed.dropConnectionAfter(5 + random.nextInt(50));
        yield "armed: dropped connection";
      }
    };
    count(faults, kind);
  }

  private void churn(SplittableRandom random) {
    sim.advance(Duration.ofSeconds(1));
    count(churn, "clock +1 s");
    Device device = devices.get(random.nextInt(devices.size()));
    if (device.app(TestProvider.BUNDLE_ID).isEmpty()) {
      addTokens(device.install(AppSpec.voipApp(TestProvider.BUNDLE_ID)));
      count(churn, "install");
      return;
    }
    switch (random.nextInt(7)) {
      case 0 -> {
        if (device.online()) {
          device.goOffline();
          count(churn, "offline");
        } else {
          device.goOnline();
          count(churn, "online");
        }
      }
      case 1 -> {
        device.kill(TestProvider.BUNDLE_ID);
        count(churn, "kill");
      }
      case 2 -> {
        device.launch(TestProvider.BUNDLE_ID);
        count(churn, "launch");
      }
      case 3 -> {
        addTokens(device.reinstall(TestProvider.BUNDLE_ID));
        count(churn, "reinstall");
      }
      case 4 -> {
        device.uninstall(TestProvider.BUNDLE_ID);
        count(churn, "uninstall");
      }
      case 5 -> {
        device.restart();
        count(churn, "restart");
      }
      default -> {
        device.setDoNotDisturb(!device.doNotDisturb());
        count(churn, "do not disturb");
      }
    }
  }

  /** One provider connection: sends until the soak ends, reconnecting whenever the server closes it. */
  private final class Worker implements Runnable {
    private final SplittableRandom random;
    private final boolean withCertificate;
    private final Semaphore inFlight = new Semaphore(plan.inFlight());
    private final List<H2Client> clients = new ArrayList<>();
    private H2Client client;

    Worker(SplittableRandom random, boolean withCertificate) {
      this.random = random;
      this.withCertificate = withCertificate;
    }

    @Override
    public void run() {
      while (System.nanoTime() < deadlineNanos) {
        try {
          if (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
            continue;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long id = nextId.incrementAndGet();
        if (id > plan.maxRequests()) {
          inFlight.release();
          return;
        }
        PushRequest request = SoakRequest.next(random, provider, voipTokens, apnsTokens, id);
        outstanding.incrementAndGet();
        request.sendWith(connection()).whenComplete((response, failure) -> {
          outcome(id, response, failure);
          outstanding.decrementAndGet();
          inFlight.release();
        });
      }
    }

    /** The open connection, or a new one once the server sent GOAWAY or closed it. */
    private H2Client connection() {
      if (client != null && client.isOpen() && !client.goAway().isDone()) {
        return client;
      }
      clients.removeIf(old -> {
        if (old.isOpen()) {
          return false;
        }
        old.close(); // its event loop thread goes with it
        return true;
      });
      try {
        client = withCertificate
            ? H2Client.connect("localhost", sim.sandbox().port(), sim.ca().certificate(), certificate.privateKey(), certificate.chain())
            : H2Client.connect("localhost", sim.sandbox().port(), sim.ca().certificate());
      } catch (Exception e) {
        throw new IllegalStateException("The soak could not connect: " + e, e);
      }
      clients.add(client);
      connectionsOpened.incrementAndGet();
      return client;
    }

    void close() {
      clients.forEach(H2Client::close);
    }
  }

  // ---- matching the client's view with the journal's ----

  private void outcome(long id, H2Client.Response response, Throwable failure) {
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof H2Client.NotSent) {
        notSent.increment();
        return;
      }
      sent.increment();
      if (cause instanceof H2Client.Reset) {
        resets.increment();
      } else {
        lost.increment();
        lostIds.add(id);
      }
      return;
    }
    sent.increment();
    byStatus.computeIfAbsent(response.status(), status -> new LongAdder()).increment();
    if (response.status() == 431) {
      return; // the HTTP/2 layer's answer: journaled as a rejected stream
    }
    // The journal records a request before its answer is written: the event is here already.
    Integer journaledStatus = journaled.remove(id);
    if (journaledStatus == null) {
      answeredNotJournaled.increment();
    } else if (journaledStatus != response.status()) {
      statusMismatches.increment();
    }
  }

  private void journaled(JournalEvent event) {
    if (ApnsService.REQUEST_EVENT.equals(event.type())) {
      journaledRequests.increment();
      Object id = event.get("headers") instanceof Map<?, ?> headers ? headers.get(SOAK_ID) : null;
      if (id == null) {
        journalPhantoms.increment();
        return;
      }
      journaled.put(Long.parseLong(id.toString()), event.get("status") instanceof Integer status ? status : -1);
    } else if (ApnsService.STREAM_REJECTED_EVENT.equals(event.type())) {
      rejectedStreams.increment();
    } else if (ApnsService.CONNECTION_CLOSED_EVENT.equals(event.type())) {
      String why = String.valueOf(event.get("why"));
      count(faults, "connections closed: " + (why.startsWith("error") ? "error" : why));
    }
  }

  private long awaitOutcomes() {
    try {
      await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> outstanding.get() == 0);
      return 0;
    } catch (ConditionTimeoutException hung) {
      return outstanding.get();
    }
  }

  // ---- the process, before and after ----

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static Set<Long> liveThreadIds() {
    Set<Long> ids = new java.util.HashSet<>();
    Thread.getAllStackTraces().keySet().forEach(thread -> ids.add(thread.getId()));
    return ids;
  }

  /**
   * Threads started since {@code before} and still alive once the soak is over. They end a little
   * after their executors shut down: this waits (real time) for them to go, then names any left.
   */
  private static List<String> threadsLeftBehind(Set<Long> before) {
    java.util.function.Supplier<List<String>> newThreads = () -> Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread.getId()))
        .map(Thread::getName).sorted().toList();
    try {
      await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> newThreads.get().isEmpty());
    } catch (ConditionTimeoutException stillThere) {
      // reported below, by name
    }
    return newThreads.get();
  }

  private static long openFiles() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
  }

  private static void count(Map<String, LongAdder> counts, String what) {
    counts.computeIfAbsent(what, key -> new LongAdder()).increment();
  }

  private static <K> Map<K, Long> sums(Map<K, LongAdder> counts) {
    Map<K, Long> sums = new java.util.HashMap<>();
    counts.forEach((key, adder) -> sums.put(key, adder.sum()));
    return sums;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Device tokens to push to: tokens of no phone (APNs accepts, nothing rings), which stay valid, and
   * the phones' tokens, current ones and, after uninstalls, stale ones (answered 410).
   */
  static final class TokenPool {
    private static final int PHONE_TOKENS_KEPT = 256;
    private final List<DeviceToken> bare = new ArrayList<>();
    private final List<DeviceToken> phones = new ArrayList<>();

    synchronized void addBare(DeviceToken token) {
      bare.add(token);
    }

    synchronized void addPhone(DeviceToken token) {
      if (phones.size() == PHONE_TOKENS_KEPT) {
        phones.remove(0);
      }
      phones.add(token);
    }

    /** A phone's token three times in ten, else one of no phone. */
    synchronized DeviceToken any(SplittableRandom random) {
      List<DeviceToken> from = random.nextInt(10) < 3 && !phones.isEmpty() ? phones : bare;
      return from.get(random.nextInt(from.size()));
    }

    synchronized void clear() {
      bare.clear();
      phones.clear();
    }
  }

  static String uuid(SplittableRandom random) {
    return new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase(java.util.Locale.ROOT);
  }
}
