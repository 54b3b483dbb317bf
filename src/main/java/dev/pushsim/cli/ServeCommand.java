package dev.pushsim.cli;

import dev.pushsim.admin.AdminServer;
import dev.pushsim.apns.ApnsService;
import dev.pushsim.apns.auth.ProviderTokens;
import dev.pushsim.apns.auth.Team;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.apns.tls.ServerNames;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.SystemClock;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.Journal;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.journal.NdjsonFileSink;
import dev.pushsim.push.ConfigFiles;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import dev.pushsim.world.SimulatorBuilder;
import dev.pushsim.world.TokenSecret;
import dev.pushsim.world.WorldFile;
import dev.pushsim.world.WorldLoader.LoadedKey;
import dev.pushsim.world.WorldLoader.LoadedWorld;
import dev.pushsim.world.WorldLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pushsim serve}: the standalone simulator on the system clock. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    defaultValueProvider = EnvironmentDefaults.class,
    description = {
      "Starts the fake APNs (sandbox and production) with the world of simulator/world.yaml: provider",
      "teams and keys, and simulated iPhones with apps installed. Prints the CA to trust, the credentials,",
      "and a curl line that rings a phone; then logs every APNs answer and every step on the phones."
    },
    footer = {"", "Examples:", "  pushsim serve", "  pushsim serve --world my-world.yaml --data-dir /tmp/pushsim",
        "  pushsim serve --sandbox-port 0 --production-port 0 --admin-port 0   # any free ports",
        "  pushsim serve --clock virtual                         # time moves only by POST /admin/clock/advance",
        "  pushsim serve --admin-host 0.0.0.0 --admin-token s3cret   # admin API beyond loopback needs a token",
        "  pushsim serve --plaintext                             # h2c for local tools, token auth only",
        "  pushsim serve --host 0.0.0.0 --tls-name pushsim       # a compose service named pushsim",
        "", "Every option also reads PUSHSIM_<OPTION> from the environment (PUSHSIM_SANDBOX_PORT=0, "
            + "PUSHSIM_TLS_NAME=a,b); a flag wins."})
final class ServeCommand implements Callable<Integer> {

  /** The admin API and dashboard's port: clear of Apple's 2195-2198 and of common development ports. */
  static final int DEFAULT_ADMIN_PORT = 8197;

  /** Which clock the world runs on. */
  enum ClockMode { system, virtual }

  static final Path DEFAULT_WORLD = Path.of("simulator", "world.yaml");

  @Option(names = "--world", paramLabel = "FILE", description = "The world to load (default: simulator/world.yaml, else the one built into the jar).")
  Path worldFile;

