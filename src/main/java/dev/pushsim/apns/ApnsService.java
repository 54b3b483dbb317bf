package dev.pushsim.apns;

import dev.pushsim.apns.auth.ProviderDirectory;
import dev.pushsim.apns.auth.TokenAuthenticator;
import dev.pushsim.apns.tls.ClientCertificateVerifier.Verification;
import dev.pushsim.apns.tls.ClientCertificateVerifier;
import dev.pushsim.clock.SimClock;
import dev.pushsim.journal.EventDraft;
import dev.pushsim.journal.FieldMap;
import dev.pushsim.journal.Journal;
import dev.pushsim.push.AcceptedPush;
import dev.pushsim.push.Environment;
import dev.pushsim.push.Reason;
import dev.pushsim.push.TokenRateLimiter;
import dev.pushsim.push.TokenRegistry;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake APNs for one environment, without the network: judges each request as Apple would,
 * journals the exchange, and hands accepted pushes to the {@link PushRouter}. The Netty handler
 * only translates frames to {@link ApnsRequest} and the {@link Exchange} back to frames.
 */
public final class ApnsService {

  /** Journal event type of one request and its answer. */
  public static final String REQUEST_EVENT = "apns.request";
  /** Journal event types of connections opening and closing. */
  public static final String CONNECTION_OPENED_EVENT = "apns.connection.opened";
  public static final String CONNECTION_CLOSED_EVENT = "apns.connection.closed";
  /** Journal event type of a connection refused before HTTP/2: TLS handshake failed, or no ALPN h2. */
  public static final String CONNECTION_REJECTED_EVENT = "apns.connection.rejected";
  /** Journal event type of a request the HTTP/2 layer reset before it could be judged. */
  public static final String STREAM_REJECTED_EVENT = "apns.stream.rejected";
  /** Journal event type of a SETTINGS frame changing a connection's stream limit. */
  public static final String STREAM_LIMIT_EVENT = "apns.connection.settings";
  /** Journal event type of an accepted push the simulated devices failed to take (a PushSim bug). */
  public static final String ROUTE_FAILED_EVENT = "apns.route.failed";

  private static final Logger log = LoggerFactory.getLogger(ApnsService.class);

  private final Environment environment;
  private final ApnsSettings settings;
  private final SimClock clock;
  private final TokenAuthenticator tokenAuthenticator;
  private final ClientCertificateVerifier certificateVerifier;
  private final Faults faults;
  private final Journal journal;
  private final PushRouter router;
  private final List<RequestCheck> checks;
  private final AtomicLong connectionIds = new AtomicLong();

  public ApnsService(
      Environment environment,
      ApnsSettings settings,
      SimClock clock,
      ProviderDirectory directory,
      TokenAuthenticator tokenAuthenticator,
      ClientCertificateVerifier certificateVerifier,
      TokenRegistry tokens,
      Faults faults,
      Journal journal,
      PushRouter router) {
    this.environment = environment;
    this.settings = settings;
    this.clock = clock;
    this.tokenAuthenticator = tokenAuthenticator;
    this.certificateVerifier = certificateVerifier;
    this.faults = faults;
    this.journal = journal;
    this.router = router;
    this.checks = RequestChecks.inOrder(environment, settings, tokenAuthenticator, directory, tokens,
        new TokenRateLimiter(settings.tokenRateLimit(), settings.tokenRateWindow()));
  }

  public Environment environment() {
    return environment;
  }

  public ApnsSettings settings() {
    return settings;
  }

  public SimClock clock() {
    return clock;
  }

  Faults faults() {
    return faults;
  }

