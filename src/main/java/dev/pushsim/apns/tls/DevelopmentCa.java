package dev.pushsim.apns.tls;

import dev.pushsim.clock.SimClock;
import dev.pushsim.push.Environment;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority minted at run time that issues PushSim's server certificate and the
 * APNs client certificates providers authenticate with; its key never leaves memory.
 *
 * <p>Thread-safe. Keys are EC P-256 (fast to generate), signatures SHA256withECDSA, all through
 * the JDK's own providers.
 */
public final class DevelopmentCa {

  /** The CN of a CA created without one. */
  public static final String DEFAULT_COMMON_NAME = "PushSim Development CA";

  /** How long a client certificate lasts unless told otherwise. */
  public static final Duration DEFAULT_CLIENT_VALIDITY = Duration.ofDays(3650);

  /** Host names the server certificate answers for: loopback and Apple's APNs hosts. */
  public static final List<String> SERVER_DNS_NAMES =
      List.of(
          "localhost",
          "api.sandbox.push.apple.com",
          "api.development.push.apple.com",
          "api.push.apple.com");

  /** IP addresses the server certificate answers for. */
  public static final List<String> SERVER_IP_ADDRESSES = List.of("127.0.0.1", "::1");

  // Certificates start a day early so that small clock skew never makes them "not yet valid".
  private static final Duration BACKDATE = Duration.ofDays(1);
  private static final Duration CA_VALIDITY = Duration.ofDays(7300);
  // Apple platforms reject TLS server certificates valid for more than 825 days, even ones
  // chaining to a user-installed root; macOS curl and Safari would refuse a longer one.
  private static final Duration SERVER_VALIDITY = Duration.ofDays(824);
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private final SimClock clock;
  private final SecureRandom random;
  private final KeyPair keys;
  private final X500Name name;
  private final X509Certificate certificate;
  private ServerCredentials serverCredentials;
  private ServerNames extraServerNames = ServerNames.NONE;

