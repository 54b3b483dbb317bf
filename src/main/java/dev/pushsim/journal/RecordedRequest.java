package dev.pushsim.journal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the fake APNs received and answered, read from an {@link EventTypes#APNS_REQUEST} event.
 *
 * @param status the HTTP status, or null when an injected fault dropped the connection instead
 * @param reason APNs' reason ({@code BadDeviceToken}), or null on 200
 * @param headers the request headers as received, the JWT redacted
 */
public record RecordedRequest(
    long sequence, String apnsId, String deviceToken, String topic, String pushType,
    Integer status, String reason, String detail, Map<String, String> headers, String payload) {

  /** The typed view of {@code event}; an event of another type is refused by name. */
  public static RecordedRequest of(JournalEvent event) {
    if (!EventTypes.APNS_REQUEST.equals(event.type())) {
      throw new IllegalArgumentException("Event #" + event.sequence() + " is " + event.type()
          + ", not " + EventTypes.APNS_REQUEST);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (event.get("headers") instanceof Map<?, ?> map) {
      map.forEach((name, value) -> headers.put(String.valueOf(name), String.valueOf(value)));
    }
    Object status = event.get("status");
    return new RecordedRequest(event.sequence(), event.apnsId(), event.deviceToken(), event.topic(),
        text(event.get("pushType")), status instanceof Number n ? n.intValue() : null,
        text(event.get("reason")), text(event.get("detail")), Map.copyOf(headers), text(event.get("payload")));
  }

  /** The value of header {@code name} (lower case, as HTTP/2 sends it), or null. */
  public String header(String name) {
    return headers.get(name);
  }

  public boolean accepted() {
    return status != null && status == 200;
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
