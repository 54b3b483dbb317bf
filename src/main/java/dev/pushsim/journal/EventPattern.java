package dev.pushsim.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which journal events to find: every field set must match, the rest are wildcards. The one
 * query type behind the Java API, the admin REST API and the Cucumber steps.
 */
public final class EventPattern implements Predicate<JournalEvent> {

  private String type;
  private String typePrefix;
  private String apnsId;
  private String deviceToken;
  private String topic;
  private String device;
  private String app;
  private final Map<String, Object> data = new LinkedHashMap<>();

  private EventPattern() {}

  /** Matches every event. */
  public static EventPattern any() {
    return new EventPattern();
  }

  /** Matches events of exactly this type. */
  public static EventPattern type(String type) {
    return any().withType(type);
  }

  public EventPattern withType(String value) {
    this.type = value;
    return this;
  }

  /** Matches types that start with {@code prefix}, e.g. {@code "apns."}. */
  public EventPattern withTypePrefix(String prefix) {
    this.typePrefix = prefix;
    return this;
  }

  public EventPattern withApnsId(String value) {
    this.apnsId = value;
    return this;
  }

  public EventPattern withDeviceToken(String value) {
    this.deviceToken = value;
    return this;
  }

  public EventPattern withTopic(String value) {
    this.topic = value;
    return this;
  }

  public EventPattern withDevice(String value) {
    this.device = value;
    return this;
  }

  /**
   * Matches the events of one app: those naming it ({@code data.app}, device events) and those on
   * its topics (APNs requests): the bundle id, or the bundle id followed by a suffix such as
   * {@code .voip}. The journal knows no push types, so any dot-suffix counts.
   */
  public EventPattern withApp(String bundleId) {
    this.app = bundleId;
    return this;
  }

  /** Matches events whose {@code data[key]} equals {@code value} (compared as text). */
  public EventPattern with(String key, Object value) {
    data.put(key, value);
    return this;
  }

  @Override
  public boolean test(JournalEvent event) {
    return (type == null || type.equals(event.type()))
        && (typePrefix == null || event.type().startsWith(typePrefix))
        && (apnsId == null || apnsId.equalsIgnoreCase(Objects.toString(event.apnsId(), "")))
        && (deviceToken == null || deviceToken.equalsIgnoreCase(Objects.toString(event.deviceToken(), "")))
        && (topic == null || topic.equals(event.topic()))
        && (device == null || device.equals(event.device()))
        && (app == null || isOfApp(event))
        && data.entrySet().stream()
            .allMatch(entry -> Objects.equals(String.valueOf(entry.getValue()), String.valueOf(event.get(entry.getKey()))));
  }

  /**
   * How {@code event} differs from this pattern, one short phrase per field ("status was 410, not 200"):
   * the fewer, the nearer the miss. Empty when it matches.
   */
  List<String> mismatches(JournalEvent event) {
    List<String> misses = new ArrayList<>();
    if (type != null && !type.equals(event.type())) misses.add("type was " + event.type());
    if (typePrefix != null && !event.type().startsWith(typePrefix)) misses.add("type was " + event.type());
    if (apnsId != null && !apnsId.equalsIgnoreCase(Objects.toString(event.apnsId(), ""))) {
      misses.add("apns-id was " + event.apnsId());
    }
    if (deviceToken != null && !deviceToken.equalsIgnoreCase(Objects.toString(event.deviceToken(), ""))) {
      misses.add("token was " + event.deviceToken());
    }
    if (topic != null && !topic.equals(event.topic())) misses.add("topic was " + event.topic());
    if (device != null && !device.equals(event.device())) misses.add("device was " + event.device());
    if (app != null && !isOfApp(event)) misses.add("not of app " + app);
    data.forEach((key, value) -> {
      String actual = String.valueOf(event.get(key));
      if (!String.valueOf(value).equals(actual)) {
        misses.add(key + " was " + actual + ", not " + value);
      }
    });
    return misses;
  }

  private boolean isOfApp(JournalEvent event) {
    if (app.equals(event.get("app"))) {
      return true;
    }
    String eventTopic = event.topic();
    return eventTopic != null && eventTopic.startsWith(app)
        && (eventTopic.length() == app.length() || eventTopic.charAt(app.length()) == '.');
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("events");
    if (type != null) text.append(" of type ").append(type);
    if (typePrefix != null) text.append(" of type ").append(typePrefix).append('*');
    if (apnsId != null) text.append(" with apns-id ").append(apnsId);
    if (deviceToken != null) text.append(" for token ").append(deviceToken);
    if (topic != null) text.append(" on topic ").append(topic);
    if (device != null) text.append(" on device ").append(device);
    if (app != null) text.append(" of app ").append(app);
    data.forEach((key, value) -> text.append(" with ").append(key).append('=').append(value));
    return text.toString();
  }
}
