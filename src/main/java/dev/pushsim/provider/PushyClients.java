package dev.pushsim.provider;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The provider's Pushy clients: one per APNs environment and credential, all on one shared event
 * loop, each keeping its HTTP/2 connection open across pushes as Apple asks ("keep your
 * connections with APNs open across multiple notifications"). Pushy connects on the first send,
 * so a client that is never used never opens a connection.
 */
final class PushyClients implements ApnsClients {

  /** How many event-loop threads all clients share: a provider's traffic needs few. */
  private static final int THREADS = 2;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * What a Pushy client authenticates with (token auth goes through {@link TokenAuthClients}, on the provider's clock).
   */
  sealed interface Credentials {

    void applyTo(ApnsClientBuilder builder);

    /** Certificate auth: a PKCS#12 file as exported from Keychain Access and uploaded to the vendor. */
    record Certificate(Path p12, String password) implements Credentials {
      @Override
      public void applyTo(ApnsClientBuilder builder) {
        if (!Files.isReadable(p12)) {
          throw new IllegalStateException("Cannot read the APNs certificate file " + p12 + ".");
        }
        try {
          builder.setClientCredentials(p12.toFile(), password);
        } catch (IOException | RuntimeException e) {
          throw new IllegalStateException("Cannot load the APNs certificate " + p12
              + " (wrong password, or not a .p12?): " + e.getMessage(), e);
        }
      }

      @Override
      public String toString() {
        return "certificate " + p12.getFileName();
      }
    }
  }

  private final EventLoopGroup group;
  private final Map<Environment, ApnsClient> voip = new EnumMap<>(Environment.class);
  private final Map<Environment, ApnsClient> alert = new EnumMap<>(Environment.class);
  private final Map<Environment, Endpoint> endpoints;
  private final Duration sendTimeout;

  /**
   * @param alertCredentials for alert pushes; null = the VoIP credentials serve both, on the same
   *     client (token auth, or a certificate that covers the bare bundle id)
   */
  PushyClients(Map<Environment, Endpoint> endpoints, X509Certificate[] trust, Path trustPem,
      Credentials voipCredentials,
      Credentials alertCredentials, Duration sendTimeout) {
    this.endpoints = Map.copyOf(endpoints);
    this.sendTimeout = sendTimeout;
    this.group = new NioEventLoopGroup(THREADS, new DefaultThreadFactory("pushsim-provider-apns", true));
    try {
      endpoints.forEach((environment, endpoint) -> {
        ApnsClient voipClient = client(endpoint, trust, trustPem, voipCredentials);
        voip.put(environment, voipClient);
        alert.put(environment, alertCredentials == null ? voipClient : client(endpoint, trust, trustPem,
            alertCredentials));
      });
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private ApnsClient client(Endpoint endpoint, X509Certificate[] trust, Path trustPem, Credentials credentials) {
    ApnsClientBuilder builder = new ApnsClientBuilder()
        .setApnsServer(endpoint.host(), endpoint.port())
        .setEventLoopGroup(group)
        // One connection per client: pushes are multiplexed as HTTP/2 streams on it.
        .setConcurrentConnections(1);
    try {
      if (trust != null) {
        builder.setTrustedServerCertificateChain(trust);
      } else if (trustPem != null) {
        builder.setTrustedServerCertificateChain(trustPem.toFile());
      }
      credentials.applyTo(builder);
      return builder.build();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot set up TLS for APNs at " + endpoint + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean serves(Environment environment) {
    return voip.containsKey(environment);
  }

  /** Sends {@code notification} and waits for the answer, at most the send timeout. */
  @Override
  public Answer send(Environment environment, Channel channel, SimpleApnsPushNotification notification) {
    ApnsClient client = (channel == Channel.VOIP ? voip : alert).get(environment);
    if (client == null) {
      throw new IllegalStateException("No APNs host is configured for " + environment.apsEnvironment() + ".");
    }
    Future<PushNotificationResponse<SimpleApnsPushNotification>> pending = client.sendNotification(notification);
    try {
      PushNotificationResponse<SimpleApnsPushNotification> response = pending.get(sendTimeout.toMillis(),
          TimeUnit.MILLISECONDS);
      return new Answer(response.getStatusCode(), response.getRejectionReason().orElse(null),
          response.getTokenInvalidationTimestamp().orElse(null), null);
    } catch (TimeoutException e) {
      return Answer.noAnswer("APNs did not answer within " + sendTimeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.noAnswer("the sending thread was interrupted");
    } catch (ExecutionException e) {
      return Answer.noAnswer("the send failed: " + describe(e));
    }
  }

  private static String describe(Throwable thrown) {
    Throwable cause = thrown;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": "
        + cause.getMessage();
  }

  /** Closes every client (Pushy lets streams in flight finish), then the shared event loop. */
  @Override
  public void close() {
    Set<ApnsClient> all = Collections.newSetFromMap(new IdentityHashMap<>());
    all.addAll(voip.values());
    all.addAll(alert.values());
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (ApnsClient client : all) {
      closing.add(client.close());
    }
    for (CompletableFuture<Void> future : closing) {
      try {
        future.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // Closing is best effort: the event loop's shutdown below ends whatever is left.
      }
    }
    group.shutdownGracefully(0, CLOSE_TIMEOUT.toSeconds(),
        TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_TIMEOUT.toMillis());
  }

  @Override
  public String toString() {
    return endpoints.toString();
  }
}
