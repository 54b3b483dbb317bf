package dev.pushsim.apns;

import static dev.pushsim.apns.Verdict.PASS;
import static dev.pushsim.apns.Verdict.reject;

import dev.pushsim.apns.auth.AuthDecision;
import dev.pushsim.apns.auth.ProviderDirectory;
import dev.pushsim.apns.auth.TokenAuthenticator;
import dev.pushsim.apns.tls.ClientCertificateVerifier.Verification;
import dev.pushsim.apns.tls.ClientIdentity;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Environment;
import dev.pushsim.push.PushType;
import dev.pushsim.push.Reason;
import dev.pushsim.push.TokenRateLimiter;
import dev.pushsim.push.TokenRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The checks of the fake APNs, in the order they run. Apple does not document which reason wins
 * when a request has several faults; PushSim's order, from the connection outwards to the
 * device, is:
 *
 * <ol>
 *   <li>method (405 MethodNotAllowed), path (404 BadPath, 400 MissingDeviceToken)
 *   <li>repeated headers (400 DuplicateHeaders), {@code apns-id} (400 BadMessageId)
 *   <li>authentication: certificate (403 BadCertificate, BadCertificateEnvironment) or token (403
 *       MissingProviderToken, InvalidProviderToken, ExpiredProviderToken,
 *       BadEnvironmentKeyInToken, UnrelatedKeyIdInToken; 429 TooManyProviderTokenUpdates)
 *   <li>topic (400 MissingTopic, BadTopic), push type (400 InvalidPushType for an unknown
 *       value), the topic resolved against the sender's apps (400 TopicDisallowed when it names
 *       none of them, InvalidPushType when it is another type's topic; 403 Forbidden for a
 *       token-only push type over a certificate)
 *   <li>headers: {@code apns-priority} (400 BadPriority), {@code apns-expiration} (400
 *       BadExpirationDate), {@code apns-collapse-id} (400 BadCollapseId)
 *   <li>payload: 400 PayloadEmpty, 413 PayloadTooLarge, 400 BadPayload (not a JSON object)
 *   <li>device token: 400 BadDeviceToken (unknown, or of the other environment),
 *       DeviceTokenNotForTopic; 410 Unregistered, ExpiredToken
 *   <li>rate: 429 TooManyRequests
 * </ol>
 */
final class RequestChecks {

  private static final String DEVICE_PATH = "/3/device/";

  private RequestChecks() {}

  static List<RequestCheck> inOrder(
      Environment environment,
      ApnsSettings settings,
      TokenAuthenticator tokenAuthenticator,
      ProviderDirectory directory,
      TokenRegistry tokens,
      TokenRateLimiter rateLimiter) {
    return List.of(
        RequestChecks::method,
        RequestChecks::path,
        RequestChecks::duplicateHeaders,
        RequestChecks::messageId,
        push -> authentication(push, environment, tokenAuthenticator),
        RequestChecks::topic,
        RequestChecks::pushType,
        push -> topicPermission(push, directory),
        RequestChecks::priority,
        RequestChecks::expiration,
        push -> collapseId(push, settings),
        push -> payload(push, settings),
        push -> deviceToken(push, environment, tokens),
        push -> rateLimiter.admit(push.token, push.nowMillis)
            ? PASS
            : reject(Reason.TOO_MANY_REQUESTS, "more than " + settings.tokenRateLimit()
                + " pushes to this token within " + settings.tokenRateWindow()));
  }

  static Verdict method(PushContext push) {
    return "POST".equals(push.request.method())
        ? PASS
        : reject(Reason.METHOD_NOT_ALLOWED, ":method " + push.request.method() + " is not POST");
  }

  static Verdict path(PushContext push) {
    String path = push.request.path();
    if (path == null || !path.startsWith(DEVICE_PATH)) {
      return reject(Reason.BAD_PATH, ":path " + path + " is not /3/device/<device token>");
    }
    String token = path.substring(DEVICE_PATH.length());
    if (token.isEmpty()) {
      return reject(Reason.MISSING_DEVICE_TOKEN, ":path names no device token");
    }
    if (token.indexOf('/') >= 0 || token.indexOf('?') >= 0) {
      return reject(Reason.BAD_PATH, ":path " + path + " is not /3/device/<device token>");
    }
    push.tokenHex = token;
    return PASS;
  }

  static Verdict duplicateHeaders(PushContext push) {
    String repeated = push.request.firstRepeatedHeader();
    return repeated == null ? PASS : reject(Reason.DUPLICATE_HEADERS, "header " + repeated + " appears more than once");
  }

