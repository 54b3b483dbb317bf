package dev.pushsim.bench;

import dev.pushsim.apns.ApnsService;
import dev.pushsim.apns.auth.ProviderTokens;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.auth.Team;
import dev.pushsim.clock.SimClock;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.Device;
import dev.pushsim.device.DeviceRules;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.Journal;
import dev.pushsim.journal.NdjsonFileSink;
import dev.pushsim.world.Simulator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scale run ({@code src/bench/run-scale.sh}): builds a world of many simulated devices, each
 * with a few apps holding an APNs and a VoIP token, and measures its load time and heap per token;
 * then sends pushes to every token through the real server (TLS, HTTP/2, token auth) from a load
 * generator in its own JVM, sampling the heap after a full GC while they flow, and checks that no
 * event was lost: answers = requests = {@code apns.request} events, and every event recorded is in
 * the ring or was evicted from it, and is a line of the NDJSON journal file.
 */
@Command(name = "ScaleRun", mixinStandardHelpOptions = true, description = "World load and push scale run.")
public final class ScaleRun implements Callable<Integer> {

  static final String TEAM_ID = "SCALETEAM1";
  static final String PAYLOAD = "{\"aps\":{\"alert\":{\"title\":\"Alice\",\"body\":\"Scale run\"}},\"caller\":\"Alice\"}";

  @Option(names = "--devices", description = "simulated devices (default ${DEFAULT-VALUE})")
  int devices = 100_000;

  @Option(names = "--apps", description = "apps per device, each with an APNs and a VoIP token (default ${DEFAULT-VALUE})")
  int apps = 5;

  @Option(names = "--pushes", description = "pushes to send, round-robin over every token (default ${DEFAULT-VALUE}; 0: world only)")
  long pushes = 1_000_000;

  @Option(names = "--connections", description = "generator connections (default ${DEFAULT-VALUE})")
  int connections = 4;

  @Option(names = "--streams", description = "streams in flight per connection (default ${DEFAULT-VALUE})")
  int streams = 100;

  @Option(names = "--history", description = "shown notifications and ended calls each device keeps (model default 100; default here ${DEFAULT-VALUE})")
  int history = 0;

  @Option(names = "--ring-timeout", description = "seconds an unanswered call rings (model default 60; default here ${DEFAULT-VALUE})")
  int ringTimeoutSeconds = 1;

  @Option(names = "--journal-capacity", description = "events the journal keeps in memory (default ${DEFAULT-VALUE})")
  int journalCapacity = Journal.DEFAULT_CAPACITY;

  @Option(names = "--sample-every", description = "seconds between heap samples (full GC each) (default ${DEFAULT-VALUE})")
  int sampleSeconds = 5;

  @Option(names = "--max-seconds", description = "bound on the push phase (default ${DEFAULT-VALUE})")
  int maxSeconds = 900;

  @Option(names = "--generator-heap", description = "the load generator JVM's -Xmx (default ${DEFAULT-VALUE})")
  String generatorHeap = "1g";

  @Option(names = "--out", description = "working directory: targets, generator output, journal file (default ${DEFAULT-VALUE})")
  Path out = Path.of("target/bench/scale");

  @Option(names = "--report", description = "the Markdown report (default ${DEFAULT-VALUE})")
  Path reportFile = Path.of("target/bench/scale.md");

  @Option(names = "--keep-journal", description = "keep the NDJSON journal file (several GB for a million pushes)")
  boolean keepJournal;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ScaleRun()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(out);
    Path journalFile = out.resolve("journal.ndjson");
    Files.deleteIfExists(journalFile);
    ScaleReport report = new ScaleReport();
    report.fact("date", LocalDate.now().toString());
    report.fact("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " " + Runtime.version()
        + ", max heap " + mb(Runtime.getRuntime().maxMemory()) + " MB, JVM flags " + ManagementFactory.getRuntimeMXBean().getInputArguments());

    // ---- the world
    long heapBefore = heapAfterGc();
    DeviceRules rules = DeviceRules.defaults().withHistoryKept(history).withRingTimeout(Duration.ofSeconds(ringTimeoutSeconds));
    Simulator sim = Simulator.builder()
        .clock(SimClock.system())
        .deviceRules(rules)
        .journal(journalCapacity, new NdjsonFileSink(journalFile))
        .build();
    EventTally tally = new EventTally();
    sim.journal().subscribe(tally::count);
    SigningKey key = SigningKey.generate(TEAM_ID);
    Team team = sim.team(TEAM_ID).addKey(key); // one key for the team signs the pushes of all its apps
    List<AppSpec> specs = new ArrayList<>();
    for (int a = 0; a < apps; a++) {
      AppSpec spec = AppSpec.voipApp(bundleId(a));
      specs.add(spec);
      team.addBundleId(spec.bundleId());
    }
    long loadStart = System.nanoTime();
    List<Device> world = new ArrayList<>(devices);
    for (int d = 0; d < devices; d++) {
      Device device = sim.addDevice("iPhone " + d, "17.5");
      for (AppSpec spec : specs) {
        device.install(spec);
      }
      world.add(device);
    }
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    long heapWorld = heapAfterGc();
    int tokens = sim.tokens().size();
    report.world(devices, apps, tokens, loadSeconds, heapBefore, heapWorld);
    System.out.println(report.worldLines());