  private DevelopmentCa(SimClock clock, String commonName) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (commonName == null || commonName.isBlank()) {
      throw new IllegalArgumentException("The CA needs a common name");
    }
    this.random = new SecureRandom();
    this.keys = newKeyPair();
    this.name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    Instant issuedAt = issuedAt();
    this.certificate =
        issue(
            name,
            keys.getPublic(),
            issuedAt,
            CA_VALIDITY,
            builder -> {
              builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
              builder.addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            });
  }

  private DevelopmentCa(SimClock clock, KeyPair keys, X509Certificate certificate) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = new SecureRandom();
    this.keys = keys;
    this.certificate = certificate;
    this.name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
  }

  /** The CA certificate's file name in a data directory. */
  public static final String CERTIFICATE_FILE = "pushsim-ca.pem";
  /** The CA private key's file name in a data directory: minted there, never committed. */
  public static final String KEY_FILE = "pushsim-ca.key";

  /**
   * The CA kept in {@code dir}: loaded when {@value #CERTIFICATE_FILE} and {@value #KEY_FILE} are
   * there, otherwise minted and written there, so that providers keep trusting the same CA across
   * restarts of {@code pushsim serve}.
   */
  public static DevelopmentCa loadOrCreate(Path dir, SimClock clock) {
    return CaFiles.loadOrCreate(dir, clock);
  }

  /** A CA from its stored key pair and certificate (see {@link CaFiles}). */
  static DevelopmentCa of(SimClock clock, KeyPair keys, X509Certificate certificate) {
    return new DevelopmentCa(clock, keys, certificate);
  }

  /** The CA's private key as PKCS#8 PEM, for {@link CaFiles} only: it never leaves the data directory. */
  String privateKeyPem() {
    return PemFiles.privateKey(keys.getPrivate());
  }

  /** A fresh CA named "PushSim Development CA". */
  public static DevelopmentCa create(SimClock clock) {
    return new DevelopmentCa(clock, DEFAULT_COMMON_NAME);
  }

  /** A fresh CA with the given common name (a second, "foreign" CA in tests, say). */
  public static DevelopmentCa create(SimClock clock, String commonName) {
    return new DevelopmentCa(clock, commonName);
  }

  /** The CA's self-signed certificate: what clients and the verifier trust. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The CA certificate as PEM, for curl's {@code --cacert} or Pushy's trusted chain. */
  public String certificatePem() {
    return PemFiles.certificates(certificate);
  }

  /** Writes {@link #certificatePem()} to {@code file}; I/O failures are unchecked. */
  public void writeCertificatePem(Path file) {
    PemFiles.write(file, certificatePem());
  }

  /** Adds {@code names} (a compose service, a LAN IP) to the server certificate, before it is minted. */
  public synchronized DevelopmentCa serverNames(ServerNames names) {
    if (serverCredentials != null) {
      throw new IllegalStateException("The server certificate is already minted; name it before the servers start");
    }
    extraServerNames = Objects.requireNonNull(names, "names");
    return this;
  }

  /** The server's key and chain, minted on first use and the same thereafter. */
  public synchronized ServerCredentials serverCredentials() {
    if (serverCredentials == null) {
      serverCredentials = mintServerCredentials();
    }
    return serverCredentials;
  }

  /** An APNs client certificate for {@code bundleId}, valid for ten years. */
  public ClientCertificate mintClientCertificate(String bundleId, CertificateKind kind) {
    return mintClientCertificate(bundleId, kind, DEFAULT_CLIENT_VALIDITY);
  }

  /**
   * An APNs client certificate for {@code bundleId}, valid from a day before the earlier of
   * simulated and real time until {@code validity} after it.
   */
  public ClientCertificate mintClientCertificate(
      String bundleId, CertificateKind kind, Duration validity) {
    Objects.requireNonNull(kind, "kind");
    requirePositive(validity);
    String uid = kind.subjectUidFor(bundleId);
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.UID, uid)
            .addRDN(BCStyle.CN, kind.commonNameFor(bundleId))
            .addRDN(BCStyle.O, "PushSim")
            .addRDN(BCStyle.C, "US")
            .build();
    KeyPair clientKeys = newKeyPair();
    X509Certificate leaf =
        issue(
            subject,
            clientKeys.getPublic(),
            issuedAt(),
            validity,
            builder -> {
              addLeafExtensions(builder, KeyPurposeId.id_kp_clientAuth);
              // Apple marks each environment with a NULL-valued extension of its own.
              for (Environment environment : kind.environments()) {
                builder.addExtension(
                    AppleExtensions.markerFor(environment), false, DERNull.INSTANCE);
              }
              if (kind.multiTopic()) {
                builder.addExtension(
                    AppleExtensions.TOPICS,
                    false,
                    AppleExtensions.topicsValue(kind.topicTypesFor(bundleId)));
              }
            });
    return new ClientCertificate(bundleId, kind, leaf, clientKeys.getPrivate(), certificate);
  }

  @Override
  public String toString() {
    return "DevelopmentCa[" + certificate.getSubjectX500Principal().getName() + "]";
  }

  private ServerCredentials mintServerCredentials() {
    KeyPair serverKeys = newKeyPair();
    List<GeneralName> names = new ArrayList<>();
    Stream.concat(SERVER_DNS_NAMES.stream(), extraServerNames.dnsNames().stream()).distinct()
        .forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
    Stream.concat(SERVER_IP_ADDRESSES.stream(), extraServerNames.ipAddresses().stream()).distinct()
        .forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "localhost").build();
    X509Certificate leaf =
        issue(
            subject,
            serverKeys.getPublic(),
            issuedAt(),
            SERVER_VALIDITY,
            builder -> {
              addLeafExtensions(builder, KeyPurposeId.id_kp_serverAuth);
              GeneralNames alternatives = new GeneralNames(names.toArray(GeneralName[]::new));
              builder.addExtension(Extension.subjectAlternativeName, false, alternatives);
            });
    return new ServerCredentials(serverKeys.getPrivate(), new X509Certificate[] {leaf, certificate});
  }

  /**
   * The instant certificates count from: the earlier of simulated and real time. The virtual
   * clock may be months from the real one; real TLS clients check the server certificate against
   * real time, and the verifier checks client certificates against simulated time, so a
   * certificate must cover both.
   */
  private Instant issuedAt() {
    Instant simulated = clock.now();
    Instant real = clock.wallTime();
    Instant earlier = simulated.isBefore(real) ? simulated : real;
    // X.509 times have whole seconds; truncating keeps notBefore at or before the instant.
    return earlier.truncatedTo(ChronoUnit.SECONDS);
  }

  /** Signs a certificate for {@code subjectKey} with this CA's key (self-signed for the CA). */
  private X509Certificate issue(
      X500Name subject, PublicKey subjectKey, Instant issuedAt, Duration validity, Extensions extensions) {
    Instant notBefore = issuedAt.minus(BACKDATE);
    Instant notAfter = issuedAt.plus(validity);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name, serialNumber(), Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
      // Issuer key identifiers help OpenSSL-based clients (curl) find the issuer in a bundle.
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(keys.getPublic()));
      extensions.addTo(builder);
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                      .setSecureRandom(random)
                      .build(keys.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("Cannot mint a certificate for " + subject, e);
    }
  }

  /** Random, positive, exactly 64 bits: unique enough, and never mistaken for a negative. */
  private BigInteger serialNumber() {
    return new BigInteger(64, random).setBit(63);
  }

  private KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK offers no EC P-256 keys", e);
    }
  }

  private static void requirePositive(Duration validity) {
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("A certificate needs a positive validity, not " + validity);
    }
  }

  /** What every leaf this CA issues carries: not a CA, signing only, for {@code purpose}. */
  private static void addLeafExtensions(X509v3CertificateBuilder builder, KeyPurposeId purpose) throws CertIOException {
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
  }

  /** Adds the extensions particular to one kind of certificate. */
  @FunctionalInterface
  private interface Extensions {
    void addTo(X509v3CertificateBuilder builder) throws CertIOException;
  }

  /**
   * The key and certificate chain PushSim's TLS endpoints present: a leaf for localhost and
   * Apple's APNs host names, followed by the development CA.
   *
   * @param key the leaf's private key
   * @param chain the leaf first, then the CA
   */
  public record ServerCredentials(PrivateKey key, X509Certificate[] chain) {

    public ServerCredentials {
      if (key == null || chain == null || chain.length == 0) {
        throw new IllegalArgumentException("A server key and a non-empty chain are required");
      }
      chain = chain.clone();
    }

    /** A copy: callers cannot reorder the chain the server presents. */
    @Override
    public X509Certificate[] chain() {
      return chain.clone();
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
      return chain[0];
    }

    /** The chain as PEM, leaf first, for servers configured from files. */
    public String chainPem() {
      return PemFiles.certificates(chain);
    }

    /** The key as a PKCS#8 PEM block. */
    public String privateKeyPem() {
      return PemFiles.privateKey(key);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ServerCredentials that
          && key.equals(that.key)
          && Arrays.equals(chain, that.chain);
    }

    @Override
    public int hashCode() {
      return 31 * key.hashCode() + Arrays.hashCode(chain);
    }

    @Override
    public String toString() {
      return "ServerCredentials[" + chain[0].getSubjectX500Principal().getName()
          + ", issued by " + chain[0].getIssuerX500Principal().getName() + "]";
    }
  }
}
