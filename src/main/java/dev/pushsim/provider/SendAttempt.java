package dev.pushsim.provider;

import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import java.time.Instant;
import java.util.Objects;

/**
 * One request the {@link ReferenceProvider} made to APNs, what APNs answered, and what the
 * provider decided to do about it: the record the harness reads to judge a provider.
 *
 * @param userId the user the push was for
 * @param token the device token, lower-case hex
 * @param environment the APNs environment the token was registered with, hence the host used
 * @param channel a VoIP push to a PushKit token (a call) or an alert push to a UserNotifications
 *     token (a message, or a call to a device without a VoIP token)
 * @param apnsId the {@code apns-id} sent; the retries of one push reuse it, so the simulator's
 *     journal shows them as one push's timeline
 * @param attempt 1 for the first send, 2 for the first retry, ...
 * @param time when the request was sent, on the provider's {@code SimClock}
 * @param status the HTTP status APNs answered, or 0 when no answer came (network failure)
 * @param reason Apple's reason string ({@code "BadDeviceToken"}), or null on success or no answer
 * @param decision what the provider does next
 * @param retryAt when the next attempt is due, for {@link Decision#RETRYING}; null otherwise
 * @param detail a sentence for humans (why there was no answer, when the token became invalid), or
 *     null
 */
public record SendAttempt(
    String userId,
    String token,
    Environment environment,
    Channel channel,
    String apnsId,
    int attempt,
    Instant time,
    int status,
    String reason,
    Decision decision,
    Instant retryAt,
    String detail) {

  /** What the provider does after an answer: a value the harness can check, not a log line. */
  public enum Decision {
    /** 200: done. */
    ACCEPTED,
    /** 429, 500, 503 or no answer, with attempts left: sent again at {@link #retryAt()}. */
    RETRYING,
    /** 429, 500, 503 or no answer on the last allowed attempt: the push is abandoned. */
    GAVE_UP,
    /** 410: the token is invalid for good; the provider forgot it and never pushes to it again. */
    TOKEN_DROPPED,
    /** Any other answer (400, 403, 404, 413...): retrying cannot help, so it is not retried. */
    FAILED
  }

  public SendAttempt {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(decision, "decision");
  }

  /** True when APNs answered 200. */
  public boolean accepted() {
    return status == 200;
  }

  /** One line for logs and failure messages, e.g. {@code #2 VOIP 503 ServiceUnavailable -> RETRYING at ...}. */
  public String summary() {
    return "#" + attempt + " " + channel + " to " + token + " ("
        + (environment == null ? "?" : environment.apsEnvironment()) + ") at " + time
        + ": " + (status == 0 ? "no answer" : status + (reason == null ? "" : " " + reason))
        + " -> " + decision + (retryAt == null ? "" : " at " + retryAt) + (detail == null ? "" : " (" + detail + ")");
  }

  @Override
  public String toString() {
    return summary();
  }
}
