package dev.pushsim.provider;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.clock.SimClock;
import dev.pushsim.provider.ApnsClients.Endpoint;
import dev.pushsim.provider.PushyClients.Credentials;
import dev.pushsim.push.Environment;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configures a {@link ReferenceProvider}. Required: an APNs host, credentials (a certificate or
 * a signing key) and a bundle id; every other setting has a default.
 */
public final class ReferenceProviderBuilder {
  final Map<Environment, Endpoint> endpoints = new EnumMap<>(Environment.class);
  X509Certificate[] trust;
  Path trustPem;
  Credentials credentials;
  Credentials alertCredentials;
  SigningKey signingKey;
  Duration tokenRefresh = ReferenceProvider.DEFAULT_TOKEN_REFRESH;
  String bundleId;
  SimClock clock;
  RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  int restPort;
  Duration sendTimeout = ReferenceProvider.DEFAULT_SEND_TIMEOUT;
  final Map<String, Environment> certificateIds = new LinkedHashMap<>();
  Path ownedDirectory;

  ReferenceProviderBuilder() {}

  /** A temporary directory the provider deletes when it closes (the certificates minted for it). */
  ReferenceProviderBuilder ownedDirectory(Path dir) {
    this.ownedDirectory = dir;
    return this;
  }

  /** Where {@code environment}'s APNs is: Apple's host and 443, or a simulator's port on localhost. */
  public ReferenceProviderBuilder apns(Environment environment, String host, int port) {
    if (environment == null || host == null || host.isBlank()) {
      throw new IllegalArgumentException("An APNs endpoint needs an environment and a host.");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("An APNs port is 1 to 65535, not " + port + ".");
    }
    endpoints.put(environment, new Endpoint(host, port));
    return this;
  }

  /** Trusts these CA certificates for APNs' TLS (a simulator's CA); the JDK's by default. */
  public ReferenceProviderBuilder trust(X509Certificate... certificates) {
    if (certificates == null || certificates.length == 0) {
      throw new IllegalArgumentException("Give at least one certificate to trust.");
    }
    this.trust = certificates.clone();
    this.trustPem = null;
    return this;
  }

  /** Trusts the CA certificates in a PEM file. */
  public ReferenceProviderBuilder trust(Path pem) {
    this.trustPem = pem;
    this.trust = null;
    return this;
  }

  /**
   * Certificate auth, as both seeds do: the {@code .p12} exported from Keychain Access (a VoIP
   * Services certificate for {@code <bundle>.voip}, valid in both environments).
   */
  public ReferenceProviderBuilder certificate(Path p12, String password) {
    this.credentials = new Credentials.Certificate(p12, password == null ? "" : password);
    this.signingKey = null;
    return this;
  }

  /**
   * A second certificate for alert pushes (messages), which a VoIP Services certificate does not
   * cover: Sinch keeps Development, Production and VoIP Services certificates side by side.
   * Without it, alert pushes use the main credentials.
   */
  public ReferenceProviderBuilder alertCertificate(Path p12, String password) {
    this.alertCredentials = new Credentials.Certificate(p12, password == null ? "" : password);
    return this;
  }

  /**
   * Token auth instead of a certificate: the team's {@code .p8} key, signing provider tokens on
   * the provider's clock and renewing them every {@link #tokenRefresh} (through the JDK's HTTP/2
   * client: Pushy signs with the host's clock, which virtual time outruns). A token covers every
   * topic of the team, so one client per environment sends everything.
   */
  public ReferenceProviderBuilder signingKey(SigningKey key) {
    if (key == null) {
      throw new IllegalArgumentException("A signing key is required.");
    }
    this.signingKey = key;
    this.credentials = null;
    this.alertCredentials = null;
    return this;
  }

  /** How often token auth signs a new provider token (default 30 minutes; Apple asks for 20 to 60). */
  public ReferenceProviderBuilder tokenRefresh(Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("The provider token refresh interval must be positive, not " + value);
    }
    this.tokenRefresh = value;
    return this;
  }

  /** Token auth from Apple's {@code AuthKey_<keyId>.p8} file. */
  public ReferenceProviderBuilder signingKey(Path p8, String teamId, String keyId) {
    return signingKey(SigningKey.fromP8(p8, teamId, keyId));
  }

  /** The app's bundle id: VoIP pushes go to {@code <bundleId>.voip}; registrations may name another. */
  public ReferenceProviderBuilder bundleId(String value) {
    this.bundleId = value;
    return this;
  }

  /** The clock retries are scheduled on; the system clock by default. */
  public ReferenceProviderBuilder clock(SimClock value) {
    this.clock = value;
    return this;
  }

  /** How 429/500/503 and network failures are retried; 4 attempts, 1 s, ×2 by default. */
  public ReferenceProviderBuilder retryPolicy(int maxAttempts, Duration initialBackoff, double multiplier) {
    return retryPolicy(new RetryPolicy(maxAttempts, initialBackoff, multiplier));
  }

  public ReferenceProviderBuilder retryPolicy(RetryPolicy value) {
    if (value == null) {
      throw new IllegalArgumentException("A retry policy is required.");
    }
    this.retryPolicy = value;
    return this;
  }

  /** The REST API's port on 127.0.0.1; 0 (the default) picks a free one. */
  public ReferenceProviderBuilder restPort(int value) {
    if (value < 0 || value > 65_535) {
      throw new IllegalArgumentException("A port is 0 to 65535, not " + value + ".");
    }
    this.restPort = value;
    return this;
  }

  /** How long one send waits for APNs' answer (real time) before counting as a network failure. */
  public ReferenceProviderBuilder sendTimeout(Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("The send timeout must be positive, not " + value + ".");
    }
    this.sendTimeout = value;
    return this;
  }

  /**
   * A Tencent-style certificate ID and the environment of the certificate it names: a
   * registration carrying it is pushed through that environment, and once any is configured an
   * unknown ID is refused.
   */
  public ReferenceProviderBuilder certificateId(String id, Environment environment) {
    if (id == null || id.isBlank() || environment == null) {
      throw new IllegalArgumentException("A certificate ID needs an id and an environment.");
    }
    certificateIds.put(id, environment);
    return this;
  }

  /** Starts the REST API and sets up the Pushy clients (which connect on their first push). */
  public ReferenceProvider build() {
    if (endpoints.isEmpty()) {
      throw new IllegalStateException(
          "No APNs host given: call apns(environment, host, port) for sandbox, production or both.");
    }
    if (credentials == null && signingKey == null) {
      throw new IllegalStateException(
          "No certificate or signing key given: call certificate(p12, password) or signingKey(key).");
    }
    if (bundleId == null || bundleId.isBlank()) {
      throw new IllegalStateException("No bundle id given: call bundleId(\"com.example.app\").");
    }
    try {
      return new ReferenceProvider(this);
    } catch (RuntimeException e) {
      if (ownedDirectory != null) {
        SimulatorCredentials.deleteRecursively(ownedDirectory);
      }
      throw e;
    }
  }
}
