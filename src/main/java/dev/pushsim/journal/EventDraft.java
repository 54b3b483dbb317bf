package dev.pushsim.journal;


/** An event being described, before the journal stamps it with a sequence number and times. */
public final class EventDraft {

  final String type;
  String apnsId;
  String deviceToken;
  String topic;
  String device;
  final FieldMap data = new FieldMap(8);

  private EventDraft(String type) {
    this.type = type;
  }

  /** Starts an event of {@code type}, e.g. {@code apns.request}. */
  public static EventDraft of(String type) {
    return new EventDraft(type);
  }

  public EventDraft apnsId(String value) {
    this.apnsId = value;
    return this;
  }

  public EventDraft deviceToken(String value) {
    this.deviceToken = value;
    return this;
  }

  public EventDraft topic(String value) {
    this.topic = value;
    return this;
  }

  public EventDraft device(String value) {
    this.device = value;
    return this;
  }

  /** Adds a detail; null values are left out so that the NDJSON stays compact. */
  public EventDraft with(String key, Object value) {
    if (value != null) {
      data.put(key, value);
    }
    return this;
  }
}
