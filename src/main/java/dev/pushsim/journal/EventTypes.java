package dev.pushsim.journal;

/**
 * The journal's event type names in one place, for queries from tests and steps. The recording packages keep
 * their own constants (the journal depends on none of them); {@code EventTypesTest} holds both lists equal.
 */
public final class EventTypes {

  /** An HTTP/2 request to the fake APNs and its answer: {@link RecordedRequest} reads it. */
  public static final String APNS_REQUEST = "apns.request";
  public static final String APNS_CONNECTION_OPENED = "apns.connection.opened";
  public static final String APNS_CONNECTION_CLOSED = "apns.connection.closed";
  public static final String APNS_CONNECTION_REJECTED = "apns.connection.rejected";
  public static final String APNS_STREAM_REJECTED = "apns.stream.rejected";
  public static final String APNS_ROUTE_FAILED = "apns.route.failed";

  public static final String DEVICE_ADDED = "device.added";
  public static final String DEVICE_REMOVED = "device.removed";
  public static final String DEVICE_PUSHED = "device.pushed";
  public static final String DEVICE_DELIVERED = "device.delivered";
  public static final String DEVICE_STORED = "device.stored";
  public static final String DEVICE_REPLACED = "device.replaced";
  public static final String DEVICE_EXPIRED = "device.expired";
  public static final String DEVICE_DROPPED = "device.dropped";

  public static final String APP_INSTALLED = "app.installed";
  public static final String APP_UNINSTALLED = "app.uninstalled";
  public static final String APP_KILLED = "app.killed";
  public static final String APP_TERMINATED = "app.terminated";

  public static final String CALLKIT_REPORTED = "callkit.reported";
  /** The phone rings: {@link ShownCall} reads it. */
  public static final String CALL_SHOWN = "callkit.call.shown";
  public static final String CALL_ANSWERED = "callkit.call.answered";
  public static final String CALL_DECLINED = "callkit.call.declined";
  public static final String CALL_UNANSWERED = "callkit.call.unanswered";

  public static final String NOTIFICATION_SHOWN = "notification.shown";
  public static final String WORLD_RESET = "world.reset";

  private EventTypes() {}
}
