package dev.pushsim.device;

import dev.pushsim.journal.EventDraft;
import dev.pushsim.push.AcceptedPush;
import dev.pushsim.push.Channel;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.PushType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A simulated iPhone: online or offline, Do Not Disturb, blocked callers, installed apps, and the
 * part of APNs that holds notifications for it while it is offline. Thread-safe: every change
 * takes the device's own lock, so pushes to different phones, arriving on different network
 * threads, and the clock's deadlines do not wait for each other. Nothing holding one device's
 * lock takes another's.
 */
public final class Device {

  private final String name;
  private final String iosVersion;
  private final DeviceContext context;
  // A world may hold 100,000 devices: a few apps go in a list, and what most devices never use
  // (stored notifications, blocked callers) costs nothing until it is used.
  private final List<InstalledApp> apps = new ArrayList<>(2);
  /** How many times each app was installed here: a reinstall is a new installation, with new tokens. */
  private final Map<String, Integer> installs = new HashMap<>(2);
  private final HeldNotifications held = new HeldNotifications(this);
  private final NotificationCenter notificationCenter = new NotificationCenter(this);
  private final BackgroundPushes backgroundPushes = new BackgroundPushes(this);
  private final BlockedCallers blocked = new BlockedCallers();
  private final CallKit callKit = new CallKit(this);
  private final PushKit pushKit = new PushKit(this);
  private volatile boolean online = true;
  private volatile boolean doNotDisturb;
  private final FocusFilter focus = new FocusFilter();
  private volatile String storefront = "US";
  private final Object lock = new Object();

