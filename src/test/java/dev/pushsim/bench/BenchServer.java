package dev.pushsim.bench;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.AcceptAllPushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import dev.pushsim.apns.ApnsSettings;
import dev.pushsim.apns.auth.ProviderTokens;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.apns.tls.DevelopmentCa.ServerCredentials;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.clock.SimClock;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.DeviceRules;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * One APNs server implementation for the h2load benchmark ({@code src/bench/run-h2load.sh}).
 *
 * <pre>
 * BenchServer prepare &lt;dir&gt; &lt;port&gt; &lt;device tokens&gt;            # once per run: key, JWT, tokens, URIs, payload
 * BenchServer serve &lt;target&gt; &lt;port&gt; &lt;dir&gt; &lt;threads&gt;          # starts one target on 127.0.0.1:port, runs until killed
 * BenchServer targets                                # lists the targets
 * </pre>
 *
 * <p>{@code prepare} mints one P-256 signing key, one ES256 provider token (DER signature: Pushy
 * verifies only DER, PushSim accepts both) and N VoIP device tokens, so that every target gets
 * byte-for-byte the same h2load command. {@code serve} writes {@code <dir>/<target>.env} (a
 * shell-sourceable file: PID, CA PEM, authorization header, URI list) once the port accepts
 * connections. Only {@code pushsim-devices} has a URI list of its own: its simulated iPhones hold
 * tokens they were issued, as many as the prepared list has, in the same format.
 */
public final class BenchServer {

  static final String HOST = "127.0.0.1";
  static final String TEAM_ID = "BENCHTEAM1";
  static final String KEY_ID = "BENCHKEY01";
  static final String BUNDLE_ID = "com.example.voip";
  static final String TOPIC = BUNDLE_ID + ".voip";
  static final String PAYLOAD = "{\"aps\":{},\"caller\":\"Alice\"}";
  static final Map<String, String> TARGETS = new LinkedHashMap<>();

