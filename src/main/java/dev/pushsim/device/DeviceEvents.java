package dev.pushsim.device;

/** The journal event types of the device model: each step of a push's timeline on the phone. */
public final class DeviceEvents {

  public static final String STORED = "device.stored";
  public static final String REPLACED = "device.replaced";
  public static final String EXPIRED = "device.expired";
  public static final String DELIVERED = "device.delivered";
  public static final String DROPPED = "device.dropped";
  public static final String ONLINE = "device.online";
  public static final String OFFLINE = "device.offline";
  public static final String RESTARTED = "device.restarted";
  /** A device was added to the world. */
  public static final String ADDED = "device.added";
  /** The device went back to a fresh state ({@link Device#reset()}). */
  public static final String RESET = "device.reset";
  /** A push handed to the device directly, bypassing APNs ({@link Device#push}, like simctl push). */
  public static final String PUSHED = "device.pushed";

  public static final String INSTALLED = "app.installed";
  public static final String UNINSTALLED = "app.uninstalled";
  public static final String LAUNCHED = "app.launched";
  public static final String WOKEN = "app.woken";
  public static final String KILLED_BY_USER = "app.killed";
  public static final String TERMINATED = "app.terminated";
  public static final String NOTIFICATION_SHOWN = "notification.shown";

  public static final String DELEGATE_ENTERED = "pushkit.delegate.entered";
  public static final String DELEGATE_RETURNED = "pushkit.delegate.returned";
  /** The app has set no PushKit delegate (yet): the push waits for one, and check 2 still runs. */
  public static final String DELEGATE_MISSING = "pushkit.delegate.missing";
  /** The push needs no CallKit report (field {@code exemption}): no check 1, no check 2, no strike. */
  public static final String EXEMPT = "pushkit.exempt";
  /** A report PushKit does not count: LiveCommunicationKit under the classic delegate. */
  public static final String REPORT_NOT_COUNTED = "pushkit.report.notCounted";
  public static final String STRIKE = "pushkit.strike";
  public static final String THROTTLED = "pushkit.throttled";

  public static final String REPORTED = "callkit.reported";
  public static final String CALL_SHOWN = "callkit.call.shown";
  public static final String CALL_ANSWERED = "callkit.call.answered";
  public static final String CALL_DECLINED = "callkit.call.declined";
  public static final String CALL_UNANSWERED = "callkit.call.unanswered";

  /** Check 1's message (iOS 13 and later), verbatim. */
  public static final String NEVER_POSTED_MESSAGE =
      "Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push.";
  /** Check 2's exception code: "failed to post an incoming call in time". */
  public static final String REPORT_DEADLINE_CODE = "0xbaadca11";

  private DeviceEvents() {}
}
