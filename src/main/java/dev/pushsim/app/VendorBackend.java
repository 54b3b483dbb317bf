package dev.pushsim.app;

import java.net.URI;
import java.time.Duration;

/**
 * The vendor backend as the calling SDK in an app sees it: where a VoIP token is registered after
 * login and unregistered at logout. Over HTTP with PushSim's JSON ({@link #http}) for the bundled
 * reference provider; through a provider adapter for a vendor's own backend.
 *
 * <p>Implementations never throw for a backend that refuses or cannot be reached: they return an
 * {@link Outcome} whose {@code why} says so, and the SDK journals it and carries on, as an app would.
 */
public interface VendorBackend {

  /** How long an SDK waits for its backend when no timeout is given. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  Outcome register(TokenRegistration registration);

  Outcome unregister(String userId, String token);

  /** What one call to the backend came to. */
  record Outcome(String target, Integer status, String why) {

    public static Outcome accepted(String target, Integer status) {
      return new Outcome(target, status, null);
    }

    public static Outcome refused(String target, Integer status, String why) {
      return new Outcome(target, status, why);
    }

    public boolean ok() {
      return why == null;
    }
  }

  /** A backend taking PushSim's JSON registration body by POST, waiting at most {@code timeout} of real time. */
  static VendorBackend http(URI registerUrl, URI unregisterUrl, Duration timeout) {
    return new HttpJsonBackend(registerUrl, unregisterUrl, timeout);
  }

  /** {@link #http(URI, URI, Duration)} with the default timeout. */
  static VendorBackend http(URI registerUrl, URI unregisterUrl) {
    return http(registerUrl, unregisterUrl, DEFAULT_TIMEOUT);
  }
}
