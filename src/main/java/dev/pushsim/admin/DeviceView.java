package dev.pushsim.admin;

import dev.pushsim.device.Call;
import dev.pushsim.device.Capabilities;
import dev.pushsim.device.Device;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.device.ShownNotification;
import dev.pushsim.push.DeviceToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulated iPhone as the admin API shows it: everything the dashboard draws on the phone (the
 * ringing call, the banners, each app's state, strikes and last crash).
 */
record DeviceView(
    String name,
    String ios,
    boolean online,
    boolean doNotDisturb,
    Set<String> blockedHandles,
    List<AppView> apps,
    CallView ringingCall,
    List<CallView> calls,
    List<NotificationView> notifications,
    Map<String, String> storedNotifications) {

  /** Calls and banners shown per device: the latest ones, as a lock screen would. */
  static final int RECENT = 10;

  static DeviceView of(Device device) {
    List<Call> calls = device.callKit().calls();
    List<ShownNotification> notifications = device.notifications();
    return new DeviceView(
        device.name(),
        device.iosVersion(),
        device.online(),
        device.doNotDisturb(),
        device.blockedHandles(),
        device.apps().stream().map(AppView::of).toList(),
        device.callKit().ringingCall().map(CallView::of).orElse(null),
        latest(calls).stream().map(CallView::of).toList(),
        latest(notifications).stream().map(NotificationView::of).toList(),
        device.storedNotifications());
  }

  private static <T> List<T> latest(List<T> all) {
    return all.subList(Math.max(0, all.size() - RECENT), all.size());
  }

  /** An installed app: tokens, process state, PushKit's strikes, and why the system last killed it. */
  record AppView(
      String device,
      String bundleId,
      String environment,
      Capabilities capabilities,
      String behaviour,
      String apnsToken,
      String voipToken,
      String state,
      int strikes,
      boolean voipThrottled,
      String lastTermination,
      String lastTerminationException) {

    static AppView of(InstalledApp app) {
      return new AppView(
          app.device().name(),
          app.bundleId(),
          app.spec().environment().apsEnvironment(),
          app.spec().capabilities(),
          app.spec().behaviour().toString(),
          hex(app.apnsToken()),
          hex(app.voipToken()),
          app.state().name(),
          app.strikes(),
          app.voipThrottled(),
          app.lastTermination(),
          app.lastTerminationException());
    }

    private static String hex(DeviceToken token) {
      return token == null ? null : token.hex();
    }
  }

  /** A call CallKit shows or showed. */
  record CallView(String uuid, String caller, String handle, String app, String apnsId, String state, Instant reportedAt) {
    static CallView of(Call call) {
      return new CallView(call.update().callUuid().toString(), call.displayName(), call.update().handle(), call.bundleId(),
          call.apnsId(), call.state().name(), call.reportedAt());
    }
  }

  /** A banner the system showed for an alert push. */
  record NotificationView(String app, String apnsId, String title, String body, Instant shownAt, boolean silenced) {
    static NotificationView of(ShownNotification shown) {
      return new NotificationView(shown.bundleId(), shown.apnsId(), shown.title(), shown.body(), shown.shownAt(), shown.silenced());
    }
  }
}
