package dev.pushsim.push;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every answer APNs gives to a notification request: the HTTP status and the exact reason
 * string Apple sends in {@code {"reason": ...}}. Providers switch on these strings, so their
 * spelling is Apple's.
 */
public enum Reason {
  /** 200: accepted; no body. */
  SUCCESS(200, null),

  BAD_COLLAPSE_ID(400, "BadCollapseId"),
  BAD_DEVICE_TOKEN(400, "BadDeviceToken"),
  BAD_EXPIRATION_DATE(400, "BadExpirationDate"),
  BAD_MESSAGE_ID(400, "BadMessageId"),
  BAD_PRIORITY(400, "BadPriority"),
  BAD_TOPIC(400, "BadTopic"),
  DEVICE_TOKEN_NOT_FOR_TOPIC(400, "DeviceTokenNotForTopic"),
  DUPLICATE_HEADERS(400, "DuplicateHeaders"),
  IDLE_TIMEOUT(400, "IdleTimeout"),
  INVALID_PUSH_TYPE(400, "InvalidPushType"),
  MISSING_DEVICE_TOKEN(400, "MissingDeviceToken"),
  MISSING_TOPIC(400, "MissingTopic"),
  PAYLOAD_EMPTY(400, "PayloadEmpty"),
  TOPIC_DISALLOWED(400, "TopicDisallowed"),
  /**
   * Not in Apple's table: Apple documents no reason for a body that is not a JSON object. PushSim
   * answers 400 with this reason so that a provider sees a permanent, non-retryable failure.
   */
  BAD_PAYLOAD(400, "BadPayload"),

  BAD_CERTIFICATE(403, "BadCertificate"),
  BAD_CERTIFICATE_ENVIRONMENT(403, "BadCertificateEnvironment"),
  EXPIRED_PROVIDER_TOKEN(403, "ExpiredProviderToken"),
  FORBIDDEN(403, "Forbidden"),
  INVALID_PROVIDER_TOKEN(403, "InvalidProviderToken"),
  MISSING_PROVIDER_TOKEN(403, "MissingProviderToken"),
  UNRELATED_KEY_ID_IN_TOKEN(403, "UnrelatedKeyIdInToken"),
  /** Apple's documented spelling; APNs is observed to send {@link #BAD_ENVIRONMENT_KEY_IN_TOKEN}. */
  BAD_ENVIRONMENT_KEY_ID_IN_TOKEN(403, "BadEnvironmentKeyIdInToken"),
  /** What APNs sends on the wire for a key of the other environment (APNSwift pull request 229). */
  BAD_ENVIRONMENT_KEY_IN_TOKEN(403, "BadEnvironmentKeyInToken"),

  BAD_PATH(404, "BadPath"),
  METHOD_NOT_ALLOWED(405, "MethodNotAllowed"),

  /** 410 for a token with a lifetime (a Live Activity's) that has passed; carries a timestamp. */
  EXPIRED_TOKEN(410, "ExpiredToken"),
  /** 410 for a token that is no longer valid for the topic; carries a timestamp. */
  UNREGISTERED(410, "Unregistered"),

  PAYLOAD_TOO_LARGE(413, "PayloadTooLarge"),

  TOO_MANY_PROVIDER_TOKEN_UPDATES(429, "TooManyProviderTokenUpdates"),
  TOO_MANY_REQUESTS(429, "TooManyRequests"),

  INTERNAL_SERVER_ERROR(500, "InternalServerError"),

  SERVICE_UNAVAILABLE(503, "ServiceUnavailable"),
  SHUTDOWN(503, "Shutdown");

  private static final Map<String, Reason> BY_WIRE_STRING =
      Arrays.stream(values())
          .filter(reason -> reason.wireString != null)
          .collect(Collectors.toUnmodifiableMap(Reason::wireString, Function.identity()));

  private final int status;
  private final String wireString;

  Reason(int status, String wireString) {
    this.status = status;
    this.wireString = wireString;
  }

  /** The HTTP status code APNs answers with. */
  public int status() {
    return status;
  }

  /** The {@code reason} string as Apple spells it; null for success. */
  public String wireString() {
    return wireString;
  }

  /** True for 410 answers, whose body carries the last time the token was valid. */
  public boolean carriesTimestamp() {
    return status == 410;
  }

  /** The reason Apple spells {@code wireString}, e.g. {@code "BadDeviceToken"}. */
  public static Optional<Reason> fromWireString(String wireString) {
    return Optional.ofNullable(BY_WIRE_STRING.get(wireString));
  }

  @Override
  public String toString() {
    return wireString == null ? "200 Success" : status + " " + wireString;
  }
}
