package dev.pushsim.device;

import dev.pushsim.push.AcceptedPush;
import java.util.ArrayList;
import java.util.List;

/**
 * The alerts one device showed, oldest first, in a bounded history ({@code historyKept}) as Notification Center
 * keeps one; a collapse id replaces its predecessor. Called with the device's lock held.
 */
final class NotificationCenter {

  private final Device device;
  private final List<ShownNotification> shown = new ArrayList<>();

  NotificationCenter(Device device) {
    this.device = device;
  }

  List<ShownNotification> list() {
    return List.copyOf(shown);
  }

  void clear() {
    shown.clear();
  }

  /** Shows an alert push's text, if it has any; {@code silenced}: Do Not Disturb is on. */
  void show(InstalledApp app, AcceptedPush push, boolean silenced) {
    DeviceContext context = device.context();
    Payloads.AlertText text = Payloads.alertText(push.payload(), app.spec().localizations());
    if (text == null) {
      return; // an alert push with nothing to show: iOS shows nothing
    }
    if (push.collapseId() != null) {
      shown.removeIf(one -> one.bundleId().equals(app.bundleId()) && push.collapseId().equals(one.collapseId()));
    }
    int kept = context.rules().historyKept();
    if (kept > 0) {
      shown.add(new ShownNotification(app.bundleId(), push.apnsId(), push.collapseId(), text.title(), text.body(),
          context.clock().now(), silenced));
      if (shown.size() > kept) {
        shown.remove(0);
      }
    }
    device.record(Device.eventFor(DeviceEvents.NOTIFICATION_SHOWN, push).with("app", app.bundleId())
        .with("text", text.toString()).with("collapseId", push.collapseId()).with("silenced", silenced ? true : null));
  }
}
