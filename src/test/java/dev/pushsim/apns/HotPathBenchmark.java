package dev.pushsim.apns;

import dev.pushsim.apns.auth.ProviderTokens;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.SystemClock;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.DeviceRules;
import dev.pushsim.push.Channel;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro-benchmarks of the request hot path without the network: the whole judgement of one
 * push (checks, JWT cache hit, token lookup, journal, routing), once to tokens no device holds and
 * once to tokens held by simulated iPhones (the PushKit/CallKit model runs), and two of its parts
 * alone. Run with {@code src/bench/run-jmh.sh}; regressions show here before h2load is needed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class HotPathBenchmark {

  private static final int TOKENS = 100_000;
  private static final byte[] PAYLOAD = "{\"aps\":{},\"caller\":\"Alice\"}".getBytes(StandardCharsets.UTF_8);

  private Simulator sim;
  private ApnsService service;
  private ApnsConnection connection;
  private ApnsRequest[] requests;
  private ApnsRequest[] requestsToDevices;
  private String authorization;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    // System time and many tokens: Apple's per-token rate limit stays on without ever tripping.
    // Devices keep no history and calls ring 1 s, as in the scale run: the model's per-push work
    // without a million ringing calls piling up in a benchmark that pushes 300,000 a second.
    sim = Simulator.builder()
        .clock(SimClock.system())
        .deviceRules(DeviceRules.defaults().withHistoryKept(0).withRingTimeout(Duration.ofSeconds(1)))
        .build();
    SigningKey key = SigningKey.generate("BENCHTEAM1");
    sim.team("BENCHTEAM1").addKey(key).addBundleId("com.example.voip");
    authorization = "bearer " + ProviderTokens.sign(key, sim.clock().now());
    service = sim.sandbox().service();
    connection = service.open("benchmark", null, 1000);
    requests = new ApnsRequest[TOKENS];
    requestsToDevices = new ApnsRequest[TOKENS];
    for (int i = 0; i < TOKENS; i++) {
      requests[i] = voipPush(sim.tokens().issue("com.example.voip", Channel.VOIP, Environment.SANDBOX));
      requestsToDevices[i] = voipPush(sim.addDevice("iPhone " + i, "17.5").install(AppSpec.voipApp("com.example.voip")).voipToken());
    }
  }

  private ApnsRequest voipPush(DeviceToken token) {
    return new ApnsRequest("POST", "/3/device/" + token.hex(), List.of(
        new ApnsRequest.Header("authorization", authorization),
        new ApnsRequest.Header("apns-topic", "com.example.voip.voip"),
        new ApnsRequest.Header("apns-push-type", "voip"),
        new ApnsRequest.Header("apns-priority", "10"),
        new ApnsRequest.Header("apns-expiration", "0")), PAYLOAD, PAYLOAD.length, 1);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sim.close();
    ((SystemClock) sim.clock()).close();
  }

  /** One push judged end to end, as the Netty handler calls it; no device holds the token. */
  @Benchmark
  public Exchange handle() {
    return accepted(service.handle(requests[next++ % TOKENS], connection));
  }

  /** The same, to a token a simulated iPhone holds: launch, PushKit delegate, CallKit report, journaled. */
  @Benchmark
  public Exchange handleToDevice() {
    return accepted(service.handle(requestsToDevices[next++ % TOKENS], connection));
  }

  private static Exchange accepted(Exchange exchange) {
    if (!exchange.response().accepted()) {
      throw new IllegalStateException("The benchmark's push was refused: " + exchange.response());
    }
    return exchange;
  }

  /** The payload check alone (streaming, no tree). */
  @Benchmark
  public String payloadCheck() {
    return JsonObjects.problemWith(PAYLOAD);
  }

  /** Token authentication on the connection's fast path (the same header again). */
  @Benchmark
  public Object jwtCacheHit() {
    return sim.tokenAuthenticator().authenticate(authorization, Environment.SANDBOX, connection.tokenSession());
  }
}