  /**
   * A provider connected; its client certificate chain (null or empty for none) is verified
   * now, once, as Apple does at the TLS handshake.
   */
  public ApnsConnection open(String remoteAddress, X509Certificate[] clientChain, long maxConcurrentStreams) {
    Verification certificate =
        clientChain == null || clientChain.length == 0 ? null : certificateVerifier.verify(clientChain);
    ApnsConnection connection =
        new ApnsConnection(connectionIds.incrementAndGet(), environment, remoteAddress, certificate,
            tokenAuthenticator.newSession(), clock.millis());
    journal.record(
        EventDraft.of(CONNECTION_OPENED_EVENT)
            .with("environment", environment.apsEnvironment())
            .with("connection", connection.id())
            .with("remote", remoteAddress)
            .with("auth", certificate == null ? "token" : "certificate")
            .with("certificate", certificate == null ? null : certificate.detail())
            .with("maxConcurrentStreams", maxConcurrentStreams));
    return connection;
  }

  /** A SETTINGS frame told the provider a new SETTINGS_MAX_CONCURRENT_STREAMS; {@code why} says what changed. */
  public void streamLimitAnnounced(ApnsConnection connection, long maxConcurrentStreams, String why) {
    journal.record(
        EventDraft.of(STREAM_LIMIT_EVENT)
            .with("environment", environment.apsEnvironment())
            .with("connection", connection.id())
            .with("maxConcurrentStreams", maxConcurrentStreams)
            .with("why", why));
  }

  /** A connection that never became an HTTP/2 APNs connection (TLS failed, or not h2). */
  public void handshakeFailed(String remoteAddress, Throwable cause) {
    journal.record(
        EventDraft.of(CONNECTION_REJECTED_EVENT)
            .with("environment", environment.apsEnvironment())
            .with("remote", remoteAddress)
            .with("why", String.valueOf(cause)));
  }

  /**
   * A request the HTTP/2 layer refused before it could be judged (a header the protocol forbids):
   * the stream was reset, the connection goes on, and the journal keeps the attempt.
   */
  public void streamRejected(ApnsConnection connection, int streamId, String http2Error, String why) {
    journal.record(
        EventDraft.of(STREAM_REJECTED_EVENT)
            .with("environment", environment.apsEnvironment())
            .with("connection", connection.id())
            .with("stream", streamId)
            .with("error", http2Error)
            .with("why", why));
  }

  /**
   * The provider's connection closed; {@code why} says who closed it, {@code unfinished} counts the
   * requests whose body had not all arrived (never judged, never answered), {@code stalled} the
   * requests a stall fault still held unanswered, freed by the close.
   */
  public void close(ApnsConnection connection, String why, int unfinished, int stalled) {
    journal.record(
        EventDraft.of(CONNECTION_CLOSED_EVENT)
            .with("environment", environment.apsEnvironment())
            .with("connection", connection.id())
            .with("requests", connection.requests())
            .with("unfinished", unfinished == 0 ? null : unfinished)
            .with("stalled", stalled == 0 ? null : stalled)
            .with("why", why));
  }

  /** Judges one request, journals it, routes it when accepted, and says what to send back. */
  public Exchange handle(ApnsRequest request, ApnsConnection connection) {
    long now = clock.millis();
    connection.requestArrived(now);
    PushContext push = new PushContext(request, connection, now);
    List<Fault> injected = faults.next(environment);
    Verdict verdict;
    try {
      verdict = judge(push, injected);
    } catch (RuntimeException bug) {
      // A fault in PushSim itself: the provider gets Apple's 500 and the journal says why, rather
      // than a connection closed on every stream in flight.
      log.error("Judging stream {} of {} failed", request.streamId(), connection, bug);
      verdict = Verdict.reject(Reason.INTERNAL_SERVER_ERROR, "PushSim failed on this request: " + bug);
    }
    connection.tokenAccepted(push.tokenIssuedAtSeconds != 0);
    if (push.apnsId == null) {
      push.apnsId = ApnsIds.random();
    }
    ApnsResponse response =
        new ApnsResponse(
            verdict.reason(),
            push.apnsId,
            environment == Environment.SANDBOX ? ApnsIds.random() : null,
            verdict.timestamp(),
            verdict.detail());
    Exchange exchange = Exchange.of(response, injected);
    journal.record(describe(push, exchange));
    // A push the provider never hears accepted (dropped, reset, stalled) reaches no device.
    if (response.accepted() && exchange.answers() && router != PushRouter.NONE) {
      route(push);
    }
    return exchange;
  }

