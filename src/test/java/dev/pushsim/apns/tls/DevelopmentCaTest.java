package dev.pushsim.apns.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.tls.ClientCertificateVerifier.Verification;
import dev.pushsim.apns.tls.DevelopmentCa.ServerCredentials;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.VirtualClock;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class DevelopmentCaTest {

  private final VirtualClock clock = SimClock.virtual();
  private final DevelopmentCa ca = DevelopmentCa.create(clock);

  @Test
  void caIsASelfSignedCertificateAuthority() throws Exception {
    X509Certificate cert = ca.certificate();

    cert.verify(cert.getPublicKey());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=PushSim Development CA");
    assertThat(cert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(DevelopmentCa.create(clock, "Other CA").certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=Other CA");
  }

  @Test
  void certificatesStartADayBeforeTheEarlierOfSimulatedAndRealTime() {
    // A simulated clock behind the real one: certificates count from simulated time.
    VirtualClock behind = SimClock.virtual(Instant.parse("2020-01-01T09:00:00Z"));
    ClientCertificate cert =
        DevelopmentCa.create(behind).mintClientCertificate("com.example.app", CertificateKind.DEVELOPMENT);
    assertThat(cert.certificate().getNotBefore().toInstant())
        .isEqualTo(Instant.parse("2019-12-31T09:00:00Z"));
    assertThat(cert.certificate().getNotAfter().toInstant())
        .isEqualTo(Instant.parse("2020-01-01T09:00:00Z").plus(Duration.ofDays(3650)));

    // A simulated clock far ahead of the real one: real TLS clients still accept the server.
    VirtualClock ahead = SimClock.virtual(clock.wallTime().plus(Duration.ofDays(400)));
    Instant realBefore = ahead.wallTime();
    DevelopmentCa aheadCa = DevelopmentCa.create(ahead);
    Instant notBefore = aheadCa.serverCredentials().certificate().getNotBefore().toInstant();
    assertThat(notBefore)
        .isBetween(realBefore.minus(Duration.ofDays(1)).minusSeconds(1), ahead.wallTime().minus(Duration.ofDays(1)));
    assertThat(aheadCa.certificate().getNotBefore().toInstant()).isBefore(realBefore);
  }

  @Test
  void serverCredentialsNameLocalhostAndApplesHosts() throws Exception {
    ServerCredentials server = ca.serverCredentials();
    X509Certificate leaf = server.certificate();

    assertThat(ca.serverCredentials()).isSameAs(server);
    assertThat(server.chain()).containsExactly(leaf, ca.certificate());
    leaf.verify(ca.certificate().getPublicKey());
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(leaf.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "localhost"),
            List.of(2, "api.sandbox.push.apple.com"),
            List.of(2, "api.development.push.apple.com"),
            List.of(2, "api.push.apple.com"),
            List.of(7, "127.0.0.1"),
            List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
        .isLessThanOrEqualTo(Duration.ofDays(825));
    assertThat(server.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void tlsHandshakeWithServerCredentialsAndAClientCertificate() throws Exception {
    ServerCredentials server = ca.serverCredentials();
    ClientCertificate client = ca.mintClientCertificate("com.example.app", CertificateKind.UNIVERSAL);
    ClientCertificateVerifier verifier = new ClientCertificateVerifier(ca.certificate(), clock);

    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(
        keyManagers(server.key(), server.chain()),
        new TrustManager[] {new AcceptAnyClient()},
        null);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    KeyStore clientStore = KeyStore.getInstance("PKCS12");
    clientStore.load(new ByteArrayInputStream(client.toP12("pw".toCharArray())), "pw".toCharArray());
    KeyManagerFactory clientKeys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    clientKeys.init(clientStore, "pw".toCharArray());
    clientContext.init(clientKeys.getKeyManagers(), trust.getTrustManagers(), null);

    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (SSLServerSocket listener =
        (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
      listener.setNeedClientAuth(true);
      CompletableFuture<Verification> serverSide =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                  accepted.setSoTimeout(5_000);
                  accepted.startHandshake();
                  X509Certificate[] presented =
                      (X509Certificate[]) accepted.getSession().getPeerCertificates();
                  accepted.getOutputStream().write(42);
                  accepted.getOutputStream().flush();
                  return verifier.verify(presented);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });

      try (Socket plain = new Socket()) {
        plain.connect(new InetSocketAddress(loopback, listener.getLocalPort()), 5_000);
        plain.setSoTimeout(5_000);
        try (SSLSocket socket =
            (SSLSocket) clientContext.getSocketFactory().createSocket(plain, "localhost", listener.getLocalPort(), true)) {
          SSLParameters parameters = socket.getSSLParameters();
          parameters.setEndpointIdentificationAlgorithm("HTTPS"); // checks "localhost" against the SANs
          socket.setSSLParameters(parameters);
          socket.startHandshake();
          assertThat(socket.getInputStream().read()).isEqualTo(42);
          assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(server.certificate());
        }
      }
      Verification verification = serverSide.get(10, TimeUnit.SECONDS);
      assertThat(verification.trusted()).as(verification.detail()).isTrue();
      assertThat(verification.identity().subjectUid()).isEqualTo("com.example.app");
    }
  }

  private static javax.net.ssl.KeyManager[] keyManagers(java.security.PrivateKey key, X509Certificate[] chain)
      throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", key, "pw".toCharArray(), chain);
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, "pw".toCharArray());
    return factory.getKeyManagers();
  }

  /** Like PushSim's endpoints: any client certificate passes TLS; the verifier judges it later. */
  private static final class AcceptAnyClient implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("server side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
