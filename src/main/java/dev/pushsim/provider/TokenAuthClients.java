package dev.pushsim.provider;

import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.apns.auth.ProviderTokens;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.tls.ClientTls;
import dev.pushsim.clock.SimClock;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Token-auth APNs clients on the JDK's HTTP/2 client, signing provider tokens on the provider's
 * own clock and renewing them every {@code refreshEvery} (Apple: not more often than every 20
 * minutes, not less often than every 60). Pushy signs with the host's clock, which a simulator's
 * virtual time outruns, so its tokens would look an hour old after "61 minutes pass"; this
 * client keeps the provider's refresh rule testable in virtual time.
 */
final class TokenAuthClients implements ApnsClients {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Environment, Endpoint> endpoints;
  private final SigningKey key;
  private final SimClock clock;
  private final Duration refreshEvery;
  private final Duration sendTimeout;
  private final HttpClient http;
  private String token;
  private Instant issuedAt;

  TokenAuthClients(Map<Environment, Endpoint> endpoints, X509Certificate[] trust, Path trustPem, SigningKey key,
      SimClock clock,
      Duration refreshEvery, Duration sendTimeout) {
    if (key.privateKey().isEmpty()) {
      throw new IllegalStateException("Signing key " + key.keyId()
          + " has no private half: token auth needs the .p8 key.");
    }
    this.endpoints = Map.copyOf(endpoints);
    this.key = key;
    this.clock = clock;
    this.refreshEvery = refreshEvery;
    this.sendTimeout = sendTimeout;
    // One HTTP/2 client: the JDK keeps one connection per host and multiplexes the pushes on it.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trusting(trust, trustPem))
        .connectTimeout(sendTimeout).build();
  }

  private static SSLContext trusting(X509Certificate[] trust, Path trustPem) {
    try {
      List<X509Certificate> certificates = trust != null ? List.of(trust)
          : trustPem != null ? ClientTls.readCertificates(trustPem) : List.of();
      return certificates.isEmpty() ? SSLContext.getDefault() : ClientTls.context(certificates, null);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot set up TLS trust for APNs: " + e.getMessage(), e);
    }
  }

  /** The provider token to send now: a new one when the current one is {@code refreshEvery} old. */
  private synchronized String bearer() {
    Instant now = clock.now();
    if (token == null || !now.isBefore(issuedAt.plus(refreshEvery))) {
      token = ProviderTokens.sign(key, now);
      issuedAt = now;
    }
    return "bearer " + token;
  }

  @Override
  public boolean serves(Environment environment) {
    return endpoints.containsKey(environment);
  }

  @Override
  public Answer send(Environment environment, Channel channel, SimpleApnsPushNotification notification) {
    Endpoint endpoint = endpoints.get(environment);
    if (endpoint == null) {
      throw new IllegalStateException("No APNs host is configured for " + environment.apsEnvironment() + ".");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://" + endpoint + "/3/device/"
        + notification.getToken()))
        .timeout(sendTimeout)
        .header("authorization", bearer())
        .header("apns-topic", notification.getTopic())
        .header("apns-priority", String.valueOf(notification.getPriority().getCode()))
        .header("apns-id", notification.getApnsId().toString())
        .POST(HttpRequest.BodyPublishers.ofString(notification.getPayload()));
    if (notification.getPushType() != null) {
      request.header("apns-push-type", notification.getPushType().getHeaderValue());
    }
    if (notification.getExpiration() != null) {
      request.header("apns-expiration", String.valueOf(notification.getExpiration().getEpochSecond()));
    }
    if (notification.getCollapseId() != null) {
      request.header("apns-collapse-id", notification.getCollapseId());
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return new Answer(200, null, null, null);
      }
      JsonNode body = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
      Instant since = body.hasNonNull("timestamp") ? Instant.ofEpochMilli(body.get("timestamp").asLong()) : null;
      return new Answer(response.statusCode(), body.path("reason").asText(null), since, null);
    } catch (IOException e) {
      return Answer.noAnswer("the send failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.noAnswer("the sending thread was interrupted");
    }
  }

  @Override
  public void close() {
    // Java 17's HttpClient has no close(): its connections end with it when it is no longer referenced.
  }

  @Override
  public String toString() {
    return endpoints + " (token auth, key " + key.keyId() + " of team " + key.teamId() + ", renewed every "
        + refreshEvery.toMinutes() + " min)";
  }
}
