package dev.pushsim.apns;

import dev.pushsim.apns.auth.TokenSession;
import dev.pushsim.apns.tls.ClientCertificateVerifier.Verification;
import dev.pushsim.push.Environment;

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
  /** Set once a request carried a valid provider token: APNs then raises the stream limit. */
  private volatile boolean tokenAccepted;
  // The journal's text for the credentials, rebuilt only when they change: a provider repeats the
  // same authorization header (the same String, see HeaderStrings) and key on every request.
  private String authorization;
  private String redactedAuthorization;
  private String identityTeamId;
  private String identityKeyId;
  private String identity;

  ApnsConnection(long id, Environment environment, String remoteAddress, Verification certificate,
      TokenSession tokenSession, long openedMillis) {
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

  /** The authorization header as the journal keeps it: the JWT is a credential, so only its start and length. */
  String redacted(String header) {
    if (header != authorization) {
      authorization = header;
      redactedAuthorization = header.length() <= 20 ? "(redacted)"
          : header.substring(0, 14) + "... (" + header.length() + " chars)";
    }
    return redactedAuthorization;
  }

  /** "token TEAMID/KEYID", as the journal names a token-authenticated sender. */
  String tokenIdentity(String teamId, String keyId) {
    if (teamId != identityTeamId || keyId != identityKeyId) {
      identityTeamId = teamId;
      identityKeyId = keyId;
      identity = "token " + teamId + "/" + keyId;
    }
    return identity;
  }

  boolean tokenAccepted() {
    return tokenAccepted;
  }

  void tokenAccepted(boolean accepted) {
    tokenAccepted |= accepted;
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