  @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}). Loopback keeps it private.")
  String host = "127.0.0.1";

  @Option(names = "--sandbox-port", description = "Port of the sandbox (development) APNs; 0 = any free port (default: the world's, else 2197).")
  Integer sandboxPort;

  @Option(names = "--production-port", description = "Port of the production APNs; 0 = any free port (default: the world's, else 2198).")
  Integer productionPort;

  @Option(names = "--tls-name", paramLabel = "NAME", split = ",",
      description = "Another DNS name or IP address the server certificate answers for (repeatable).")
  List<String> tlsNames = new ArrayList<>();

  @Option(names = "--plaintext", description = "Serve h2c (HTTP/2 without TLS, prior knowledge) instead of TLS.")
  boolean plaintext;

  @Option(names = "--data-dir", description = "Where to write the CA, minted .p8 keys and client certificates (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("pushsim-data");

  @Option(names = "--journal", description = "Also append every journal event to this NDJSON file.")
  Path journalFile;

  @Option(names = "--admin-port", description = "Port of the admin REST API and the web dashboard; 0 = any free port (default: ${DEFAULT-VALUE}).")
  int adminPort = DEFAULT_ADMIN_PORT;

  @Option(names = "--admin-host", description = "Address of the admin API (default: ${DEFAULT-VALUE}); anything but loopback needs --admin-token.")
  String adminHost = "127.0.0.1";

  @Option(names = "--admin-token", paramLabel = "TOKEN", description = "Bearer token every admin request must carry (Authorization: Bearer TOKEN).")
  String adminToken;

  @Option(names = "--clock", description = "system (time passes) or virtual (time moves only by POST /admin/clock/advance); default: ${DEFAULT-VALUE}.")
  ClockMode clockMode = ClockMode.system;

  @Spec CommandSpec spec;

  /** The world file's name in messages. */
  private String worldSource;

  /** The --tls-name values, checked. */
  private ServerNames serverNames = ServerNames.NONE;

  /** A running standalone simulator: the world and its admin server, stopped together. */
  record Running(Simulator sim, AdminServer admin) implements AutoCloseable {
    /** Stops the admin server, then sends GOAWAY to providers and flushes the journal. */
    @Override
    public void close() {
      admin.close();
      sim.close();
      if (sim.clock() instanceof SystemClock system) {
        system.close();
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    validate();
    Running running = start(System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "pushsim-shutdown"));
    stopped.await();
    return 0;
  }

  /** Checks what picocli cannot: a flag's value that parses but makes no sense, named with its flag. */
  void validate() {
    requirePort("--sandbox-port", sandboxPort);
    requirePort("--production-port", productionPort);
    requirePort("--admin-port", adminPort);
    try {
      serverNames = ServerNames.parse(tlsNames);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--tls-name': " + e.getMessage());
    }
  }

  private void requirePort(String option, Integer port) {
    if (port != null && (port < 0 || port > 65_535)) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + port + " is not a port (0 to 65535; 0 picks a free one)");
    }
  }

  /** Starts the simulator with the world and its admin server, prints how to use them to {@code out}, and logs to it. */
  Running start(PrintStream out) throws IOException {
    serverNames = ServerNames.parse(tlsNames);
    WorldFile world = readWorld();
    Files.createDirectories(dataDir);
    SimClock clock = clockMode == ClockMode.virtual ? SimClock.virtual() : SimClock.system();
    SimulatorBuilder builder = Simulator.builder()
        .clock(clock)
        .ca(DevelopmentCa.loadOrCreate(dataDir, clock).serverNames(serverNames))
        .tokenSecret(TokenSecret.loadOrCreate(dataDir))
        .host(host)
        .plaintext(plaintext)
        .port(Environment.SANDBOX, firstOf(sandboxPort, world.apns().sandboxPort(), 2197))
        .port(Environment.PRODUCTION, firstOf(productionPort, world.apns().productionPort(), 2198));
    if (journalFile != null) {
      builder.journal(Journal.DEFAULT_CAPACITY, new NdjsonFileSink(journalFile));
    }
    Simulator sim = builder.build();
    AdminServer admin;
    try {
      admin = AdminServer.builder(sim).host(adminHost).port(adminPort).bearerToken(adminToken).serverNames(tlsNames)
          .build();
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
    Running running = new Running(sim.start(), admin);
    try {
      // The admin server counts metrics from the journal: started before the world loads, it sees every install.
      admin.start();
      Path worldDir = worldFile == null ? Path.of(".") : worldFile.toAbsolutePath().getParent();
      LoadedWorld loaded = WorldLoader.load(world, worldSource, sim, worldDir, dataDir);
      printWelcome(out, sim, admin, loaded);
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
    sim.journal().subscribe(event -> printEvent(out, event));
    return running;
  }

  private WorldFile readWorld() throws IOException {
    Path file = worldFile != null ? worldFile : Files.exists(DEFAULT_WORLD) ? DEFAULT_WORLD : null;
    if (file == null) {
      worldSource = "world.yaml (built in)";
      try (InputStream builtIn = ServeCommand.class.getResourceAsStream("/world.yaml")) {
        return WorldFile.read(builtIn, worldSource);
      }
    }
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("No world file at " + file.toAbsolutePath());
    }
    worldFile = file;
    worldSource = file.toString();
    // Capped and refused unless a regular file: a FIFO or /dev/zero as --world must not hang serve.
    byte[] yaml = ConfigFiles.read(file, "the world file", ConfigFiles.YAML_LIMIT);
    return WorldFile.read(new ByteArrayInputStream(yaml), worldSource);
  }

  private static int firstOf(Integer flag, Integer fromWorld, int fallback) {
    return flag != null ? flag : fromWorld != null ? fromWorld : fallback;
  }

  private static void printEvent(PrintStream out, JournalEvent event) {
    if (ApnsService.REQUEST_EVENT.equals(event.type())) {
      out.printf("%s APNs %s %s -> %s %s%n",
          event.time(), event.get("environment"), event.deviceToken(), event.get("status"),
          event.get("reason") == null ? "" : event.get("reason") + " (" + event.get("detail") + ")");
    } else if (event.device() != null) {
      out.printf("%s %s: %s %s%n", event.time(), event.device(), event.type(), event.data());
    }
  }

  private void printWelcome(PrintStream out, Simulator sim, AdminServer admin, LoadedWorld world) {
    ReachableUrls reachable = new ReachableUrls(serverNames);
    Path caPem = dataDir.resolve(DevelopmentCa.CERTIFICATE_FILE).toAbsolutePath();
    out.println();
    out.println("PushSim is running" + (worldFile == null ? " (built-in world)." : " (world " + worldFile + ")."));
    String adminUrl = reachable.adminUrl(admin);
    out.printf("  sandbox APNs     %s   (stands for %s)%n", reachable.url(sim.sandbox()), Environment.SANDBOX.appleHost());
    out.printf("  production APNs  %s   (stands for %s)%n", reachable.url(sim.production()), Environment.PRODUCTION.appleHost());
    out.printf("  dashboard        %s/   (admin API: %s/admin%s)%n", adminUrl, adminUrl, adminToken == null ? "" : ", bearer token required");
    if (clockMode == ClockMode.virtual) {
      out.printf("  clock            virtual: time stands still until curl -X POST %s/admin/clock/advance --json '{\"by\":\"7s\"}'%n",
          adminUrl);
    }
    if (!plaintext) {
      out.printf("  trust this CA    %s%n", caPem);
    }
    for (LoadedKey key : world.keys()) {
      out.printf("  team %s   key id %s   (.p8: %s)%n", key.key().teamId(), key.key().keyId(), key.p8());
    }
    for (Team team : sim.directory().teams()) {
      for (String bundleId : team.bundleIds()) {
        Path p12 = dataDir.resolve(bundleId + ".voip-services.p12").toAbsolutePath();
        sim.ca().mintClientCertificate(bundleId, CertificateKind.VOIP_SERVICES).writeP12(p12, ClientCertificate.DEFAULT_P12_PASSWORD.toCharArray());
        out.printf("  app %s   VoIP Services certificate %s (password \"%s\")%n", bundleId, p12, ClientCertificate.DEFAULT_P12_PASSWORD);
      }
    }
    InstalledApp ringable = null;
    for (InstalledApp app : world.installed()) {
      out.printf("  %s: %s (%s build)%n", app.device().name(), app.bundleId(), app.spec().environment().apsEnvironment());
      if (app.apnsToken() != null) {
        out.printf("      APNs token %s%n", app.apnsToken().hex());
      }
      if (app.voipToken() != null) {
        out.printf("      VoIP token %s%n", app.voipToken().hex());
        ringable = ringable == null ? app : ringable;
      }
    }
    if (ringable != null && !world.keys().isEmpty()) {
      printCurl(out, sim, admin, world.keys().get(0), ringable, caPem);
    }
    out.println();
    out.println("Stop with Ctrl-C: providers get GOAWAY {\"reason\":\"Shutdown\"} and the journal is flushed.");
    out.flush();
  }

  private void printCurl(PrintStream out, Simulator sim, AdminServer admin, LoadedKey key, InstalledApp app, Path caPem) {
    String bearer = ProviderTokens.sign(key.key(), sim.clock().now());
    ReachableUrls reachable = new ReachableUrls(serverNames);
    out.println();
    out.println("Ring " + app.device().name() + " with a VoIP push (the JWT below is valid for 60 minutes) and watch it on " + reachable.adminUrl(admin) + "/ :");
    out.printf("  curl -v %s%s \\%n", plaintext ? "--http2-prior-knowledge" : "--http2", plaintext ? "" : " --cacert " + caPem);
    out.printf("    -H 'authorization: bearer %s' \\%n", bearer);
    out.printf("    -H 'apns-topic: %s.voip' -H 'apns-push-type: voip' -H 'apns-priority: 10' -H 'apns-expiration: 0' \\%n", app.bundleId());
    out.printf("    -d '{\"aps\":{},\"caller\":\"Bob\"}' \\%n");
    out.printf("    %s/3/device/%s%n", reachable.url(sim.server(app.spec().environment())), app.voipToken().hex());
  }
}
