package dev.pushsim.device;

import dev.pushsim.journal.EventDraft;
import dev.pushsim.push.AcceptedPush;

/**
 * iOS's rule for background pushes ({@code content-available}): they wake an app at priority 5 only, launch it in
 * the background if it is not running, and do not launch an app the user killed. Called with the device's lock held.
 */
final class BackgroundPushes {

  private final Device device;

  BackgroundPushes(Device device) {
    this.device = device;
  }

  void wake(InstalledApp app, AcceptedPush push) {
    if (app.state() == ProcessState.KILLED_BY_USER && !device.context().rules().backgroundToUserKilledApps()) {
      device.drop(push, app, "background pushes do not launch an app the user killed");
      return;
    }
    if (push.priority() != 5) {
      device.drop(push, app, "background pushes wake the app only at priority 5");
      return;
    }
    if (!app.state().running()) {
      app.moveTo(ProcessState.BACKGROUND);
      device.record(EventDraft.of(DeviceEvents.LAUNCHED).apnsId(push.apnsId()).with("app", app.bundleId())
          .with("by", "background push").with("state", "background"));
    }
    device.record(Device.eventFor(DeviceEvents.WOKEN, push).with("app", app.bundleId()));
  }
}
