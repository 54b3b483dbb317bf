package dev.pushsim.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * A vendor backend reached by JSON POSTs: {@code {"userId","token","bundleId","environment",
 * "certificateId","pushType"}} to register, {@code {"userId","token"}} to unregister.
 */
final class HttpJsonBackend implements VendorBackend {

  private final URI registerUrl;
  private final URI unregisterUrl;
  private final Duration timeout;
  private final HttpClient http;

  HttpJsonBackend(URI registerUrl, URI unregisterUrl, Duration timeout) {
    this.registerUrl = Objects.requireNonNull(registerUrl, "registerUrl");
    this.unregisterUrl = Objects.requireNonNull(unregisterUrl, "unregisterUrl");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The vendor backend timeout must be positive, not " + timeout);
    }
    this.http = JsonPost.client(timeout);
  }

  @Override
  public Outcome register(TokenRegistration registration) {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    body.put("userId", registration.userId());
    body.put("token", registration.token());
    body.put("bundleId", registration.bundleId());
    body.put("environment", registration.environment().apsEnvironment());
    if (registration.certificateId() != null) {
      body.put("certificateId", registration.certificateId());
    }
    body.put("pushType", registration.channel().wireName());
    return post(registerUrl, body);
  }

  @Override
  public Outcome unregister(String userId, String token) {
    ObjectNode body = JsonPost.JSON.createObjectNode();
    body.put("userId", userId);
    body.put("token", token);
    return post(unregisterUrl, body);
  }

  private Outcome post(URI url, ObjectNode body) {
    String target = url.toString();
    try {
      JsonPost.Answer answer = JsonPost.send(http, url, body, timeout);
      if (answer.ok()) {
        return Outcome.accepted(target, answer.status());
      }
      String quoted = answer.quoted();
      return Outcome.refused(target, answer.status(), url + " answered " + answer.status() + (quoted.isEmpty() ? "" : ": " + quoted));
    } catch (JsonPost.Failure e) {
      return Outcome.refused(target, null, url + " " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "HTTP backend " + registerUrl + ", " + unregisterUrl;
  }
}
