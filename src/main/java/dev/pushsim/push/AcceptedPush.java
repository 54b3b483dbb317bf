package dev.pushsim.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A notification APNs accepted (answered 200) and now carries towards the device.
 *
 * @param apnsId the id APNs answered with
 * @param token the device token it addresses, as registered
 * @param pushType the push type, from the header or inferred from the topic
 * @param topic the topic it was sent on
 * @param priority 10, 5 or 1
 * @param expiration {@code apns-expiration} in seconds since the epoch; 0 = now or never; null = absent
 * @param collapseId the {@code apns-collapse-id}, or null
 * @param json the payload as sent: UTF-8 JSON, already checked to be an object
 * @param environment the server that accepted it
 */
public record AcceptedPush(
    String apnsId,
    DeviceToken token,
    PushType pushType,
    String topic,
    int priority,
    Long expiration,
    String collapseId,
    byte[] json,
    Environment environment) {

  /**
   * Deepest nesting the phone parses: the same as APNs' payload check ({@code JsonObjects.MAX_DEPTH}),
   * so that every payload APNs accepts is one the phone can read.
   */
  public static final int MAX_DEPTH = 1000;

  /**
   * Jackson's own limits, loosened to APNs' check: no number is too long (a payload is at most
   * 5120 bytes anyway), and nesting stops where APNs' check stops. With Jackson's default of
   * 1000 digits, a payload APNs answered 200 would throw on the phone.
   */
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNumberLength(Integer.MAX_VALUE)
          .maxNestingDepth(MAX_DEPTH)
          .build())
      .build());

  /**
   * The payload as a JSON object, parsed on each call: the server only validates it (no tree on
   * the hot path), the device model reads it when a simulated phone holds the token.
   */
  public ObjectNode payload() {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("The payload was validated as a JSON object but does not parse", e);
    }
  }
}
