package dev.pushsim.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.apns.tls.ClientTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The scenarios' own APNs client: the JDK's HTTP/2 client over TLS with ALPN h2, trusting only the
 * simulator's CA. It sends exactly the headers a scenario describes, which is what the {@code apns}
 * and {@code pushkit} features need; the provider under test is a separate thing.
 */
final class ApnsTestClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;

  ApnsTestClient(X509Certificate trustedCa) {
    this(trustedCa, null);
  }

  /** A client that presents {@code certificate} in the TLS handshake: certificate auth. */
  ApnsTestClient(X509Certificate trustedCa, ClientCertificate certificate) {
    try {
      SSLContext tls = ClientTls.context(List.of(trustedCa), certificate);
      this.http = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_2)
          .sslContext(tls)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
    } catch (Exception e) {
      throw new IllegalStateException("Could not set up TLS for the scenario's APNs client: " + e.getMessage(), e);
    }
  }

  ApnsAnswer send(String baseUrl, ApnsCall call) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + call.path))
        .timeout(Duration.ofSeconds(20))
        .method(call.method, call.body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(call.body));
    call.headers.forEach(request::header);
    call.repeatedHeaders.forEach(header -> request.header(header[0], header[1]));
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.version() != HttpClient.Version.HTTP_2) {
        throw new AssertionError("The fake APNs answered over " + response.version() + ", not HTTP/2");
      }
      String reason = null;
      Long timestamp = null;
      if (!response.body().isBlank()) {
        JsonNode body = JSON.readTree(response.body());
        reason = body.path("reason").asText(null);
        timestamp = body.has("timestamp") ? body.get("timestamp").asLong() : null;
      }
      return new ApnsAnswer(response.statusCode(), reason, response.headers().firstValue("apns-id").orElse(null), timestamp);
    } catch (IOException e) {
      throw new IllegalStateException("The request to " + baseUrl + call.path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the fake APNs", e);
    }
  }
}
