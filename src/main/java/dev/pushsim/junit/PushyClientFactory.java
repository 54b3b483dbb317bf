package dev.pushsim.junit;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Makes Pushy clients; loaded only when Pushy is on the test classpath (it is an optional dependency). */
final class PushyClientFactory {

  /** Closing is real network I/O: bounded, so a stuck connection cannot hang the build. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private PushyClientFactory() {}

  static boolean available() {
    try {
      Class.forName("com.eatthepath.pushy.apns.ApnsClient", false, PushyClientFactory.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static boolean isClientType(Class<?> type) {
    return available() && type == ApnsClient.class;
  }

  /** A client of the sandbox APNs with the team's key, trusting the simulator's CA. */
  static Object sandboxClient(ApnsEndpoints endpoints, ProviderCredentials credentials) {
    try {
      return new ApnsClientBuilder()
          .setApnsServer(endpoints.host(), endpoints.sandboxPort())
          .setTrustedServerCertificateChain(credentials.caFile().toFile())
          .setSigningKey(ApnsSigningKey.loadFromPkcs8File(credentials.p8File().toFile(), credentials.teamId(),
              credentials.keyId()))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot build a Pushy client for the simulator: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot load the team's key for Pushy: " + e.getMessage(), e);
    }
  }

  static void close(Object client) {
    try {
      ((ApnsClient) client).close().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The test is over; a client that does not close cleanly must not fail it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
