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
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS announced to clients (Apple: 1000
 *     once a connection is up)
 */
public record ApnsSettings(
    int maxPayloadBytes,
    int maxVoipPayloadBytes,
    int maxCollapseIdBytes,
    int tokenRateLimit,
    Duration tokenRateWindow,
    Duration idleTimeout,
    long maxConcurrentStreams) {

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
  }

  /** Apple's limits; 100 pushes per token per 10 s; idle connections closed after an hour. */
  public static ApnsSettings defaults() {
    return new ApnsSettings(
        APPLE_MAX_PAYLOAD_BYTES,
        APPLE_MAX_VOIP_PAYLOAD_BYTES,
        APPLE_MAX_COLLAPSE_ID_BYTES,
        100,
        Duration.ofSeconds(10),
        Duration.ofHours(1),
        1000);
  }

  public ApnsSettings withTokenRateLimit(int limit, Duration window) {
    return new ApnsSettings(maxPayloadBytes, maxVoipPayloadBytes, maxCollapseIdBytes, limit, window, idleTimeout, maxConcurrentStreams);
  }

  public ApnsSettings withIdleTimeout(Duration timeout) {
    return new ApnsSettings(maxPayloadBytes, maxVoipPayloadBytes, maxCollapseIdBytes, tokenRateLimit, tokenRateWindow, timeout, maxConcurrentStreams);
  }

  public ApnsSettings withMaxConcurrentStreams(long streams) {
    return new ApnsSettings(maxPayloadBytes, maxVoipPayloadBytes, maxCollapseIdBytes, tokenRateLimit, tokenRateWindow, idleTimeout, streams);
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
