package dev.pushsim.apns;

import dev.pushsim.push.PushType;
import java.time.Duration;

/**
 * The limits and model parameters of the fake APNs. Apple's documented numbers are the
 * defaults; where Apple publishes none, the default is a PushSim model choice, said so here.
 *
 * @param maxPayloadBytes Apple: 4096 bytes for every push type but VoIP
 * @param maxVoipPayloadBytes Apple: 5120 bytes for VoIP pushes
 * @param maxCollapseIdBytes Apple: 64 bytes
 * @param tokenRateLimit model choice: more than this many pushes to one device token within
 *     {@code tokenRateWindow} answer 429 TooManyRequests; 0 turns the limit off
 * @param tokenRateWindow the fixed window the rate limit counts in
 * @param idleTimeout model choice: a connection that carries no request for this long gets
 *     GOAWAY {"reason":"IdleTimeout"}; zero turns it off
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS once a connection is up: at once for
 *     certificate auth, after the first valid provider token for token auth (observed: 1000,
 *     pushy #878)
 * @param tokenAuthStartStreams SETTINGS_MAX_CONCURRENT_STREAMS a token-auth connection starts with,
 *     until its first valid provider token (Apple: one stream, "Sending notification requests")
 */
public record ApnsSettings(
    int maxPayloadBytes,
    int maxVoipPayloadBytes,
    int maxCollapseIdBytes,
    int tokenRateLimit,
    Duration tokenRateWindow,
    Duration idleTimeout,
    long maxConcurrentStreams,
    long tokenAuthStartStreams) {

  public static final int APPLE_MAX_PAYLOAD_BYTES = 4096;
  public static final int APPLE_MAX_VOIP_PAYLOAD_BYTES = 5120;
  public static final int APPLE_MAX_COLLAPSE_ID_BYTES = 64;

  public ApnsSettings {
    if (maxPayloadBytes < 1 || maxVoipPayloadBytes < 1 || maxCollapseIdBytes < 1) {
      throw new IllegalArgumentException("Payload and collapse-id limits must be positive.");
    }
    if (tokenRateLimit < 0) {
      throw new IllegalArgumentException("The per-token rate limit cannot be negative: " + tokenRateLimit);
    }
    if (tokenRateWindow.isNegative() || tokenRateWindow.isZero()) {
      throw new IllegalArgumentException("The rate window must be positive: " + tokenRateWindow);
    }
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("The idle timeout cannot be negative: " + idleTimeout);
    }
    if (maxConcurrentStreams < 1) {
      throw new IllegalArgumentException("A connection needs at least one stream, not " + maxConcurrentStreams);
    }
    if (tokenAuthStartStreams < 1) {
      throw new IllegalArgumentException(
          "A token-auth connection starts with at least one stream, not " + tokenAuthStartStreams);
    }
  }

  /**
   * Apple's limits; 100 pushes per token per 10 s; idle connections closed after an hour; token
   * connections start with 1 stream and get 1000 after the first valid token.
   */
  public static ApnsSettings defaults() {
    return new ApnsSettings(
        APPLE_MAX_PAYLOAD_BYTES,
        APPLE_MAX_VOIP_PAYLOAD_BYTES,
        APPLE_MAX_COLLAPSE_ID_BYTES,
        100,
        Duration.ofSeconds(10),
        Duration.ofHours(1),
        1000,
        1);
  }

  public ApnsSettings withTokenRateLimit(int limit, Duration window) {
    return new ApnsSettings(maxPayloadBytes, maxVoipPayloadBytes, maxCollapseIdBytes,
        limit, window, idleTimeout, maxConcurrentStreams, tokenAuthStartStreams);
  }

  public ApnsSettings withIdleTimeout(Duration timeout) {
    return new ApnsSettings(maxPayloadBytes, maxVoipPayloadBytes, maxCollapseIdBytes,
        tokenRateLimit, tokenRateWindow, timeout, maxConcurrentStreams, tokenAuthStartStreams);
  }

  public ApnsSettings withMaxConcurrentStreams(long streams) {
    return new ApnsSettings(maxPayloadBytes, maxVoipPayloadBytes, maxCollapseIdBytes,
        tokenRateLimit, tokenRateWindow, idleTimeout, streams, tokenAuthStartStreams);
  }

  /** Token-auth connections start with {@code streams} streams; 1000 or the stream limit after a valid token. */
  public ApnsSettings withTokenAuthStartStreams(long streams) {
    return new ApnsSettings(maxPayloadBytes, maxVoipPayloadBytes, maxCollapseIdBytes,
        tokenRateLimit, tokenRateWindow, idleTimeout, maxConcurrentStreams, streams);
  }

  /** The payload limit for {@code type}. */
  public int maxPayloadBytes(PushType type) {
    return type == PushType.VOIP ? maxVoipPayloadBytes : maxPayloadBytes;
  }

  /** How much of a body the server keeps: one byte over the largest limit proves "too large". */
  public int payloadCaptureLimit() {
    return Math.max(maxPayloadBytes, maxVoipPayloadBytes) + 1;
  }
}
