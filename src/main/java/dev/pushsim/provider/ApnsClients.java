package dev.pushsim.provider;

import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import java.time.Instant;

/** How the reference provider reaches APNs: one client per environment, kept open across pushes. */
interface ApnsClients extends AutoCloseable {

  /** Where one environment's APNs is. */
  record Endpoint(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /**
   * What APNs answered, or why it did not.
   *
   * @param status the HTTP status, or {@link RetryPolicy#NO_ANSWER}
   * @param reason Apple's reason string, or null
   * @param tokenInvalidSince a 410's timestamp, or null
   * @param detail why there was no answer, or null
   */
  record Answer(int status, String reason, Instant tokenInvalidSince, String detail) {
    static Answer noAnswer(String why) {
      return new Answer(RetryPolicy.NO_ANSWER, null, null, why);
    }
  }

  /** True when an APNs host is configured for {@code environment}. */
  boolean serves(Environment environment);

  /**
   * Sends and waits for the answer, bounded: the send is over when this returns, which keeps scenarios deterministic.
   */
  Answer send(Environment environment, Channel channel, SimpleApnsPushNotification notification);

  @Override
  void close();
}
