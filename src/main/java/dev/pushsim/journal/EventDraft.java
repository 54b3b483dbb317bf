package dev.pushsim.journal;


/** An event being described, before the journal stamps it with a sequence number and times. */
public final class EventDraft {

  final String type;
  String apnsId;
  String deviceToken;
  String topic;
  String device;
  final FieldMap data;

  private EventDraft(String type, int expectedFields) {
    this.type = type;
    this.data = new FieldMap(expectedFields);
  }

  /** Starts an event of {@code type}, e.g. {@code apns.request}. */
  public static EventDraft of(String type) {
    return new EventDraft(type, 8);
  }

  /** Starts an event that will have about {@code expectedFields} details: no regrowing on a hot path. */
  public static EventDraft of(String type, int expectedFields) {
    return new EventDraft(type, expectedFields);
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
