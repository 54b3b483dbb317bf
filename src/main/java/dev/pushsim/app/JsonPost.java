package dev.pushsim.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One JSON POST from a simulated app to a remote service, bounded in real time, whose failures
 * come back as sentences ({@link Failure}) rather than as exceptions the device model would have
 * to survive.
 */
final class JsonPost {

  static final ObjectMapper JSON = new ObjectMapper();

  /** How much of an unexpected answer body a failure sentence quotes. */
  private static final int QUOTED_CHARS = 200;

  private JsonPost() {}

  /** The answer of a service that did answer: any status. */
  record Answer(int status, String body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body shortened for a failure sentence, or "" when there is none. */
    String quoted() {
      if (body == null || body.isBlank()) {
        return "";
      }
      String flat = body.strip().replaceAll("\\s+", " ");
      return flat.length() <= QUOTED_CHARS ? flat : flat.substring(0, QUOTED_CHARS) + "...";
    }
  }

  /** A POST that got no answer; the message says why, in words that follow the service's URL. */
  static final class Failure extends Exception {
    Failure(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * An HTTP client for these posts. HTTP/1.1 because the JDK would otherwise try an h2c upgrade
   * on plain-http URLs, which some test servers mishandle for requests with a body.
   */
  static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
  }

  /**
   * POSTs {@code body} to {@code url} and waits at most {@code timeout} for the whole answer.
   * The request's own timeout only covers the wait for the headers; the bounded {@code get}
   * also covers a service that sends headers and then stalls the body.
   */
  static Answer send(HttpClient http, URI url, ObjectNode body, Duration timeout) throws Failure {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(url)
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write a request body for " + url, e);
    }
    CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      HttpResponse<String> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Answer(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new Failure(notInTime(timeout));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new Failure("was not waited for: the calling thread was interrupted");
    } catch (ExecutionException e) {
      throw new Failure(why(unwrap(e), timeout));
    }
  }

  private static String why(Throwable cause, Duration timeout) {
    // HttpConnectTimeoutException is an HttpTimeoutException: test the narrower one first.
    if (cause instanceof HttpConnectTimeoutException) {
      return "could not be connected to within " + timeout.toMillis() + " ms";
    }
    if (cause instanceof HttpTimeoutException) {
      return notInTime(timeout);
    }
    if (cause instanceof ConnectException) {
      return "refused the connection";
    }
    if (cause instanceof IOException) {
      return "could not be reached: " + describe(cause);
    }
    return "failed: " + describe(cause);
  }

  private static String notInTime(Duration timeout) {
    return "did not answer within " + timeout.toMillis() + " ms";
  }

  private static Throwable unwrap(Throwable thrown) {
    Throwable cause = thrown;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + " " + cause.getMessage();
  }
}
