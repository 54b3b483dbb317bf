package dev.pushsim.harness;

import dev.pushsim.apns.auth.ProviderTokens;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.auth.Team;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.app.VendorBackend;
import dev.pushsim.app.VendorConfig;
import dev.pushsim.app.VendorSdk;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.VirtualClock;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.Device;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.Journal;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.provider.ProviderBackend;
import dev.pushsim.provider.ProviderUnderTest;
import dev.pushsim.provider.ReferenceProvider;
import dev.pushsim.provider.ReferenceProviderBuilder;
import dev.pushsim.provider.RetryPolicy;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything one scenario works on: a fresh simulator on virtual time, the provider team and its
 * key, the app being described, the devices, and what APNs last answered. One per scenario
 * (PicoContainer makes it), so scenarios can run in parallel against the reference provider; an
 * external provider's fixed ports take them one at a time.
 */
public final class ScenarioWorld implements AutoCloseable {

  static final String DEFAULT_TEAM = "TEAM123456";
  static final String DEFAULT_APP = "com.example.phone";

  /** The vendor's provider when {@code pushsim test --provider} runs, else null: the reference provider. */
  final ExternalProvider external = ProviderSelection.external();
  final Simulator sim;
  /** The scenario's APNs client: token auth, or the certificate a step chose. */
  ApnsTestClient client;
  /** Non-null when the scenario's pushes authenticate with this certificate instead of a provider token. */
  ClientCertificate certificate;
  final Map<String, Device> devices = new LinkedHashMap<>();
  /** The app on each device as the provider last heard of it: its tokens outlive an uninstall. */
  final Map<String, InstalledApp> knownApps = new LinkedHashMap<>();
  Team team;
  SigningKey key;
  AppSpec app = AppSpec.voipApp(DEFAULT_APP);
  /** What the app's calling SDK is configured with: null = the signing's environment. */
  Environment sdkEnvironment;
  String certificateId;
  /** Tencent-style: the certificate IDs the provider's console issued, each naming one environment. */
  final Map<String, Environment> providerCertificateIds = new LinkedHashMap<>();
  final Map<String, VendorSdk> sdks = new LinkedHashMap<>();
  private ProviderUnderTest provider;
  /** Null: the reference provider authenticates with certificates; else how often it renews its provider token. */
  Duration providerTokenRefresh;
  /** How many times the reference provider tries a push: 4 (Apple's 429/500/503 are retried), 1 for a provider that never retries. */
  int providerMaxAttempts = RetryPolicy.DEFAULT.maxAttempts();
  ApnsAnswer lastAnswer;
  String lastApnsId;
  private String bearer;
  private Instant bearerIssuedAt;

  public ScenarioWorld() {
    VirtualClock clock = SimClock.virtual();
    sim = (external == null ? Simulator.builder().clock(clock) : external.simulator(clock)).build().start();
    client = new ApnsTestClient(sim.ca().certificate());
  }

  /** The team pushing; made on first use with one signing key and the scenario's app. */
  Team team() {
    if (team == null) {
      team(DEFAULT_TEAM);
    }
    return team;
  }

  Team team(String teamId) {
    team = sim.team(teamId);
    // An external provider signs with the key it was configured with; ours is minted per scenario.
    SigningKey providers = external == null ? null : external.signingKey(teamId);
    key = providers != null ? providers : SigningKey.generate(teamId);
    team.addKey(key).addBundleId(app.bundleId());
    return team;
  }

  /** From now on the scenario's pushes authenticate with {@code certificate}, in the TLS handshake. */
  void authenticateWith(ClientCertificate value) {
    team();
    certificate = value;
    client = new ApnsTestClient(sim.ca().certificate(), value);
  }

  /** Sets the authorization header unless the scenario authenticates with a certificate. */
  private ApnsCall authorized(ApnsCall call) {
    return certificate == null ? call.set("authorization", bearer()) : call;
  }

  /** A provider token refreshed every 30 simulated minutes, as Apple asks providers to. */
  String bearer() {
    team();
    Instant now = sim.clock().now();
    if (bearer == null || !now.isBefore(bearerIssuedAt.plus(Duration.ofMinutes(30)))) {
      bearer = "bearer " + ProviderTokens.sign(key, now);
      bearerIssuedAt = now;
    }
    return bearer;
  }

  /** The provider under test: the vendor's through its adapter, else the bundled reference provider; made on first use. */
  ProviderUnderTest provider() {
    if (provider == null) {
      team();
      provider = external != null ? external.session(sim.journal()) : referenceProvider();
    }
    return provider;
  }

  private ReferenceProvider referenceProvider() {
    ReferenceProviderBuilder builder = ReferenceProvider.builderForSimulator(sim, app.bundleId())
        .retryPolicy(providerMaxAttempts, RetryPolicy.DEFAULT.initialBackoff(), RetryPolicy.DEFAULT.multiplier());
    if (providerTokenRefresh != null) {
      builder.signingKey(key).tokenRefresh(providerTokenRefresh);
    }
    providerCertificateIds.forEach(builder::certificateId);
    return builder.build();
  }

