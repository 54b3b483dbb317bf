package dev.pushsim.journal;

/** A call CallKit showed on a phone (it rang), read from an {@link EventTypes#CALL_SHOWN} event. */
public record ShownCall(long sequence, String device, String app, String caller, String callUuid, String apnsId) {

  /** The typed view of {@code event}; an event of another type is refused by name. */
  public static ShownCall of(JournalEvent event) {
    if (!EventTypes.CALL_SHOWN.equals(event.type())) {
      throw new IllegalArgumentException("Event #" + event.sequence() + " is " + event.type()
          + ", not " + EventTypes.CALL_SHOWN);
    }
    return new ShownCall(event.sequence(), event.device(), (String) event.get("app"), (String) event.get("caller"),
        (String) event.get("callUuid"), event.apnsId());
  }
}