  static Verdict messageId(PushContext push) {
    String id = push.request.header(ApnsRequest.APNS_ID);
    if (id == null) {
      return PASS;
    }
    if (!ApnsIds.isCanonicalUuid(id)) {
      return reject(Reason.BAD_MESSAGE_ID, "apns-id '" + id + "' is not a canonical UUID (8-4-4-4-12 hex digits)");
    }
    push.apnsId = id;
    return PASS;
  }

  static Verdict authentication(PushContext push, Environment environment, TokenAuthenticator tokenAuthenticator) {
    Verification certificate = push.connection.certificate();
    if (certificate != null) {
      // Apple: with a client certificate the connection is authenticated by TLS; a bearer header is not read.
      if (!certificate.trusted()) {
        return reject(Reason.BAD_CERTIFICATE, "client certificate " + certificate.detail());
      }
      ClientIdentity identity = certificate.identity();
      if (!identity.allows(environment)) {
        return reject(Reason.BAD_CERTIFICATE_ENVIRONMENT,
            "certificate " + identity.commonName() + " is not valid for the " + environment.apsEnvironment()
                + " environment");
      }
      push.certificate = identity;
      return PASS;
    }
    AuthDecision decision = tokenAuthenticator.authenticate(
        push.request.header(ApnsRequest.AUTHORIZATION), environment, push.connection.tokenSession());
    if (!decision.accepted()) {
      return reject(decision.reason(), decision.detail());
    }
    push.teamId = decision.teamId();
    push.keyId = decision.keyId();
    push.tokenIssuedAtSeconds = decision.issuedAtSeconds();
    return PASS;
  }

  static Verdict topic(PushContext push) {
    String topic = push.request.header(ApnsRequest.APNS_TOPIC);
    if (topic == null) {
      // Apple: a single-topic certificate implies its topic; token auth and multi-topic certificates must name one.
      if (push.certificate != null && push.certificate.singleTopic()) {
        push.topic = push.certificate.topics().get(0);
        return PASS;
      }
      return reject(Reason.MISSING_TOPIC, push.certificate == null
          ? "apns-topic is required with token authentication"
          : "apns-topic is required with a certificate for several topics");
    }
    if (!isWellFormedTopic(topic)) {
      return reject(Reason.BAD_TOPIC, "apns-topic '" + topic + "' is not a bundle id with an optional suffix");
    }
    push.topic = topic;
    return PASS;
  }

  static Verdict pushType(PushContext push) {
    String header = push.request.header(ApnsRequest.APNS_PUSH_TYPE);
    if (header == null) {
      return PASS;
    }
    push.pushType = PushType.fromHeader(header).orElse(null);
    return push.pushType != null
        ? PASS
        : reject(Reason.INVALID_PUSH_TYPE, "apns-push-type '" + header + "' is not a push type APNs knows");
  }

  /**
   * Resolves the topic against the sender's apps (see {@link TopicResolution}); without
   * {@code apns-push-type} the topic tells the type (Apple requires the header only on watchOS).
   */
  static Verdict topicPermission(PushContext push, ProviderDirectory directory) {
    if (push.pushType == PushType.MDM) {
      // MDM pushes use the topic of the MDM certificate: no suffix rule applies.
      push.bundleId = push.topic;
      return push.certificate != null || ownedByTeam(push, directory, push.topic)
          ? certificateCovers(push)
          : reject(Reason.TOPIC_DISALLOWED, "team " + push.teamId + " has no MDM topic " + push.topic);
    }
    TopicResolution resolved = TopicResolution.resolve(push.topic, push.certificate != null
        ? TopicResolution.certificateApps(push.certificate)
        : bundleId -> ownedByTeam(push, directory, bundleId)).orElse(null);
    if (resolved == null) {
      return reject(Reason.TOPIC_DISALLOWED, TopicResolution.whyUnresolved(push.topic, sender(push)));
    }
    if (push.pushType == null) {
      push.pushType = resolved.impliedType();
    } else if (!resolved.fits(push.pushType)) {
      return reject(Reason.INVALID_PUSH_TYPE, resolved.whyNotFor(push.pushType, push.topic));
    }
    push.bundleId = resolved.bundleId();
    return certificateCovers(push);
  }

  private static Verdict certificateCovers(PushContext push) {
    if (push.certificate == null) {
      return PASS;
    }
    if (push.pushType == PushType.LOCATION) {
      return reject(Reason.FORBIDDEN, "location pushes need token authentication, not a certificate");
    }
    return push.certificate.allowsTopic(push.topic)
        ? PASS
        : reject(Reason.TOPIC_DISALLOWED, "certificate " + push.certificate.commonName() + " does not cover topic "
            + push.topic);
  }

