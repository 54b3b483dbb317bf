package dev.pushsim.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened in the simulator: an APNs exchange, a delivery, a crash. Events are
 * immutable; the journal gives each a sequence number in the order they were recorded.
 *
 * @param sequence position in the journal, from 1, without gaps
 * @param type what happened, e.g. {@code apns.request}
 * @param time simulated time (the {@code SimClock})
 * @param wallTime the host's real time when it was recorded
 * @param apnsId the {@code apns-id} of the push this event belongs to, if any
 * @param deviceToken the device token the push addressed, if any
 * @param topic the APNs topic (bundle id plus suffix), if any
 * @param device the simulated device's name, if any
 * @param data everything else, in a fixed order, JSON-friendly values only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEvent(
    long sequence,
    String type,
    Instant time,
    Instant wallTime,
    String apnsId,
    String deviceToken,
    String topic,
    String device,
    Map<String, Object> data) {

  /** The value of {@code key} in {@link #data()}, or null. */
  public Object get(String key) {
    return data.get(key);
  }

  /** One line for logs and failure messages. */
  public String summary() {
    StringBuilder line = new StringBuilder();
    line.append('#').append(sequence).append(' ').append(time).append(' ').append(type);
    if (apnsId != null) {
      line.append(" apns-id=").append(apnsId);
    }
    if (device != null) {
      line.append(" device=").append(device);
    }
    if (topic != null) {
      line.append(" topic=").append(topic);
    }
    data.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    return line.toString();
  }

  @Override
  public String toString() {
    return summary();
  }
}
