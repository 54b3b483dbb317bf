package dev.pushsim.app;

import dev.pushsim.device.AppBehaviour;
import dev.pushsim.device.VoipPush;
import dev.pushsim.device.VoipReaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * An app behaviour decided by a remote HTTP webhook: for each VoIP push the app POSTs what its
 * PushKit delegate received, and the answer says whether the delegate reports a call, returns
 * without reporting, or crashes.
 *
 * <p>Request: {@code {"device", "bundleId", "apnsId", "launchedForPush", "payload",
 * "suggestedCall": {"callUuid", "handle", "displayName"}}}. Answer: {@code {"action": "report" |
 * "returnWithoutReport" | "crash", "afterMillis": 0, "call": {...}, "reason": "..."}}; a reported
 * {@code call} defaults to the suggested one, field by field; {@code afterMillis} is simulated
 * time the delegate spends before acting.
 *
 * <p>The device model calls behaviours with the device lock held. A webhook {@link #callsOut()}, so
 * the world runs its pushes on the device's own worker, never on a network thread: the HTTP call
 * holds up that phone for up to {@link #timeout()}; other phones and connections go on.
 * That wait is the app's thinking time in real time: the simulated clock does not
 * move while the webhook thinks.
 *
 * <p>A webhook that fails — refused connection, no answer in time, a status other than 2xx, a
 * body that is not the protocol — never throws out of {@link #onVoipPush}: the app crashes in its
 * delegate with a reason that names the URL and the failure, so the journal's
 * {@code app.terminated} event shows it.
 */
public final class WebhookBehaviour implements AppBehaviour {

  /** How long the app waits for the webhook when no timeout is given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private final URI url;
  private final Duration timeout;
  private final HttpClient http;

  public WebhookBehaviour(URI url) {
    this(url, DEFAULT_TIMEOUT);
  }

  public WebhookBehaviour(URI url, Duration timeout) {
    this(url, timeout, JsonPost.client(requirePositive(timeout)));
  }

  /** With a client of the caller's, e.g. one shared by many apps. */
  public WebhookBehaviour(URI url, Duration timeout, HttpClient http) {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("A webhook URL must be http or https, not " + url);
    }
    this.url = url;
    this.timeout = requirePositive(timeout);
    this.http = Objects.requireNonNull(http, "http");
  }

  /** A webhook at {@code url} with the default timeout. */
  public static WebhookBehaviour at(String url) {
    return new WebhookBehaviour(URI.create(url));
  }

  /** The same webhook, waited for at most {@code value}. */
  public WebhookBehaviour withTimeout(Duration value) {
    return new WebhookBehaviour(url, value, http);
  }

  public URI url() {
    return url;
  }

  public Duration timeout() {
    return timeout;
  }

  @Override
  public boolean callsOut() {
    return true;
  }

  @Override
  public VoipReaction onVoipPush(VoipPush push) {
    try {
      JsonPost.Answer answer = JsonPost.send(http, url, WebhookMessages.request(push), timeout);
      if (!answer.ok()) {
        String quoted = answer.quoted();
        return failed("answered " + answer.status() + (quoted.isEmpty() ? "" : ": " + quoted));
      }
      return WebhookMessages.reaction(answer.body(), push.suggestedCall(), url.toString());
    } catch (JsonPost.Failure | WebhookMessages.Unusable e) {
      return failed(e.getMessage());
    }
  }

  /** The app behaves as if its delegate crashed: what a real app with a broken backend call risks. */
  private VoipReaction failed(String why) {
    return VoipReaction.crash("webhook " + url + " " + why);
  }

  private static Duration requirePositive(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("A webhook timeout must be positive, not " + timeout);
    }
    return timeout;
  }

  @Override
  public String toString() {
    return "asks webhook " + url;
  }
}