  private static boolean ownedByTeam(PushContext push, ProviderDirectory directory, String bundleId) {
    return directory.findTeam(push.teamId).map(team -> team.owns(bundleId)).orElse(false);
  }

  private static String sender(PushContext push) {
    return push.certificate != null ? "certificate " + push.certificate.commonName() : "team " + push.teamId;
  }

  static Verdict priority(PushContext push) {
    String value = push.request.header(ApnsRequest.APNS_PRIORITY);
    if (value == null) {
      // Apple: absent means 10, except for background pushes, which default to 5.
      push.priority = push.pushType == PushType.BACKGROUND ? 5 : 10;
      return PASS;
    }
    switch (value) {
      case "10":
        if (push.pushType == PushType.BACKGROUND) {
          return reject(Reason.BAD_PRIORITY, "background pushes must use apns-priority 5, not 10");
        }
        push.priority = 10;
        return PASS;
      case "5":
        push.priority = 5;
        return PASS;
      case "1":
        push.priority = 1;
        return PASS;
      default:
        return reject(Reason.BAD_PRIORITY, "apns-priority '" + value + "' is not 10, 5 or 1");
    }
  }

  static Verdict expiration(PushContext push) {
    String value = push.request.header(ApnsRequest.APNS_EXPIRATION);
    if (value == null) {
      return PASS;
    }
    if (value.isEmpty() || value.length() > 12 || !allDigits(value)) {
      return reject(Reason.BAD_EXPIRATION_DATE, "apns-expiration '" + value
          + "' is not UNIX seconds (0 = deliver now or never)");
    }
    push.expiration = Long.parseLong(value);
    return PASS;
  }

  static Verdict collapseId(PushContext push, ApnsSettings settings) {
    String value = push.request.header(ApnsRequest.APNS_COLLAPSE_ID);
    if (value == null) {
      return PASS;
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > settings.maxCollapseIdBytes()) {
      return reject(Reason.BAD_COLLAPSE_ID, "apns-collapse-id is " + bytes + " bytes; at most "
          + settings.maxCollapseIdBytes());
    }
    push.collapseId = value;
    return PASS;
  }

  static Verdict payload(PushContext push, ApnsSettings settings) {
    ApnsRequest request = push.request;
    if (request.payloadLength() == 0) {
      return reject(Reason.PAYLOAD_EMPTY, "the request has no body");
    }
    int limit = settings.maxPayloadBytes(push.pushType);
    if (request.payloadLength() > limit) {
      return reject(Reason.PAYLOAD_TOO_LARGE,
          "payload is " + request.payloadLength() + " bytes; " + push.pushType.headerValue() + " pushes allow "
              + limit);
    }
    String problem = JsonObjects.problemWith(request.payload());
    return problem == null ? PASS : reject(Reason.BAD_PAYLOAD, problem);
  }

  static Verdict deviceToken(PushContext push, Environment environment, TokenRegistry tokens) {
    DeviceToken token = tokens.lookup(push.tokenHex);
    if (token == null) {
      return reject(Reason.BAD_DEVICE_TOKEN, "no device token " + abbreviate(push.tokenHex) + " was issued");
    }
    if (token.environment() != environment) {
      return reject(Reason.BAD_DEVICE_TOKEN,
          "token was issued for the " + token.environment().apsEnvironment() + " environment, this is "
              + environment.apsEnvironment());
    }
    if (!token.bundleId().equals(push.bundleId)) {
      return reject(Reason.DEVICE_TOKEN_NOT_FOR_TOPIC, "token belongs to " + token.bundleId() + ", not "
          + push.bundleId);
    }
    if (token.channel() != push.pushType.channel()) {
      return reject(Reason.DEVICE_TOKEN_NOT_FOR_TOPIC,
          "token is a " + token.channel() + " token; " + push.pushType.headerValue() + " pushes need a "
              + push.pushType.channel() + " token");
    }
    if (token.isUnregistered()) {
      return Verdict.gone(Reason.UNREGISTERED, "token stopped being valid at " + token.invalidatedAt(),
          token.invalidatedAt().toEpochMilli());
    }
    if (token.isExpiredAt(push.nowMillis)) {
      return Verdict.gone(Reason.EXPIRED_TOKEN, "token's lifetime ended at " + token.expiresAt(),
          token.expiresAt().toEpochMilli());
    }
    push.token = token;
    return PASS;
  }

  private static boolean allDigits(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Bundle ids and their suffixes: letters, digits, '.', '-' (and '_', seen in the wild). */
  static boolean isWellFormedTopic(String topic) {
    if (topic.isEmpty() || topic.length() > 255 || topic.charAt(0) == '.' || topic.charAt(topic.length() - 1) == '.') {
      return false;
    }
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
          || c == '-' || c == '_';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
