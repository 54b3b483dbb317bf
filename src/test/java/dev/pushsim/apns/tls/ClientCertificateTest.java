package dev.pushsim.apns.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import dev.pushsim.clock.SimClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCertificateTest {

  private static DevelopmentCa ca;
  private static ClientCertificate cert;

  @TempDir Path dir;

  @BeforeAll
  static void mint() {
    ca = DevelopmentCa.create(SimClock.virtual());
    cert = ca.mintClientCertificate("com.example.app", CertificateKind.UNIVERSAL);
  }

  @Test
  void chainIsLeafThenCa() {
    assertThat(cert.chain()).containsExactly(cert.certificate(), ca.certificate());
  }

  @Test
  void p12LoadsBackWithExactlyOneKeyEntry() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(new ByteArrayInputStream(cert.toP12("pw".toCharArray())), "pw".toCharArray());

    var aliases = Collections.list(store.aliases());
    assertThat(aliases).hasSize(1);
    String alias = aliases.get(0);
    assertThat(store.isKeyEntry(alias)).isTrue();
    assertThat(store.getKey(alias, "pw".toCharArray())).isEqualTo(cert.privateKey());
    Certificate[] chain = store.getCertificateChain(alias);
    assertThat(chain).containsExactly(cert.certificate(), ca.certificate());
  }

  @Test
  void pushyLoadsTheP12File_withItsPassword_only() throws Exception {
    Path p12 = dir.resolve("certs/client.p12");
    cert.writeP12(p12, "pw".toCharArray());

    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(p12)) {
      store.load(in, "pw".toCharArray());
    }
    String alias = store.aliases().nextElement();
    assertThat(store.getCertificate(alias)).isEqualTo(cert.certificate());
    assertThat(store.getKey(alias, "pw".toCharArray())).isNotNull();

    ApnsClient client = new ApnsClientBuilder().setApnsServer("localhost", 443).setClientCredentials(p12.toFile(), "pw").build();
    client.close().get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> new ApnsClientBuilder().setApnsServer("localhost", 443).setClientCredentials(p12.toFile(), "wrong").build())
        .as("the wrong password").isInstanceOf(java.io.IOException.class);
  }

  @Test
  void pemFilesHoldTheCertificateAndAPkcs8Key() throws Exception {
    Path certFile = dir.resolve("client.pem");
    Path keyFile = dir.resolve("client.key");
    cert.writePem(certFile, keyFile);

    String certPem = Files.readString(certFile);
    assertThat(certPem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
    assertThat(certPem.lines()).allMatch(line -> line.length() <= 64);
    X509Certificate parsed =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)));
    assertThat(parsed).isEqualTo(cert.certificate());

    String keyPem = Files.readString(keyFile);
    assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    String base64 =
        keyPem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
    PrivateKey key =
        KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    assertThat(key).isEqualTo(cert.privateKey());
    assertThat(cert.privateKeyPem()).isEqualTo(keyPem);
  }

  @Test
  void caCertificatePemParsesBack() throws Exception {
    Path file = dir.resolve("ca.pem");
    ca.writeCertificatePem(file);

    Certificate parsed =
        CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(file));
    assertThat(parsed).isEqualTo(ca.certificate());
    assertThat(ca.certificatePem()).isEqualTo(Files.readString(file));
  }
}
