package dev.pushsim.apns.tls;

import dev.pushsim.clock.SimClock;
import dev.pushsim.push.ConfigFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The development CA kept in a data directory: loaded from {@value DevelopmentCa#CERTIFICATE_FILE}
 * and {@value DevelopmentCa#KEY_FILE} when both are there, otherwise minted and written there, so
 * that providers keep trusting the same CA across restarts of {@code pushsim serve}. Issuing stays
 * in {@link DevelopmentCa}; this class only persists.
 */
final class CaFiles {

  private CaFiles() {}

  static DevelopmentCa loadOrCreate(Path dir, SimClock clock) {
    Path certificateFile = dir.resolve(DevelopmentCa.CERTIFICATE_FILE);
    Path keyFile = dir.resolve(DevelopmentCa.KEY_FILE);
    try {
      if (Files.exists(certificateFile) && Files.exists(keyFile)) {
        return load(certificateFile, keyFile, clock);
      }
      DevelopmentCa ca = DevelopmentCa.create(clock);
      Files.createDirectories(dir);
      ca.writeCertificatePem(certificateFile);
      PemFiles.write(keyFile, ca.privateKeyPem());
      try {
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's own permissions apply.
      }
      return ca;
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("Could not load the PushSim CA from " + dir.toAbsolutePath() + " ("
          + e.getMessage() + "); delete " + DevelopmentCa.CERTIFICATE_FILE + " and " + DevelopmentCa.KEY_FILE
          + " there to mint a new one.", e);
    }
  }

  private static DevelopmentCa load(Path certificateFile, Path keyFile, SimClock clock)
      throws IOException, GeneralSecurityException {
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(
            ConfigFiles.read(certificateFile, "the CA certificate", ConfigFiles.KEY_LIMIT)));
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(PemFiles.decode(
        ConfigFiles.readText(keyFile, "the CA key", ConfigFiles.KEY_LIMIT), "PRIVATE KEY")));
    return DevelopmentCa.of(clock, new KeyPair(certificate.getPublicKey(), key), certificate);
  }
}