  static {
    TARGETS.put("pushsim-full",
        "PushSim: token auth (ES256 JWT), full validation, journal, routing to the simulated devices (none holds these tokens), TLS, per-token rate limit ON (default 100/10 s) with the load spread over many registered tokens");
    TARGETS.put("pushsim-devices",
        "PushSim as pushsim-full, and every token held by the VoIP app of a simulated iPhone: each push runs the PushKit/CallKit model (launch, delegate, CallKit report, incoming call) and journals its steps");
    TARGETS.put("pushsim-cert",
        "PushSim: certificate auth (VoIP Services client certificate), otherwise as pushsim-full");
    TARGETS.put("pushy-accept-all",
        "Pushy 0.15.4 MockApnsServer, AcceptAllPushNotificationHandlerFactory, TLS (JDK provider), ALPN");
    TARGETS.put("pushy-validating",
        "Pushy 0.15.4 MockApnsServer, ValidatingPushNotificationHandlerFactory, token auth, TLS (JDK provider), ALPN");
    TARGETS.put("bare-netty",
        "Bare Netty Http2FrameCodec + one handler: 200 + apns-id to everything, TLS (JDK provider), ALPN h2");
  }

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    switch (args[0]) {
      case "prepare" -> {
        if (args.length != 4) {
          usage();
        }
        prepare(Path.of(args[1]).toAbsolutePath(), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      }
      case "serve" -> {
        if (args.length != 5) {
          usage();
        }
        serve(args[1], Integer.parseInt(args[2]), Path.of(args[3]).toAbsolutePath(), Integer.parseInt(args[4]));
      }
      case "targets" -> TARGETS.forEach((name, description) -> System.out.println(name + "\t" + description));
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println("usage: BenchServer prepare <dir> <port> <device tokens> | serve <target> <port> <dir> <event loop threads> | targets");
    System.exit(2);
  }

  // ---------------------------------------------------------------- prepare

  static void prepare(Path dir, int port, int tokenCount) throws IOException {
    Files.createDirectories(dir);
    SigningKey key = SigningKey.generate(TEAM_ID, KEY_ID);
    key.writeP8(p8(dir));
    // Signed with the host's clock: PushSim (system clock) and Pushy both accept it for an hour.
    String bearer = ProviderTokens.authorizationHeader(
        ProviderTokens.sign(key, Instant.now(), ProviderTokens.SignatureEncoding.DER));
    Files.writeString(dir.resolve("authorization.txt"), bearer + "\n", StandardCharsets.US_ASCII);
    SecureRandom random = new SecureRandom();
    Set<String> tokens = new LinkedHashSet<>();
    byte[] bytes = new byte[32];
    while (tokens.size() < tokenCount) {
      random.nextBytes(bytes);
      tokens.add(HexFormat.of().formatHex(bytes));
    }
    Files.write(dir.resolve("tokens.txt"), tokens, StandardCharsets.US_ASCII);
    List<String> uris = new ArrayList<>(tokens.size());
    for (String token : tokens) {
      uris.add("https://" + HOST + ":" + port + "/3/device/" + token);
    }
    Files.write(dir.resolve("uris.prepared.txt"), uris, StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("payload.json"), PAYLOAD, StandardCharsets.UTF_8);
    System.out.println("prepared " + dir + ": key " + KEY_ID + " of team " + TEAM_ID + ", " + tokens.size() + " device tokens");
  }

  private static Path p8(Path dir) {
    return dir.resolve("AuthKey_" + KEY_ID + ".p8");
  }

  // ---------------------------------------------------------------- serve

  /** Starts {@code target} with {@code threads} event loop threads: the same for every target, so none gets more parallelism. */
  static void serve(String target, int port, Path dir, int threads) throws Exception {
    if (!TARGETS.containsKey(target)) {
      throw new IllegalArgumentException("Unknown target " + target + "; one of " + TARGETS.keySet());
    }
    SigningKey key = SigningKey.fromP8(p8(dir), TEAM_ID, KEY_ID);
    List<String> tokens = Files.readAllLines(dir.resolve("tokens.txt"), StandardCharsets.US_ASCII);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TARGET", target);
    env.put("DESCRIPTION", TARGETS.get(target));
    env.put("PID", String.valueOf(ProcessHandle.current().pid()));
    env.put("URL_BASE", "https://" + HOST + ":" + port);
    env.put("AUTHORIZATION", Files.readString(dir.resolve("authorization.txt")).strip());
    env.put("URIS", dir.resolve("uris.prepared.txt").toString());
    env.put("PAYLOAD", dir.resolve("payload.json").toString());
    Path caPem = dir.resolve(target + "-ca.pem");
    env.put("CA_PEM", caPem.toString());

    switch (target) {
      case "pushsim-full", "pushsim-cert", "pushsim-devices" -> {
        Simulator sim = Simulator.builder()
            .clock(SimClock.system())
            // Apple's limits, including the per-token rate limit (100 pushes per token per 10 s):
            // the load is spread over enough tokens to stay under it.
            .settings(ApnsSettings.defaults())
            .host(HOST)
            .port(Environment.SANDBOX, port)
            .port(Environment.PRODUCTION, 0)
            .threads(threads)
            // Devices keep no history and calls ring 1 s (as in the scale run): 20,000 phones each
            // ringing a call per push for the model's 60 s would hold millions of calls.
            .deviceRules(DeviceRules.defaults().withHistoryKept(0).withRingTimeout(Duration.ofSeconds(1)))
            .build();
        sim.team(TEAM_ID).addKey(SigningKey.ofPublicKey(key.publicKey(), TEAM_ID, KEY_ID)).addBundleId(BUNDLE_ID);
        if (target.equals("pushsim-devices")) {
          List<String> uris = new ArrayList<>();
          for (int i = 0; i < tokens.size(); i++) {
            InstalledApp app = sim.addDevice("iPhone " + i, "17.5").install(AppSpec.voipApp(BUNDLE_ID));
            uris.add("https://" + HOST + ":" + port + "/3/device/" + app.voipToken().hex());
          }
          Path file = dir.resolve(target + "-uris.txt");
          Files.write(file, uris, StandardCharsets.US_ASCII);
          env.put("URIS", file.toString());
        } else {
          for (String token : tokens) {
            sim.tokens().register(token, BUNDLE_ID, Channel.VOIP, Environment.SANDBOX);
          }
        }
        sim.ca().writeCertificatePem(caPem);
        if (target.equals("pushsim-cert")) {
          ClientCertificate certificate = sim.ca().mintClientCertificate(BUNDLE_ID, CertificateKind.VOIP_SERVICES);
          Path certFile = dir.resolve(target + "-client.pem");
          Path keyFile = dir.resolve(target + "-client.key");
          certificate.writePem(certFile, keyFile);
          env.put("CLIENT_CERT", certFile.toString());
          env.put("CLIENT_KEY", keyFile.toString());
        }
        sim.start();
        env.put("SERVER", sim.sandbox().toString());
      }
      case "pushy-accept-all", "pushy-validating" -> {
        DevelopmentCa ca = DevelopmentCa.create(SimClock.system());
        ca.writeCertificatePem(caPem);
        ServerCredentials credentials = ca.serverCredentials();
        PushNotificationHandlerFactory handlers;
        if (target.equals("pushy-accept-all")) {
          handlers = new AcceptAllPushNotificationHandlerFactory();
        } else {
          ApnsVerificationKey verificationKey = new ApnsVerificationKey(KEY_ID, TEAM_ID, key.publicKey());
          handlers = new ValidatingPushNotificationHandlerFactory(
              Map.of(TOPIC, Set.copyOf(tokens)),
              Map.of(),
              Map.of(KEY_ID, verificationKey),
              Map.of(verificationKey, Set.of(BUNDLE_ID, TOPIC)));
        }
        MockApnsServer server = new MockApnsServerBuilder()
            .setServerCredentials(credentials.chain(), credentials.key(), null)
            .setHandlerFactory(handlers)
            .setEventLoopGroup(new NioEventLoopGroup(threads))
            .setUseAlpn(true) // h2load negotiates h2 with ALPN; Pushy's own client does not need it
            .generateApnsUniqueId(true) // as PushSim's sandbox answers apns-unique-id
            .build();
        bindLoopback(server, port);
        env.put("SERVER", "Pushy MockApnsServer on " + HOST + ":" + port);
      }
      case "bare-netty" -> {
        DevelopmentCa ca = DevelopmentCa.create(SimClock.system());
        ca.writeCertificatePem(caPem);
        BareNettyServer.start(HOST, port, ca.serverCredentials(), threads);
        env.put("SERVER", "bare Netty HTTP/2 on " + HOST + ":" + port);
      }
      default -> throw new IllegalStateException(target);
    }
    writeEnv(dir.resolve(target + ".env"), env);
    System.out.println("READY " + target + " on " + HOST + ":" + port + " (pid " + ProcessHandle.current().pid() + ", " + threads + " event loop threads)");
    System.out.flush();
    new CountDownLatch(1).await(); // until the driver kills this JVM
  }

  /**
   * {@code MockApnsServer.start(port)} binds every interface; the benchmark must listen on
   * loopback only. The server's bootstrap is complete (group, channel, TLS child handler) once
   * it is built, so bind that bootstrap to 127.0.0.1 instead. Shutdown is by killing the JVM.
   */
  private static void bindLoopback(MockApnsServer server, int port) throws ReflectiveOperationException, InterruptedException {
    Field field = server.getClass().getSuperclass().getDeclaredField("bootstrap");
    field.setAccessible(true);
    ServerBootstrap bootstrap = (ServerBootstrap) field.get(server);
    bootstrap.bind(HOST, port).sync();
  }

  private static void writeEnv(Path file, Map<String, String> env) throws IOException {
    StringBuilder text = new StringBuilder();
    env.forEach((name, value) -> text.append(name).append('=').append(shellQuote(value)).append('\n'));
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
