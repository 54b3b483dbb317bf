package dev.pushsim.apns.tls;

import dev.pushsim.push.Environment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An APNs client certificate minted by a {@link DevelopmentCa}, with its private key, ready to
 * be written as the {@code .p12} or PEM files real providers load.
 */
public final class ClientCertificate {

  /** The password of the {@code .p12} files PushSim writes unless told another. */
  public static final String DEFAULT_P12_PASSWORD = "pushsim";

  private final String bundleId;
  private final CertificateKind kind;
  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final X509Certificate issuer;

  ClientCertificate(
      String bundleId,
      CertificateKind kind,
      X509Certificate certificate,
      PrivateKey privateKey,
      X509Certificate issuer) {
    this.bundleId = Objects.requireNonNull(bundleId, "bundleId");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
  }

  /** The app's bundle id the certificate was minted for (without a {@code .voip} suffix). */
  public String bundleId() {
    return bundleId;
  }

  /** Which of Apple's certificates this one models. */
  public CertificateKind kind() {
    return kind;
  }

  /** The leaf certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The leaf's private key. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The leaf, then the development CA. */
  public X509Certificate[] chain() {
    return new X509Certificate[] {certificate, issuer};
  }

  /** The topics the certificate may push to, the bundle id first. */
  public List<String> topics() {
    return kind.topicsFor(bundleId);
  }

  /** The environments the certificate is marked for. */
  public Set<Environment> environments() {
    return kind.environments();
  }

  /** The certificate's serial number, which {@link ClientCertificateVerifier#revoke} takes. */
  public java.math.BigInteger serialNumber() {
    return certificate.getSerialNumber();
  }

  /**
   * A PKCS#12 keystore holding exactly one private-key entry with the chain: what Pushy's
   * {@code setClientCredentials(File, String)} and curl's {@code --cert-type P12} load.
   */
  public byte[] toP12(char[] password) {
    Objects.requireNonNull(password, "password (may be empty, not null)");
    try {
      KeyStore store = keyStore(password);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password);
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot build a PKCS#12 file for " + bundleId, e);
    }
  }

  /**
   * An in-memory PKCS#12 key store holding exactly one private-key entry with the chain, the key
   * protected by {@code password}: what {@link #toP12} writes and a client's key manager presents.
   */
  public KeyStore keyStore(char[] password) throws GeneralSecurityException {
    KeyStore store = ClientTls.emptyStore("PKCS12");
    store.setKeyEntry(kind.subjectUidFor(bundleId), privateKey, password, chain());
    return store;
  }

  /** Writes {@link #toP12} to {@code file}; I/O failures are unchecked. */
  public void writeP12(Path file, char[] password) {
    PemFiles.writeBytes(file, toP12(password));
  }

  /** The leaf certificate as PEM. */
  public String certificatePem() {
    return PemFiles.certificates(certificate);
  }

  /** The private key as an unencrypted PKCS#8 {@code PRIVATE KEY} PEM block. */
  public String privateKeyPem() {
    return PemFiles.privateKey(privateKey);
  }

  /** Writes the files curl takes as {@code --cert certFile --key keyFile}. */
  public void writePem(Path certFile, Path keyFile) {
    PemFiles.write(certFile, certificatePem());
    PemFiles.write(keyFile, privateKeyPem());
  }

  @Override
  public String toString() {
    return "ClientCertificate[" + kind + " " + certificate.getSubjectX500Principal().getName()
        + ", serial " + certificate.getSerialNumber() + "]";
  }
}
