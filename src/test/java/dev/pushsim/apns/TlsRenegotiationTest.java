package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pushsim.apns.tls.ClientTls;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.junit.PushSimExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A TLS 1.2 renegotiation after the HTTP/2 preface is a connection error (RFC 9113 §9.2.1): the
 * server ends the connection with GOAWAY PROTOCOL_ERROR instead of renegotiating. Driven by the
 * JDK's own TLS client, which renegotiates when asked for a second handshake.
 */
class TlsRenegotiationTest {

  private static final byte[] PREFACE_AND_SETTINGS = concat(
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
      new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame

  @RegisterExtension PushSimExtension pushsim = new PushSimExtension();

  @Test
  void renegotiationAfterThePreface_endsTheConnectionWithProtocolError() throws Exception {
    var sim = pushsim.simulator();
    try (SSLSocket socket = (SSLSocket) ClientTls.context(List.of(sim.ca().certificate()), null)
        .getSocketFactory().createSocket("localhost", sim.sandbox().port())) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setProtocols(new String[] {"TLSv1.2"});
      parameters.setApplicationProtocols(new String[] {"h2"});
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(PREFACE_AND_SETTINGS);
      out.flush();

      try {
        socket.startHandshake(); // TLS 1.2: a new ClientHello on the established connection
        InputStream in = socket.getInputStream();
        while (in.read() != -1) {
          // the server's SETTINGS and GOAWAY, until it closes
        }
      } catch (IOException expected) {
        // the server closed the connection during the renegotiation
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !closed().isEmpty());
    assertThat(closed()).singleElement().satisfies(event -> assertThat(event.get("why"))
        .isEqualTo("HTTP/2 PROTOCOL_ERROR: TLS renegotiation is a connection error in HTTP/2"
            + " (RFC 9113 section 9.2.1)"));
  }

  private List<JournalEvent> closed() {
    return pushsim.simulator().journal().find(EventPattern.type(ApnsService.CONNECTION_CLOSED_EVENT));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
