package dev.pushsim.provider;

import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.pushsim.app.TokenRegistration;
import dev.pushsim.clock.SimClock;
import dev.pushsim.provider.ApnsClients.Answer;
import dev.pushsim.provider.SendAttempt.Decision;
import dev.pushsim.push.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the reference provider's pushes and acts on APNs' answers as Apple asks: 410 drops the
 * token, 429/500/503 and network failures are retried with backoff on the {@link SimClock}
 * ({@link RetryPolicy}), anything else is final. Keeps every attempt for the harness. Thread-safe.
 */
final class PushSender {

  private static final Logger log = LoggerFactory.getLogger(PushSender.class);

  /**
   * One push to one token.
   *
   * @param apnsId the same for every attempt, so the journal shows the retries as one push
   */
  record Push(TokenRegistration to, Channel channel, String topic, String payload, Instant expiration,
      PushType pushType, UUID apnsId) {

    Push(TokenRegistration to, Channel channel, String topic, String payload, Instant expiration, PushType pushType) {
      this(to, channel, topic, payload, expiration, pushType, UUID.randomUUID());
    }

    SimpleApnsPushNotification notification() {
      // Pushy writes apns-expiration as the epoch second of the instant: EPOCH is "0", deliver now or never.
      return new SimpleApnsPushNotification(to.token(), topic, payload, expiration, DeliveryPriority.IMMEDIATE,
          pushType, null, apnsId);
    }
  }

  /** A retry the clock has not run yet; kept so that {@link #close()} can cancel it. */
  private static final class PendingRetry {
    volatile SimClock.Cancellable handle;
  }

  private final SimClock clock;
  private final RetryPolicy retryPolicy;
  private final ApnsClients clients;
  private final TokenBook tokens;
  private final List<SendAttempt> attempts = new CopyOnWriteArrayList<>();
  private final Set<PendingRetry> pendingRetries = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  PushSender(SimClock clock, RetryPolicy retryPolicy, ApnsClients clients, TokenBook tokens) {
    this.clock = clock;
    this.retryPolicy = retryPolicy;
    this.clients = clients;
    this.tokens = tokens;
  }

  List<SendAttempt> attempts() {
    return List.copyOf(attempts);
  }

  int attemptCount() {
    return attempts.size();
  }

  int pendingRetries() {
    return pendingRetries.size();
  }

  /** Sends each push once, now; retries follow on the clock. */
  Dispatch dispatch(String id, List<Push> pushes) {
    if (pushes.isEmpty()) {
      return new Dispatch(id, Dispatch.Route.NO_TOKENS, List.of());
    }
    List<SendAttempt> first = new ArrayList<>(pushes.size());
    for (Push push : pushes) {
      first.add(send(push, 1));
    }
    return new Dispatch(id, Dispatch.Route.APNS, first);
  }

  private SendAttempt send(Push push, int attempt) {
    TokenRegistration to = push.to();
    Instant sentAt = clock.now();
    if (to.environment() == null || !clients.serves(to.environment())) {
      String why = "no APNs host is configured for " + (to.environment() == null ? "an unknown environment"
          : to.environment().apsEnvironment());
      return record(new SendAttempt(to.userId(), to.token(), to.environment(), push.channel(),
          push.apnsId().toString(), attempt, sentAt,
          RetryPolicy.NO_ANSWER, null, Decision.FAILED, null, why));
    }
    Answer answer = clients.send(to.environment(), push.channel(), push.notification());
    Decision decision = retryPolicy.decide(answer.status(), attempt);
    Duration backoff = decision == Decision.RETRYING ? retryPolicy.backoffAfter(attempt) : null;
    String detail = answer.tokenInvalidSince() != null ? "token invalid since " + answer.tokenInvalidSince()
        : answer.detail();
    SendAttempt recorded = record(new SendAttempt(to.userId(), to.token(), to.environment(), push.channel(),
        push.apnsId().toString(), attempt,
        sentAt, answer.status(), answer.reason(), decision, backoff == null ? null : sentAt.plus(backoff), detail));
    if (decision == Decision.TOKEN_DROPPED) {
      // Apple: stop sending to a token APNs answered 410 for. Whoever holds it, it is dead.
      tokens.drop(to.token());
    } else if (decision == Decision.RETRYING) {
      scheduleRetry(push, attempt + 1, backoff);
    }
    return recorded;
  }

  private SendAttempt record(SendAttempt attempt) {
    attempts.add(attempt);
    log.debug("APNs {}", attempt);
    return attempt;
  }

  private void scheduleRetry(Push push, int attempt, Duration backoff) {
    PendingRetry retry = new PendingRetry();
    pendingRetries.add(retry);
    retry.handle = clock.schedule(backoff, () -> {
      pendingRetries.remove(retry);
      if (closed) {
        return;
      }
      // A logout or a 410 in the meantime ends the push: never push to a token the user gave up.
      if (!tokens.holds(push.to().userId(), push.to().token())) {
        log.debug("Not retrying {}: {} no longer holds it", push.to().token(), push.to().userId());
        return;
      }
      send(push, attempt);
    });
  }

  /** Cancels the retries still waiting for the clock; nothing is sent after this. */
  void close() {
    closed = true;
    for (PendingRetry retry : pendingRetries) {
      SimClock.Cancellable handle = retry.handle;
      if (handle != null) {
        handle.cancel();
      }
    }
    pendingRetries.clear();
  }
}
