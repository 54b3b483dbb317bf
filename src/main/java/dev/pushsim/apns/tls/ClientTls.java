package dev.pushsim.apns.tls;

import dev.pushsim.push.ConfigFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS for clients of the simulator: trust its CA and, for certificate auth, present a client certificate. */
public final class ClientTls {

  private ClientTls() {}

  /**
   * A TLS context that trusts exactly {@code trusted} and, when {@code identity} is not null,
   * presents it in the handshake.
   */
  public static SSLContext context(List<X509Certificate> trusted,
      ClientCertificate identity) throws GeneralSecurityException {
    KeyStore trust = emptyStore(KeyStore.getDefaultType());
    for (int i = 0; i < trusted.size(); i++) {
      trust.setCertificateEntry("trusted-" + i, trusted.get(i));
    }
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    KeyManager[] keyManagers = null;
    if (identity != null) {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(identity.keyStore(new char[0]), new char[0]);
      keyManagers = keys.getKeyManagers();
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers, trustManagers.getTrustManagers(), null);
    return context;
  }

  /** The certificates in a PEM file, such as the simulator's {@link DevelopmentCa#CERTIFICATE_FILE}. */
  public static List<X509Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
    List<X509Certificate> certificates = new ArrayList<>();
    byte[] bytes = ConfigFiles.read(pem, "the certificate file", ConfigFiles.KEY_LIMIT);
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      CertificateFactory.getInstance("X.509").generateCertificates(in)
          .forEach(c -> certificates.add((X509Certificate) c));
    }
    return certificates;
  }

  /** An empty in-memory key store of {@code type}. */
  static KeyStore emptyStore(String type) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(type);
    try {
      store.load(null, null);
    } catch (IOException e) {
      // Loading from no stream reads nothing, so this cannot be an I/O failure.
      throw new KeyStoreException(e);
    }
    return store;
  }
}