  private void route(PushContext push) {
    try {
      router.route(new AcceptedPush(push.apnsId, push.token, push.pushType, push.topic, push.priority,
          push.expiration, push.collapseId, push.request.payload(), environment));
    } catch (RuntimeException bug) {
      // APNs accepted the push whatever the simulated device then does; the failure is journaled.
      log.error("Routing {} failed", push.apnsId, bug);
      journal.record(EventDraft.of(ROUTE_FAILED_EVENT).apnsId(push.apnsId).deviceToken(push.tokenHex)
          .with("why", String.valueOf(bug)));
    }
  }

  private Verdict judge(PushContext push, List<Fault> injected) {
    for (Fault fault : injected) {
      if (fault instanceof Fault.Respond respond) {
        // Still read the apns-id, so that the provider can match the injected answer.
        RequestChecks.messageId(push);
        return Verdict.reject(respond.reason(), "injected fault");
      }
    }
    for (RequestCheck check : checks) {
      Verdict verdict = check.apply(push);
      if (!verdict.passed()) {
        return verdict;
      }
    }
    return Verdict.PASS;
  }

  private EventDraft describe(PushContext push, Exchange exchange) {
    ApnsRequest request = push.request;
    ApnsResponse response = exchange.response();
    FieldMap headers = new FieldMap(request.headers().size());
    for (ApnsRequest.Header header : request.headers()) {
      // The JWT is a credential: the journal keeps who signed it, not the token itself.
      if (!headers.containsKey(header.name())) {
        boolean credential = header.name().equals(ApnsRequest.AUTHORIZATION);
        headers.put(header.name(), credential ? push.connection.redacted(header.value()) : header.value());
      }
    }
    boolean answered = exchange.answers();
    return EventDraft.of(REQUEST_EVENT, 16)
        .apnsId(response.apnsId())
        .deviceToken(push.tokenHex)
        .topic(push.topic)
        .with("environment", environment.apsEnvironment())
        .with("connection", push.connection.id())
        .with("stream", request.streamId())
        .with("method", request.method())
        .with("path", request.path())
        .with("headers", headers)
        .with("payload", payloadText(request))
        .with("payloadBytes", request.payloadLength())
        .with("pushType", push.pushType == null ? null : push.pushType.headerValue())
        .with("auth", push.authIdentity())
        // What tells a provider's token refreshes apart: the iat of each accepted provider token.
        .with("tokenIat", push.tokenIssuedAtSeconds == 0 ? null : push.tokenIssuedAtSeconds)
        .with("status", answered ? response.status() : null)
        .with("reason", answered ? response.reason().wireString() : null)
        .with("timestamp", response.timestamp())
        .with("effect", effectName(exchange))
        .with("judged", answered ? null : response.status())
        .with("detail", answered ? response.detail() : unanswered(exchange));
  }

  /** The journal's name of what the connection did, or null for a plain answer. */
  private static String effectName(Exchange exchange) {
    if (exchange instanceof Exchange.Answer) {
      return null;
    } else if (exchange instanceof Exchange.DelayedAnswer) {
      return "delayed";
    } else if (exchange instanceof Exchange.AnswerThenGoAway) {
      return "goaway";
    } else if (exchange instanceof Exchange.Drop) {
      return "dropped";
    } else if (exchange instanceof Exchange.ResetStream) {
      return "reset";
    }
    return "stalled";
  }

  private static String unanswered(Exchange exchange) {
    if (exchange instanceof Exchange.Drop) {
      return "connection dropped by an injected fault";
    } else if (exchange instanceof Exchange.ResetStream reset) {
      return "stream reset with " + reset.error() + " by an injected fault";
    }
    return "stalled by an injected fault: never answered";
  }

  private static String payloadText(ApnsRequest request) {
    String text = new String(request.payload(), StandardCharsets.UTF_8);
    return request.payloadComplete() ? text : text + "... (" + request.payloadLength() + " bytes in all)";
  }

  @Override
  public String toString() {
    return "ApnsService{" + environment + "}";
  }
}
