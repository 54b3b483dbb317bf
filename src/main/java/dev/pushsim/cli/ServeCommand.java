package dev.pushsim.cli;

import dev.pushsim.apns.ApnsService;
import dev.pushsim.apns.DeviceToken;
import dev.pushsim.apns.Environment;
import dev.pushsim.apns.auth.ProviderTokens;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.clock.SimClock;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.journal.NdjsonFileSink;
import dev.pushsim.journal.Journal;
import dev.pushsim.world.Simulator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pushsim serve}: the standalone simulator on the system clock. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the fake APNs (sandbox and production) with a default world: a team with a signing key,",
      "a VoIP app on two simulated iPhones. Prints the CA to trust, the credentials, and a curl line that",
      "rings a phone; then logs every APNs answer and every step on the phones."
    },
    footer = {"", "Examples:", "  pushsim serve", "  pushsim serve --sandbox-port 2197 --production-port 2198 --data-dir /tmp/pushsim",
        "  pushsim serve --plaintext        # h2c for local tools, token auth only"})
final class ServeCommand implements Callable<Integer> {

  static final String TEAM_ID = "PUSHSIMDEV";
  static final String BUNDLE_ID = "com.example.voip";

  @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}). Loopback keeps it private.")
  String host = "127.0.0.1";

  @Option(names = "--sandbox-port", description = "Port of the sandbox (development) APNs; 0 = any free port (default: ${DEFAULT-VALUE}).")
  int sandboxPort = 2197;

  @Option(names = "--production-port", description = "Port of the production APNs; 0 = any free port (default: ${DEFAULT-VALUE}).")
  int productionPort = 2198;

  @Option(names = "--plaintext", description = "Serve h2c (HTTP/2 without TLS, prior knowledge) instead of TLS.")
  boolean plaintext;

  @Option(names = "--data-dir", description = "Where to write the CA, the .p8 key and client certificates (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("pushsim-data");

  @Option(names = "--journal", description = "Also append every journal event to this NDJSON file.")
  Path journalFile;

  @Override
  public Integer call() throws Exception {
    Simulator sim = start(System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.close();
      stopped.countDown();
    }, "pushsim-shutdown"));
    stopped.await();
    return 0;
  }

  /** Starts the simulator with the default world, prints how to use it to {@code out}, and logs to it. */
  Simulator start(PrintStream out) throws java.io.IOException {
    Simulator.Builder builder = Simulator.builder()
        .clock(SimClock.system())
        .host(host)
        .plaintext(plaintext)
        .port(Environment.SANDBOX, sandboxPort)
        .port(Environment.PRODUCTION, productionPort);
    if (journalFile != null) {
      builder.journal(Journal.DEFAULT_CAPACITY, new NdjsonFileSink(journalFile));
    }
    Simulator sim = builder.build().start();
    DefaultWorld world = DefaultWorld.create(sim, dataDir);
    printWelcome(out, sim, world);
    sim.journal().subscribe(event -> printEvent(out, event));
    return sim;
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

  private void printWelcome(PrintStream out, Simulator sim, DefaultWorld world) {
    String bearer = ProviderTokens.sign(world.key, sim.clock().now());
    String trust = plaintext ? "" : " --cacert " + world.caPem;
    String http = plaintext ? "--http2-prior-knowledge" : "--http2";
    out.println();
    out.println("PushSim is running.");
    out.printf("  sandbox APNs     %s   (stands for %s)%n", sim.sandbox().url(), Environment.SANDBOX.appleHost());
    out.printf("  production APNs  %s   (stands for %s)%n", sim.production().url(), Environment.PRODUCTION.appleHost());
    if (!plaintext) {
      out.printf("  trust this CA    %s%n", world.caPem);
    }
    out.printf("  team id          %s%n", TEAM_ID);
    out.printf("  key id           %s   (.p8: %s)%n", world.key.keyId(), world.p8);
    out.printf("  app              %s   (client certificate: %s, password \"pushsim\")%n", BUNDLE_ID, world.p12);
    out.printf("  Alice's iPhone   development build: APNs token %s%n", world.sandboxApns.hex());
    out.printf("                                      VoIP token %s%n", world.sandboxVoip.hex());
    out.printf("  Bob's iPhone     App Store build:   VoIP token %s%n", world.productionVoip.hex());
    out.println();
    out.println("Ring Alice's iPhone with a VoIP push (the JWT below is valid for 60 minutes):");
    out.printf("  curl -v %s%s \\%n", http, trust);
    out.printf("    -H 'authorization: bearer %s' \\%n", bearer);
    out.printf("    -H 'apns-topic: %s.voip' -H 'apns-push-type: voip' -H 'apns-priority: 10' -H 'apns-expiration: 0' \\%n", BUNDLE_ID);
    out.printf("    -d '{\"aps\":{},\"caller\":\"Bob\"}' \\%n");
    out.printf("    %s/3/device/%s%n", sim.sandbox().url(), world.sandboxVoip.hex());
    out.println();
    out.println("Stop with Ctrl-C: providers get GOAWAY {\"reason\":\"Shutdown\"} and the journal is flushed.");
    out.flush();
  }

  /** The world {@code serve} starts with until world files exist: one team, one app, two phones. */
  static final class DefaultWorld {
    SigningKey key;
    Path caPem;
    Path p8;
    Path p12;
    DeviceToken sandboxApns;
    DeviceToken sandboxVoip;
    DeviceToken productionVoip;

    static DefaultWorld create(Simulator sim, Path dataDir) throws java.io.IOException {
      Files.createDirectories(dataDir);
      DefaultWorld world = new DefaultWorld();
      world.key = SigningKey.generate(TEAM_ID);
      sim.team(TEAM_ID).addKey(world.key).addBundleId(BUNDLE_ID);
      world.caPem = dataDir.resolve("pushsim-ca.pem").toAbsolutePath();
      sim.ca().writeCertificatePem(world.caPem);
      world.p8 = dataDir.resolve("AuthKey_" + world.key.keyId() + ".p8").toAbsolutePath();
      world.key.writeP8(world.p8);
      world.p12 = dataDir.resolve(BUNDLE_ID + ".voip-services.p12").toAbsolutePath();
      sim.ca().mintClientCertificate(BUNDLE_ID, CertificateKind.VOIP_SERVICES).writeP12(world.p12, "pushsim".toCharArray());
      // A development build on Alice's phone, the App Store build on Bob's: one token per environment.
      InstalledApp development = sim.addDevice("Alice's iPhone", "17.5").install(AppSpec.voipApp(BUNDLE_ID));
      InstalledApp production = sim.addDevice("Bob's iPhone", "18.1").install(AppSpec.voipApp(BUNDLE_ID).signedFor(Environment.PRODUCTION));
      world.sandboxApns = development.apnsToken();
      world.sandboxVoip = development.voipToken();
      world.productionVoip = production.voipToken();
      return world;
    }
  }
}
