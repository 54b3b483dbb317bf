package dev.pushsim.apns;

import dev.pushsim.apns.auth.TokenSession;
import dev.pushsim.apns.tls.ClientCertificateVerifier.Verification;

/**
 * What the fake APNs remembers about one provider connection: its client certificate (checked
 * once, at the handshake) and its token-auth history (Apple judges token refreshes per
 * connection). Touched by one network thread at a time.
 */
public final class ApnsConnection {

  private final long id;
  private final Environment environment;
  private final String remoteAddress;
  private final Verification certificate;
  private final TokenSession tokenSession;
  private volatile long lastRequestMillis;
  /** Written only by the connection's event loop; volatile so that other threads read it fresh. */
  private volatile long requests;

  ApnsConnection(long id, Environment environment, String remoteAddress, Verification certificate, TokenSession tokenSession, long openedMillis) {
    this.id = id;
    this.environment = environment;
    this.remoteAddress = remoteAddress;
    this.certificate = certificate;
    this.tokenSession = tokenSession;
    this.lastRequestMillis = openedMillis;
  }

  public long id() {
    return id;
  }

  public Environment environment() {
    return environment;
  }

  public String remoteAddress() {
    return remoteAddress;
  }

  /** The verified client certificate, or null when the provider presented none (token auth). */
  public Verification certificate() {
    return certificate;
  }

  TokenSession tokenSession() {
    return tokenSession;
  }

  /** When the last request arrived, in clock milliseconds. */
  public long lastRequestMillis() {
    return lastRequestMillis;
  }

  public long requests() {
    return requests;
  }

  void requestArrived(long nowMillis) {
    requests++;
    lastRequestMillis = nowMillis;
  }

  @Override
  public String toString() {
    return "connection #" + id + " from " + remoteAddress + " to " + environment
        + (certificate == null ? " (token auth)" : " (certificate " + certificate.detail() + ")");
  }
}