  public Device(String name, String iosVersion, DeviceContext context) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A device needs a name.");
    }
    this.name = name;
    this.iosVersion = iosVersion;
    this.context = context;
  }

  public String name() {
    return name;
  }

  public String iosVersion() {
    return iosVersion;
  }

  public boolean online() {
    return online;
  }

  public boolean doNotDisturb() {
    return doNotDisturb;
  }

  public Set<String> blockedHandles() {
    return blocked.handles();
  }

  public CallKit callKit() {
    return callKit;
  }

  /** The app with {@code bundleId}, if installed. */
  public Optional<InstalledApp> app(String bundleId) {
    synchronized (lock()) {
      return Optional.ofNullable(find(bundleId));
    }
  }

  public Collection<InstalledApp> apps() {
    synchronized (lock()) {
      return List.copyOf(apps);
    }
  }

  /** Notifications the system showed, oldest first (a collapse id replaces its predecessor). */
  public List<ShownNotification> notifications() {
    synchronized (lock()) {
      return notificationCenter.list();
    }
  }

  /** The apns-ids APNs holds for this device while it is offline, per slot (app or topic). */
  public Map<String, String> storedNotifications() {
    synchronized (lock()) {
      return held.apnsIds();
    }
  }

  // ---- the user and the world act on the device ----

  /**
   * Installs {@code spec}: the app registers for remote notifications (an APNs token when it has
   * the Push Notifications capability) and, with the Voice over IP background mode, for PushKit
   * VoIP pushes (a VoIP token). Both tokens are bound to the environment of its signing.
   */
  public InstalledApp install(AppSpec spec) {
    synchronized (lock()) {
      if (find(spec.bundleId()) != null) {
        throw new IllegalStateException(spec.bundleId() + " is already installed on " + name + "; uninstall or reinstall it.");
      }
      int installs = this.installs.merge(spec.bundleId(), 1, Integer::sum);
      InstalledApp app = InstalledApp.register(this, spec, context.tokens(), installation(name, spec.bundleId(), installs));
      DeviceToken apnsToken = app.apnsToken();
      DeviceToken voipToken = app.voipToken();
      apps.add(app);
      record(EventDraft.of(DeviceEvents.INSTALLED)
          .with("app", spec.bundleId())
          .with("environment", spec.environment().apsEnvironment())
          .with("apnsToken", apnsToken == null ? null : apnsToken.hex())
          .with("voipToken", voipToken == null ? null : voipToken.hex())
          .with("behaviour", spec.behaviour().toString()));
      return app;
    }
  }

  /**
   * The name of the {@code count}-th installation of {@code bundleId} on the device named
   * {@code deviceName}: what its tokens are derived from, and what a world file pins them to.
   */
  public static String installation(String deviceName, String bundleId, int count) {
    return deviceName + '/' + bundleId + '#' + count;
  }

  /** Removes the app: its tokens answer 410 Unregistered from now on. */
  public void uninstall(String bundleId) {
    synchronized (lock()) {
      InstalledApp app = installed(bundleId);
      apps.remove(app);
      held.forgetApp(bundleId);
      callKit.endAll(bundleId);
      for (DeviceToken token : new DeviceToken[] {app.apnsToken(), app.voipToken()}) {
        if (token != null) {
          context.tokens().unregister(token.hex());
        }
      }
      record(EventDraft.of(DeviceEvents.UNINSTALLED).with("app", bundleId));
    }
  }

  /** Uninstalls and installs the same build: new tokens, no strikes, VoIP delivery restored. */
  public InstalledApp reinstall(String bundleId) {
    synchronized (lock()) {
      AppSpec spec = installed(bundleId).spec();
      uninstall(bundleId);
      return install(spec);
    }
  }

  /** The user opens the app: it comes to the foreground; a user-killed app receives pushes again. */
  public void launch(String bundleId) {
    synchronized (lock()) {
      InstalledApp app = installed(bundleId);
      app.moveTo(ProcessState.FOREGROUND);
      record(EventDraft.of(DeviceEvents.LAUNCHED).with("app", bundleId).with("by", "user").with("state", "foreground"));
    }
  }

  /** The user swipes the app away in the app switcher. */
  public void kill(String bundleId) {
    synchronized (lock()) {
      InstalledApp app = installed(bundleId);
      app.moveTo(ProcessState.KILLED_BY_USER);
      callKit.endAll(bundleId);
      record(EventDraft.of(DeviceEvents.KILLED_BY_USER).with("app", bundleId));
    }
  }

  /** The device loses its connection to APNs: notifications are stored from now on. */
  public void goOffline() {
    synchronized (lock()) {
      online = false;
      record(EventDraft.of(DeviceEvents.OFFLINE));
    }
  }

  /** The device reconnects: APNs forwards what it stored and has not expired. */
  public void goOnline() {
    synchronized (lock()) {
      online = true;
      record(EventDraft.of(DeviceEvents.ONLINE).with("stored", held.size()));
      for (HeldNotifications.Release release : held.release()) {
        deliverNow(release.app(), release.push(), release.waited());
      }
    }
  }

  public void setDoNotDisturb(boolean on) {
    doNotDisturb = on;
  }

  /**
   * The App Store storefront (region) the app was installed from, e.g. {@code CN}: CallKit is not
   * available to apps on the China storefront (App Review Guideline 5.0, MIIT).
   */
  public void setStorefront(String countryCode) {
    storefront = countryCode.trim().toUpperCase(Locale.ROOT);
  }

  public String storefront() {
    return storefront;
  }

  /** True on the China storefront, where a CallKit report fails with {@code unentitled}. */
  boolean callKitUnavailable() {
    return storefront.equals("CN");
  }

  /** Do Not Disturb lets calls from {@code caller} (a handle or a display name) ring: Favorites, allowed people. */
  public void allowInDoNotDisturb(String caller) {
    synchronized (lock()) {
      focus.allow(caller);
    }
  }

  /** Focus's Repeated Calls setting, on by default. */
  public void setRepeatedCalls(boolean on) {
    synchronized (lock()) {
      focus.repeatedCalls(on);
    }
  }

  /** Whether Do Not Disturb silences this call now; called with the lock held. */
  boolean silencedByDoNotDisturb(CallUpdate update) {
    return doNotDisturb && focus.silences(update, context.clock().now());
  }

  public void block(String handle) {
    blocked.set(handle, true);
  }

  public void unblock(String handle) {
    blocked.set(handle, false);
  }

  /** Restarts the phone: every app stops, calls end; a restart also lifts a user's kill. */
  public void restart() {
    synchronized (lock()) {
      callKit.endAll(null);
      for (InstalledApp app : apps) {
        app.moveTo(ProcessState.NOT_RUNNING);
      }
      record(EventDraft.of(DeviceEvents.RESTARTED));
    }
  }

  /**
   * Back to a fresh state, for the next test run against a long-running simulator: online, no Do
   * Not Disturb, no blocked callers, no calls, notifications or stored pushes; every app not
   * running, without strikes or throttling. Apps and their tokens stay, so providers keep working.
   */
  public void reset() {
    synchronized (lock()) {
      online = true;
      doNotDisturb = false;
      focus.clear();
      blocked.clear();
      held.clear();
      notificationCenter.clear();
      callKit.clear();
      apps.forEach(InstalledApp::reset);
      record(EventDraft.of(DeviceEvents.RESET));
    }
  }

  // ---- APNs delivers ----

  /**
   * Hands {@code json} to the app as a push of {@code type}, bypassing APNs as {@code xcrun simctl
   * push} does for Apple's Simulator: no provider, no authentication, but the phone's rules apply
   * as to any push (offline storage, PushKit's checks). Returns the push's new apns-id.
   *
   * @throws IllegalArgumentException when {@code json} is not a JSON object
   * @throws IllegalStateException when the app is not installed or has no token for the type
   */
  public String push(String bundleId, PushType type, byte[] json) {
    Payloads.requireObject(json);
    synchronized (lock()) {
      InstalledApp app = installed(bundleId);
      AcceptedPush push = DirectPush.to(app, name, type, json);
      record(eventFor(DeviceEvents.PUSHED, push).with("app", bundleId).with("pushType", type.headerValue()));
      receive(app, push);
      return push.apnsId();
    }
  }

  /** APNs hands over an accepted push for {@code app}: stored when offline, else delivered. */
  public void receive(InstalledApp app, AcceptedPush push) {
    synchronized (lock()) {
      if (online) {
        deliverNow(app, push, Duration.ZERO);
      } else {
        held.hold(app, push);
      }
    }
  }

  /** {@code waited}: how long APNs held the push for the offline device (zero when it was online). */
  private void deliverNow(InstalledApp app, AcceptedPush push, Duration waited) {
    record(eventFor(DeviceEvents.DELIVERED, push).with("app", app.bundleId()).with("appState", app.state().name()));
    if (push.pushType().channel() == Channel.VOIP) {
      pushKit.deliver(app, push, waited);
    } else if (push.pushType() == PushType.ALERT) {
      showAlert(app, push);
    } else if (push.pushType() == PushType.BACKGROUND) {
      backgroundPushes.wake(app, push);
    }
  }

  private void showAlert(InstalledApp app, AcceptedPush push) {
    if (app.state() == ProcessState.KILLED_BY_USER && !context.rules().alertsForUserKilledApps()) {
      drop(push, app, "the user killed the app");
      return;
    }
    notificationCenter.show(app, push, doNotDisturb);
  }

  // ---- shared with PushKit and CallKit ----

  void drop(AcceptedPush push, InstalledApp app, String reason) {
    record(eventFor(DeviceEvents.DROPPED, push).with("app", app.bundleId()).with("reason", reason));
  }

  void terminate(InstalledApp app, String apnsId, String reason, String exception) {
    app.terminated(reason, exception);
    callKit.endAll(app.bundleId());
    record(EventDraft.of(DeviceEvents.TERMINATED).apnsId(apnsId).with("app", app.bundleId()).with("reason", reason).with("exception", exception));
  }

  public void record(EventDraft draft) {
    context.journal().record(draft.device(name));
  }

  void locked(Runnable action) {
    synchronized (lock()) {
      action.run();
    }
  }

  Object lock() {
    return lock;
  }

  DeviceContext context() {
    return context;
  }

  static EventDraft eventFor(String type, AcceptedPush push) {
    return EventDraft.of(type).apnsId(push.apnsId()).deviceToken(push.token().hex()).topic(push.topic());
  }

  private InstalledApp installed(String bundleId) {
    InstalledApp app = find(bundleId);
    if (app == null) {
      throw new IllegalStateException(bundleId + " is not installed on " + name + "; installed: " + bundleIds());
    }
    return app;
  }

  private InstalledApp find(String bundleId) {
    for (InstalledApp app : apps) {
      if (app.bundleId().equals(bundleId)) {
        return app;
      }
    }
    return null;
  }

  private List<String> bundleIds() {
    return apps.stream().map(InstalledApp::bundleId).toList();
  }

  @Override
  public String toString() {
    return name + " (iOS " + iosVersion + (online ? "" : ", offline") + (doNotDisturb ? ", Do Not Disturb" : "") + ", apps " + bundleIds() + ")";
  }
}
