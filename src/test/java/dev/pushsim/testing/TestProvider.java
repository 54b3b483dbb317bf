package dev.pushsim.testing;

import dev.pushsim.apns.auth.ProviderTokens;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.auth.Team;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.push.Channel;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A provider's credentials in a running simulator: a team with a signing key (written as
 * {@code .p8}), an app, the CA to trust (written as PEM), and helpers to mint tokens.
 */
public final class TestProvider {

  public static final String TEAM_ID = "TEAM123456";
  public static final String BUNDLE_ID = "com.example.phone";
  /** Another app of the same team. */
  public static final String OTHER_BUNDLE_ID = "com.example.chat";

  public final Simulator sim;
  public final Team team;
  public final SigningKey key;
  public final Path dir;
  public final Path caPem;
  public final Path p8;
  private String bearer;
  private Instant bearerIssuedAt;

  private TestProvider(Simulator sim, Path dir) {
    this.sim = sim;
    this.dir = dir;
    this.key = SigningKey.generate(TEAM_ID);
    this.team = sim.team(TEAM_ID).addKey(key).addBundleId(BUNDLE_ID).addBundleId(OTHER_BUNDLE_ID);
    this.caPem = dir.resolve("pushsim-ca.pem");
    sim.ca().writeCertificatePem(caPem);
    this.p8 = dir.resolve("AuthKey_" + key.keyId() + ".p8");
    key.writeP8(p8);
  }

  /** Sets up (once per simulator) the team, key and files under {@code dir}. */
  public static TestProvider in(Simulator sim, Path dir) {
    return new TestProvider(sim, dir);
  }

  /**
   * {@code bearer <JWT>} for the team's key, reused like a well-behaved provider does (Apple
   * counts a changed token on a connection as an update), and renewed after 40 minutes.
   */
  public synchronized String bearer() {
    if (bearer == null || sim.clock().now().isAfter(bearerIssuedAt.plus(Duration.ofMinutes(40)))) {
      bearerIssuedAt = sim.clock().now();
      bearer = bearer(key);
    }
    return bearer;
  }

  /** A new {@code bearer <JWT>} signed now (simulated time) with {@code signingKey}. */
  public String bearer(SigningKey signingKey) {
    return "bearer " + ProviderTokens.sign(signingKey, sim.clock().now());
  }

  public DeviceToken token(Channel channel, Environment environment) {
    return sim.tokens().issue(BUNDLE_ID, channel, environment);
  }

  public DeviceToken sandboxToken() {
    return token(Channel.APNS, Environment.SANDBOX);
  }

  public DeviceToken voipToken() {
    return token(Channel.VOIP, Environment.SANDBOX);
  }

  public String url(Environment environment, DeviceToken token) {
    return sim.server(environment).url() + "/3/device/" + token.hex();
  }

  /** A fresh client certificate, written as PEM pair (for curl) and .p12 (for Pushy). */
  public ClientCertificate certificate(CertificateKind kind) {
    return sim.ca().mintClientCertificate(BUNDLE_ID, kind);
  }

  /** A curl request to {@code environment} that trusts the simulator's CA. */
  public Curl curl(Environment environment, String path) {
    return Curl.request(sim.server(environment).url() + path).trust(caPem);
  }

  public Curl curl(DeviceToken token) {
    return curl(token.environment(), "/3/device/" + token.hex());
  }

  /** A valid token-authenticated alert push to {@code token}; change what the test is about. */
  public PushRequest alert(DeviceToken token) {
    return new PushRequest(this, token.environment(), "/3/device/" + token.hex())
        .header("authorization", bearer())
        .header("apns-topic", BUNDLE_ID)
        .header("apns-push-type", "alert")
        .body("{\"aps\":{\"alert\":\"Hello\"}}");
  }

  /** A valid VoIP push to {@code token}, as the seeds require: topic .voip, priority 10, expiration 0. */
  public PushRequest voip(DeviceToken token) {
    return new PushRequest(this, token.environment(), "/3/device/" + token.hex())
        .header("authorization", bearer())
        .header("apns-topic", BUNDLE_ID + ".voip")
        .header("apns-push-type", "voip")
        .header("apns-priority", "10")
        .header("apns-expiration", "0")
        .body("{\"aps\":{},\"caller\":\"Alice\"}");
  }
}
