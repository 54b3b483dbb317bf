package dev.pushsim.device;

import dev.pushsim.push.AcceptedPush;
import dev.pushsim.push.Channel;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.TokenHolder;
import dev.pushsim.push.TokenRegistry;

/**
 * An app installed on a simulated device: its tokens (the APNs one, and the PushKit VoIP one when
 * it has the VoIP background mode), its process state, and PushKit's memory of missed reports.
 * Reinstalling makes a new {@code InstalledApp}: new tokens, no strikes.
 */
public final class InstalledApp implements TokenHolder {

  private final Device device;
  private volatile AppSpec spec;
  /** Set once, at install, under the device lock: the tokens name the app as their holder. */
  private volatile DeviceToken apnsToken;
  private volatile DeviceToken voipToken;
  private volatile ProcessState state = ProcessState.NOT_RUNNING;
  private volatile int strikes;
  private volatile boolean voipThrottled;
  private volatile String lastTermination;
  private volatile String lastTerminationException;
  /** Bumped at every launch and termination, so that a deadline of a dead process does nothing. */
  private long generation;

  private InstalledApp(Device device, AppSpec spec) {
    this.device = device;
    this.spec = spec;
  }

  /**
   * The app registers for remote notifications (an APNs token when it has the Push Notifications
   * capability) and, with the Voice over IP background mode, for PushKit VoIP pushes (a VoIP
   * token). Both are bound to the environment of its signing.
   */
  static InstalledApp register(Device device, AppSpec spec, TokenRegistry tokens, String installation) {
    InstalledApp app = new InstalledApp(device, spec);
    Capabilities capabilities = spec.capabilities();
    if (capabilities.pushNotifications()) {
      app.apnsToken = tokens.issue(spec.bundleId(), Channel.APNS, spec.environment(), app, installation);
      if (capabilities.voipBackgroundMode()) {
        app.voipToken = tokens.issue(spec.bundleId(), Channel.VOIP, spec.environment(), app, installation);
      }
    }
    return app;
  }

  public Device device() {
    return device;
  }

  public String bundleId() {
    return spec.bundleId();
  }

  public AppSpec spec() {
    return spec;
  }

  /** The UserNotifications token, or null without the Push Notifications capability. */
  public DeviceToken apnsToken() {
    return apnsToken;
  }

  /** The PushKit VoIP token, or null without the Voice over IP background mode. */
  public DeviceToken voipToken() {
    return voipToken;
  }

  public ProcessState state() {
    return state;
  }

  /** VoIP pushes this app failed to report to CallKit. */
  public int strikes() {
    return strikes;
  }

  /** True once iOS stopped launching the app for VoIP pushes (until it is reinstalled). */
  public boolean voipThrottled() {
    return voipThrottled;
  }

  /** Why the system last terminated the app, or null. */
  public String lastTermination() {
    return lastTermination;
  }

  /** The exception of the last termination (e.g. {@code 0xbaadca11}), or null when there was none. */
  public String lastTerminationException() {
    return lastTerminationException;
  }

  /** Changes what the app does with VoIP pushes from now on. */
  public void setBehaviour(AppBehaviour behaviour) {
    synchronized (device.lock()) {
      this.spec = spec.withBehaviour(behaviour);
    }
  }

  /** APNs hands over an accepted push for one of this app's tokens. */
  @Override
  public void receive(AcceptedPush push) {
    device.receive(this, push);
  }

  long generation() {
    return generation;
  }

  void moveTo(ProcessState next) {
    if (next.running() != state.running() || !next.running()) {
      generation++;
    }
    state = next;
  }

  void terminated(String why, String exception) {
    lastTermination = why;
    lastTerminationException = exception;
    moveTo(ProcessState.TERMINATED_BY_SYSTEM);
  }

  /** Not running, no strikes, no throttling, no termination on record: as if just installed. */
  void reset() {
    moveTo(ProcessState.NOT_RUNNING);
    strikes = 0;
    voipThrottled = false;
    lastTermination = null;
    lastTerminationException = null;
  }

  /** A report reached CallKit: with {@link StrikeDecay#RESET_ON_REPORT} earlier misses are forgiven. */
  void reported(StrikeDecay decay) {
    if (decay == StrikeDecay.RESET_ON_REPORT && !voipThrottled) {
      strikes = 0;
    }
  }

  /** Counts a missed report; true when this strike reached the limit. */
  boolean strike(int limit) {
    strikes++;
    if (strikes >= limit && !voipThrottled) {
      voipThrottled = true;
      return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return spec.bundleId() + " on " + device.name() + " (" + state + ", strikes " + strikes + (voipThrottled ? ", VoIP throttled" : "") + ")";
  }
}