    if (pushes > 0) {
      pushPhase(sim, key, world, tally, report, journalFile);
    }
    Files.writeString(reportFile, report.markdown(), StandardCharsets.UTF_8);
    System.out.println(report.markdown());
    System.out.println("written " + reportFile);
    return report.allChecksPass() ? 0 : 1;
  }

  private void pushPhase(Simulator sim, SigningKey key, List<Device> world, EventTally tally, ScaleReport report, Path journalFile) throws Exception {
    sim.start();
    int port = sim.sandbox().port();
    Path targets = out.resolve("targets.txt");
    writeTargets(targets, world, port);
    Path payload = out.resolve("payload.json");
    Files.writeString(payload, PAYLOAD, StandardCharsets.UTF_8);
    Path ca = out.resolve("ca.pem");
    sim.ca().writeCertificatePem(ca);
    String authorization = ProviderTokens.authorizationHeader(ProviderTokens.sign(key, sim.clock().now()));

    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + generatorHeap, "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName(),
        "-i", targets.toString(), "-d", payload.toString(), "--cacert", ca.toString(),
        "-c", String.valueOf(connections), "-m", String.valueOf(streams), "-n", String.valueOf(pushes),
        "--max-time", String.valueOf(maxSeconds), "--result", out.resolve("generator.properties").toString(),
        "--cpu-of", String.valueOf(ProcessHandle.current().pid()),
        "-H", "authorization: " + authorization, "-H", "apns-priority: 10");
    Path generatorLog = out.resolve("generator.txt");
    Files.deleteIfExists(out.resolve("generator.properties"));
    System.out.println("pushing " + pushes + " through " + sim.sandbox() + " with " + LoadGenerator.class.getSimpleName()
        + " -c " + connections + " -m " + streams + " (its output: " + generatorLog + ")");

    List<HeapSample> samples = new ArrayList<>();
    long[] gcBefore = gcCountAndMillis();
    long started = System.nanoTime();
    samples.add(new HeapSample(0, tally.requests(), heapAfterGc()));
    Process generator = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(generatorLog.toFile()).start();
    CountDownLatch done = new CountDownLatch(1);
    generator.onExit().thenRun(done::countDown);
    long deadline = started + TimeUnit.SECONDS.toNanos(maxSeconds + 30L);
    while (!done.await(sampleSeconds, TimeUnit.SECONDS)) {
      samples.add(new HeapSample((System.nanoTime() - started) / 1e9, tally.requests(), heapAfterGc()));
      System.out.println("  " + samples.get(samples.size() - 1));
      if (System.nanoTime() > deadline) {
        generator.destroyForcibly(); // our own child, by its handle
        report.note("the generator did not finish within " + (maxSeconds + 30) + " s and was stopped");
        break;
      }
    }
    double pushSeconds = (System.nanoTime() - started) / 1e9;
    long[] gcAfter = gcCountAndMillis();
    report.gc(gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], samples.size(), pushSeconds);
    // Calls still ringing end as unanswered after the ring timeout: those events belong to the run too.
    if (!tally.awaitCallsEnded(Duration.ofSeconds(ringTimeoutSeconds + 30L))) {
      report.note("calls still ringing " + (ringTimeoutSeconds + 30) + " s after the last push");
    }
    samples.add(new HeapSample((System.nanoTime() - started) / 1e9, tally.requests(), heapAfterGc()));
    sim.close(); // flushes and closes the journal file

    Properties generated = new Properties();
    Path results = out.resolve("generator.properties");
    if (Files.exists(results)) {
      try (BufferedReader reader = Files.newBufferedReader(results)) {
        generated.load(reader);
      }
    }
    FileCount file = FileCount.of(journalFile);
    if (!keepJournal) {
      Files.deleteIfExists(journalFile);
      Files.deleteIfExists(targets);
    }
    report.pushes(pushes, pushSeconds, generated, Files.readString(generatorLog), tally,
        sim.journal(), file, samples, steadyFrom(), Runtime.getRuntime().maxMemory());
  }

  /**
   * One push per token, round-robin over the devices: every device's first app gets an alert,
   * then a VoIP push, then the next app, so that each device reaches its steady state (history
   * full) early in the run and the heap can be seen to stay flat after.
   */
  private void writeTargets(Path file, List<Device> world, int port) throws IOException {
    String base = "https://127.0.0.1:" + port + "/3/device/";
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (int a = 0; a < apps; a++) {
        for (boolean voip : new boolean[] {false, true}) {
          for (Device device : world) {
            InstalledApp app = device.app(bundleId(a)).orElseThrow();
            writer.write(base + (voip ? app.voipToken() : app.apnsToken()).hex()
                + "\tapns-topic: " + app.bundleId() + (voip ? ".voip\tapns-push-type: voip" : "\tapns-push-type: alert"));
            writer.newLine();
          }
        }
      }
    }
  }

  /**
   * The request from which the heap must stay flat: each device's first alert and first call
   * create its per-device state (the targets go app by app over all devices), and the first
   * quarter of the run also warms the JIT.
   */
  private long steadyFrom() {
    return Math.min(pushes, Math.max(pushes / 4, 2L * devices));
  }

  private static long[] gcCountAndMillis() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  private static String bundleId(int app) {
    return "com.example.scale.app" + app;
  }

  static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long mb(long bytes) {
    return Math.round(bytes / 1048576.0);
  }

  /** The heap in use right after a full GC, at a point of the run. */
  record HeapSample(double seconds, long requests, long heapBytes) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%6.1f s  %,10d requests journaled  heap after GC %6.1f MB", seconds, requests, heapBytes / 1048576.0);
    }
  }

  /** Lines of the NDJSON journal, and how many are APNs request events. */
  record FileCount(long lines, long requestLines) {
    static FileCount of(Path file) throws IOException {
      long lines = 0;
      long requests = 0;
      String marker = "\"type\":\"" + ApnsService.REQUEST_EVENT + "\"";
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines++;
          if (line.contains(marker)) {
            requests++;
          }
        }
      }
      return new FileCount(lines, requests);
    }
  }
}
