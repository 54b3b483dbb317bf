package dev.pushsim.apns.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** PEM encoding of certificates and PKCS#8 private keys, the form curl and OpenSSL read. */
public final class PemFiles {

  // RFC 7468: 64 base64 characters per line.
  private static final Base64.Encoder BASE64 =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private PemFiles() {}

  /** {@code der} between {@code -----BEGIN label-----} and {@code -----END label-----}. */
  public static String encode(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + BASE64.encodeToString(der) + "\n"
        + "-----END " + label + "-----\n";
  }

  /** One {@code CERTIFICATE} block per certificate, in the order given. */
  /** The DER bytes of the first PEM block labelled {@code label} in {@code pem}. */
  public static byte[] decode(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no PEM block '" + label + "' found");
    }
    return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
  }

  public static String certificates(X509Certificate... certificates) {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      try {
        pem.append(encode("CERTIFICATE", certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("Cannot encode " + certificate.getSubjectX500Principal(), e);
      }
    }
    return pem.toString();
  }

  /** The key as an unencrypted PKCS#8 {@code PRIVATE KEY} block. */
  public static String privateKey(PrivateKey key) {
    if (!"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException("Expected a PKCS#8 key, got " + key.getFormat());
    }
    return encode("PRIVATE KEY", key.getEncoded());
  }

  /** Writes {@code pem} to {@code file}, creating its parent directories. */
  public static void write(Path file, String pem) {
    writeBytes(file, pem.getBytes(StandardCharsets.US_ASCII));
  }

  static void writeBytes(Path file, byte[] content) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
