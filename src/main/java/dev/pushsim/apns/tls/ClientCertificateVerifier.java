package dev.pushsim.apns.tls;

import dev.pushsim.clock.SimClock;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether the certificate chain a provider presented comes from the development CA,
 * after the TLS handshake, so that PushSim can answer with APNs reasons rather than fail the
 * handshake.
 *
 * <p>Thread-safe. The leaf must be signed directly by the CA: the only other certificate a chain
 * may carry is the CA itself.
 */
public final class ClientCertificateVerifier {

  private static final String CA_NAME = "the PushSim development CA";

  private final X509Certificate trustedCa;
  private final SimClock clock;
  private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();

  /** Trusts certificates issued by {@code trustedCa}, valid at {@code clock.now()}. */
  public ClientCertificateVerifier(X509Certificate trustedCa, SimClock clock) {
    this.trustedCa = Objects.requireNonNull(trustedCa, "trustedCa");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** From now on, the certificate with this serial number is untrusted. */
  public void revoke(BigInteger serial) {
    revoked.add(Objects.requireNonNull(serial, "serial"));
  }

  /** Checks {@code presentedChain}, leaf first; never throws. */
  public Verification verify(X509Certificate[] presentedChain) {
    if (presentedChain == null || presentedChain.length == 0 || presentedChain[0] == null) {
      return Verification.untrusted(null, "no client certificate was presented");
    }
    X509Certificate leaf = presentedChain[0];
    ClientIdentity identity;
    String unreadable = null;
    try {
      identity = ClientIdentity.of(leaf);
    } catch (RuntimeException e) {
      identity = null;
      unreadable = e.getMessage();
    }

    if (!leaf.getIssuerX500Principal().equals(trustedCa.getSubjectX500Principal())) {
      return Verification.untrusted(
          identity, "issued by " + leaf.getIssuerX500Principal().getName() + ", not by " + CA_NAME);
    }
    try {
      leaf.verify(trustedCa.getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      return Verification.untrusted(
          identity,
          "claims to be issued by " + leaf.getIssuerX500Principal().getName()
              + " but is not signed by " + CA_NAME + "'s key");
    }
    for (int i = 1; i < presentedChain.length; i++) {
      X509Certificate other = presentedChain[i];
      // No path building: an intermediate would let anyone with a CA-signed leaf mint more.
      if (!trustedCa.equals(other)) {
        String name = other == null ? "an empty entry" : other.getSubjectX500Principal().getName();
        return Verification.untrusted(
            identity, "the presented chain includes " + name + ", which is not " + CA_NAME);
      }
    }
    if (identity == null) {
      return Verification.untrusted(null, "the certificate cannot be read: " + unreadable);
    }
    if (revoked.contains(leaf.getSerialNumber())) {
      return Verification.untrusted(identity, "revoked (serial " + leaf.getSerialNumber() + ")");
    }
    Instant now = clock.now();
    try {
      leaf.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      return Verification.untrusted(
          identity, "expired on " + leaf.getNotAfter().toInstant() + " (now " + now + ")");
    } catch (CertificateNotYetValidException e) {
      return Verification.untrusted(
          identity, "not valid until " + leaf.getNotBefore().toInstant() + " (now " + now + ")");
    }
    return Verification.trusted(
        identity, "issued by " + CA_NAME + ", valid until " + leaf.getNotAfter().toInstant());
  }

  @Override
  public String toString() {
    return "ClientCertificateVerifier[" + trustedCa.getSubjectX500Principal().getName()
        + ", " + revoked.size() + " revoked]";
  }

  /**
   * The outcome of checking a client's certificate chain against the development CA.
   *
   * @param trusted true when the chain is the CA's, unrevoked and valid now
   * @param identity what the leaf says, or null when the leaf cannot be read (or none was sent)
   * @param detail one sentence saying why, for logs and the journal; it reads after "client
   *     certificate", e.g. "revoked (serial 123)"
   */
  public record Verification(boolean trusted, ClientIdentity identity, String detail) {

    /** A chain PushSim trusts. */
    public static Verification trusted(ClientIdentity identity, String detail) {
      return new Verification(true, identity, detail);
    }

    /** A chain PushSim refuses; {@code identity} may be null. */
    public static Verification untrusted(ClientIdentity identity, String detail) {
      return new Verification(false, identity, detail);
    }
  }
}