  /** The tag of scenarios that move the virtual clock and expect the provider to act on it (retry, backoff). */
  static final String PROVIDER_CLOCK_TAG = "@provider-clock";

  /**
   * Why this scenario cannot run against the provider under test, judged by its tags, or empty
   * when it can: the provider file lacks an operation or a capability the scenario needs, or the
   * scenario needs a provider on PushSim's virtual clock.
   */
  Optional<NotRun.NotApplicable> whyNotApplicable(Collection<String> tags) {
    return external == null ? Optional.empty() : external.whyNotApplicable(tags);
  }

  /** The app's SDK's backend: the reference provider's REST API, or the vendor's provider through its adapter. */
  private VendorBackend backend() {
    ProviderUnderTest provider = provider();
    if (provider instanceof ReferenceProvider reference) {
      return VendorBackend.http(reference.registerUrl(), reference.unregisterUrl());
    }
    return new ProviderBackend(provider);
  }

  /** The calling SDK inside the app on {@code deviceName}, talking to the provider's REST API. */
  VendorSdk sdk(String deviceName) {
    return sdks.computeIfAbsent(deviceName, name -> {
      InstalledApp installed = installedApp(name);
      VendorConfig config = VendorConfig.matching(installed.spec());
      if (sdkEnvironment != null) {
        config = config.withConfiguredEnvironment(sdkEnvironment);
      }
      if (certificateId != null) {
        config = config.withCertificateId(certificateId);
      }
      return new VendorSdk(installed, config, backend());
    });
  }

  Device device(String name) {
    Device device = devices.get(name);
    if (device == null) {
      throw new IllegalArgumentException("No device called \"" + name + "\" in this scenario; devices: " + devices.keySet()
          + ". Add one with: Given a device \"" + name + "\" with the app installed");
    }
    return device;
  }

  InstalledApp installedApp(String deviceName) {
    return device(deviceName).app(app.bundleId()).orElseThrow(() -> new IllegalStateException(
        app.bundleId() + " is not installed on \"" + deviceName + "\"; installed: " + device(deviceName).apps()));
  }

  /** The app on {@code deviceName} whose tokens the provider holds (installed or not). */
  InstalledApp knownApp(String deviceName) {
    InstalledApp app = knownApps.get(deviceName);
    return app != null ? app : installedApp(deviceName);
  }

  /** A valid VoIP push to the app on {@code deviceName}, as the seeds require it. */
  ApnsCall voipPush(String deviceName, String caller) {
    DeviceToken token = knownApp(deviceName).voipToken();
    if (token == null) {
      throw new IllegalStateException("The app on \"" + deviceName + "\" has no VoIP token: it lacks the Voice over IP background mode.");
    }
    ApnsCall call = authorized(new ApnsCall("/3/device/" + token.hex()))
        .set("apns-topic", app.bundleId() + ".voip")
        .set("apns-push-type", "voip")
        .set("apns-priority", "10")
        .set("apns-expiration", "0");
    call.body = "{\"aps\":{},\"caller\":\"" + caller.replace("\"", "\\\"") + "\"}";
    call.environment = token.environment();
    return call;
  }

  /** A valid alert push to the app on {@code deviceName}. */
  ApnsCall alertPush(String deviceName, String payload) {
    DeviceToken token = knownApp(deviceName).apnsToken();
    ApnsCall call = authorized(new ApnsCall("/3/device/" + token.hex()))
        .set("apns-topic", app.bundleId())
        .set("apns-push-type", "alert");
    call.body = payload;
    call.environment = token.environment();
    return call;
  }

  ApnsAnswer send(ApnsCall call) {
    lastAnswer = client.send(sim.server(call.environment).url(), call);
    lastApnsId = lastAnswer.apnsId();
    return lastAnswer;
  }

  /** The journal's events for the last push, one line each: what a failing step shows. */
  String timelineOfLastPush() {
    if (lastApnsId == null) {
      return "(no push was sent in this scenario)";
    }
    return timeline(EventPattern.any().withApnsId(lastApnsId));
  }

  /** The world's journal once the device model has finished every push answered so far. */
  Journal journal() {
    sim.awaitIdle();
    return sim.journal();
  }

  String timeline(EventPattern pattern) {
    List<JournalEvent> events = journal().find(pattern);
    return events.isEmpty()
        ? "(no journal events match " + pattern + ")"
        : events.stream().map(event -> "  " + event.summary()).collect(Collectors.joining("\n"));
  }

  /** The whole journal, oldest first, for the report of a failed scenario. */
  String journalText() {
    return journal().events().stream().map(JournalEvent::summary).collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    try {
      if (provider != null) {
        provider.close();
      }
    } finally {
      sim.close();
    }
  }
}
