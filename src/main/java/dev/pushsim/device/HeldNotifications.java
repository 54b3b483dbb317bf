package dev.pushsim.device;

import dev.pushsim.journal.EventDraft;
import dev.pushsim.push.AcceptedPush;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of APNs that holds notifications for one offline device: per slot ({@link OfflineStore}) the newest,
 * for {@code offlineCap} at most and never past its {@code apns-expiration}. Called with the device's lock held.
 */
final class HeldNotifications {

  /** What APNs gives the device when it reconnects: the push and how long it was held. */
  record Release(InstalledApp app, AcceptedPush push, Duration waited) {}

  /** A notification APNs holds, and since when: the offline cap counts from then. */
  private record Held(AcceptedPush push, Instant since) {}

  private final Device device;
  // Most of a world's devices never go offline: an empty map costs nothing until a push is held.
  private Map<String, Held> held = Map.of();

  HeldNotifications(Device device) {
    this.device = device;
  }

  /** The apns-ids held, per slot. */
  Map<String, String> apnsIds() {
    Map<String, String> ids = new LinkedHashMap<>();
    held.forEach((slot, one) -> ids.put(slot, one.push().apnsId()));
    return ids;
  }

  int size() {
    return held.size();
  }

  void clear() {
    held = Map.of();
  }

  /** Forgets what is held for an app being uninstalled. */
  void forgetApp(String bundleId) {
    if (!held.isEmpty()) { // Map.of() refuses even a remove that changes nothing
      held.values().removeIf(one -> one.push().token().bundleId().equals(bundleId));
    }
  }

  /** Holds {@code push} for the offline device, replacing what its slot held. */
  void hold(InstalledApp app, AcceptedPush push) {
    if (push.expiration() != null && push.expiration() == 0) {
      device.record(Device.eventFor(DeviceEvents.EXPIRED, push)
          .with("detail", "apns-expiration 0: APNs delivers now or never, and the device is offline"));
      return;
    }
    if (held.isEmpty()) {
      held = new LinkedHashMap<>();
    }
    DeviceContext context = device.context();
    boolean perApp = context.rules().offlineStore() == OfflineStore.ONE_PER_APP;
    String slot = perApp ? app.bundleId() : push.topic();
    Held previous = held.put(slot, new Held(push, context.clock().now()));
    if (previous != null) {
      device.record(Device.eventFor(DeviceEvents.REPLACED, previous.push()).with("by", push.apnsId()).with("detail",
          "APNs stores one notification per " + (perApp ? "app" : "topic") + " while the device is offline"));
    }
    device.record(Device.eventFor(DeviceEvents.STORED, push).with("expiration", push.expiration()).with("slot", slot));
  }

  /**
   * Empties the store as the device reconnects: what expired or lost its app is journaled here, the rest is
   * returned, oldest slot first, to be delivered.
   */
  List<Release> release() {
    List<Held> waiting = new ArrayList<>(held.values());
    held = Map.of();
    DeviceContext context = device.context();
    Duration cap = context.rules().offlineCap();
    List<Release> deliverable = new ArrayList<>(waiting.size());
    for (Held one : waiting) {
      AcceptedPush push = one.push();
      if (expired(push, context)) {
        device.record(Device.eventFor(DeviceEvents.EXPIRED, push)
            .with("detail", "apns-expiration " + push.expiration() + " passed while the device was offline"));
      } else if (context.clock().now().isAfter(one.since().plus(cap))) {
        device.record(Device.eventFor(DeviceEvents.EXPIRED, push).with("detail", "APNs stores a notification for "
            + cap.toDays() + " days at most (offlineCap), and the device was offline longer"));
      } else {
        context.apps().find(push.token().hex()).ifPresentOrElse(
            app -> deliverable.add(new Release(app, push, Duration.between(one.since(), context.clock().now()))),
            () -> device.record(Device.eventFor(DeviceEvents.DROPPED, push)
                .with("reason", "the app was uninstalled while the device was offline")));
      }
    }
    return deliverable;
  }

  private static boolean expired(AcceptedPush push, DeviceContext context) {
    return push.expiration() != null && push.expiration() != 0 && push.expiration() * 1000 < context.clock().millis();
  }
}
