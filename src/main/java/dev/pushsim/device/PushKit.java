package dev.pushsim.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pushsim.clock.SimClock;
import dev.pushsim.journal.EventDraft;
import dev.pushsim.push.AcceptedPush;
import java.time.Duration;
import java.util.Optional;

/**
 * PushKit's rules for VoIP pushes on iOS 13 and later: launch the app if needed, run its
 * delegate, and terminate it when it does not report a call to CallKit — at the moment the
 * delegate returns (check 1) or at the report deadline (check 2), unless the push is exempt
 * ({@link ReportExemption}: foreground, active call). Each miss is a strike; at the
 * strike limit the device stops delivering VoIP pushes to the app until it is reinstalled, while
 * APNs keeps answering 200. Called with the device lock held.
 */
final class PushKit {

  private final Device device;

  PushKit(Device device) {
    this.device = device;
  }

  /** {@code waited}: how long APNs held the push for an offline device, for iOS 26.4's staleness. */
  void deliver(InstalledApp app, AcceptedPush push, Duration waited) {
    DeviceRules rules = device.context().rules();
    boolean forceQuit = app.state() == ProcessState.KILLED_BY_USER;
    if (forceQuit && rules.forceQuitVoip() == ForceQuitVoip.WITHHOLD) {
      device.drop(push, app, "the user killed the app: iOS delivers it nothing, VoIP included,"
          + " until the user launches it (forceQuitVoip: withhold)");
      return;
    }
    if (app.voipThrottled()) {
      device.drop(push, app, "VoIP pushes to this app are throttled after " + app.strikes() + " missed CallKit reports, until it is reinstalled");
      return;
    }
    // iOS 26.4 calls the metadata delegate when the app implements it; earlier versions ignore it.
    boolean metadataDelegate = app.spec().behaviour().adoptsMetadataDelegate()
        && IosVersion.atLeast(device.iosVersion(), IosVersion.METADATA_DELEGATE);
    boolean stale = metadataDelegate && waited.compareTo(rules.staleAfter()) > 0;
    ReportExemption exemption = ReportExemption.of(device, app, stale); // judged before a launch changes the state
    boolean launched = !app.state().running();
    if (launched) {
      app.moveTo(ProcessState.BACKGROUND);
      device.record(EventDraft.of(DeviceEvents.LAUNCHED).apnsId(push.apnsId()).with("app", app.bundleId())
          .with("by", "VoIP push").with("state", "background").with("afterForceQuit", forceQuit ? true : null));
    }
    Delegate delegate = new Delegate(app, push, app.generation(), exemption, metadataDelegate);
    if (exemption.exempt()) {
      device.record(EventDraft.of(DeviceEvents.EXEMPT).apnsId(push.apnsId()).with("app", app.bundleId())
          .with("exemption", exemption.name()).with("detail", exemption.detail() + ": no CallKit report is required"));
    }
    Optional<Duration> setAfter = app.spec().behaviour().delegateSetAfterLaunch();
    if (!launched && setAfter.isPresent()) {
      setAfter = Optional.of(Duration.ZERO); // a running app set its late delegate at its launch
    }
    if (setAfter.isPresent() && setAfter.get().isZero()) {
      run(delegate, launched);
      return;
    }
    // PushKit holds the push until the app sets a delegate; callservicesd's deadline runs from delivery.
    device.record(EventDraft.of(DeviceEvents.DELEGATE_MISSING).apnsId(push.apnsId()).with("app", app.bundleId())
        .with("detail", setAfter
            .map(late -> "the app sets its PushKit delegate " + late.toMillis() + " ms after launch")
            .orElse("the app set no PushKit delegate at launch")));
    if (!exemption.exempt()) {
      delegate.deadline = device.context().clock().schedule(rules.reportDeadline(), delegate::deadlinePassed);
    }
    setAfter.ifPresent(late -> delegate.after(late, () -> {
      if (delegate.alive()) {
        run(delegate, launched);
      }
    }));
  }

  /** The delegate receives the push and the app's behaviour decides what it does. */
  private void run(Delegate delegate, boolean launched) {
    InstalledApp app = delegate.app;
    AcceptedPush push = delegate.push;
    delegate.entered = true;
    VoipPushMetadata metadata = delegate.metadataDelegate ? new VoipPushMetadata(!delegate.exemption.exempt()) : null;
    device.record(EventDraft.of(DeviceEvents.DELEGATE_ENTERED).apnsId(push.apnsId()).with("app", app.bundleId())
        .with("delegate", metadata == null ? null : "didReceiveIncomingVoIPPushWith:metadata:")
        .with("mustReport", metadata == null ? null : metadata.mustReport()));
    ObjectNode payload = push.payload();
    VoipPush voipPush = new VoipPush(push.apnsId(), device.name(), app.bundleId(), payload,
        Payloads.suggestedCall(payload, push.apnsId()), launched, metadata);
    VoipReaction reaction;
    try {
      reaction = app.spec().behaviour().onVoipPush(voipPush);
    } catch (RuntimeException e) {
      reaction = VoipReaction.crash("the behaviour threw " + e);
    }
    VoipReaction decided = reaction == null ? VoipReaction.returnWithoutReport() : reaction;
    if (decided.after().isZero()) {
      delegate.act(decided); // done before any deadline: no check 2 to schedule (and cancel) per push
      return;
    }
    if (!delegate.exemption.exempt() && delegate.deadline == null) { // no check 2 for an exempt push
      delegate.deadline = device.context().clock().schedule(device.context().rules().reportDeadline(),
          delegate::deadlinePassed);
    }
    delegate.after(decided.after(), () -> delegate.act(decided));
  }

  /** One run of the app's PushKit delegate for one push. */
  private final class Delegate {
    final InstalledApp app;
    final AcceptedPush push;
    final long generation;
    final ReportExemption exemption;
    final boolean metadataDelegate;
    boolean entered;
    boolean reported;
    boolean over;
    SimClock.Cancellable deadline;

    Delegate(InstalledApp app, AcceptedPush push, long generation, ReportExemption exemption,
        boolean metadataDelegate) {
      this.app = app;
      this.push = push;
      this.generation = generation;
      this.exemption = exemption;
      this.metadataDelegate = metadataDelegate;
    }

    /** Runs {@code step} after {@code delay} of simulated time. */
    void after(Duration delay, Runnable step) {
      device.context().clock().schedule(delay, () -> device.locked(step));
    }

    /** False when the process this delegate ran in is gone. */
    boolean alive() {
      return !over && app.generation() == generation && app.state().running();
    }

    void act(VoipReaction reaction) {
      if (!alive()) {
        return;
      }
      if (reaction instanceof VoipReaction.Report report && report.via() == ReportApi.LIVE_COMMUNICATION_KIT
          && !metadataDelegate) {
        // Model choice: the classic delegate's rule names CallKit; only the 26.4 delegate names LiveCommunicationKit.
        device.record(EventDraft.of(DeviceEvents.REPORT_NOT_COUNTED).apnsId(push.apnsId()).with("app", app.bundleId())
            .with("detail", "a LiveCommunicationKit report counts only through the iOS 26.4 metadata delegate"));
        returned();
      } else if (reaction instanceof VoipReaction.Report report) {
        device.callKit().report(app, report.call(), push.apnsId(), report.via());
        reported = true;
        app.reported(device.context().rules().strikeDecay());
        if (deadline != null) {
          deadline.cancel(); // reported: check 2 has nothing left to judge
        }
        returned();
      } else if (reaction instanceof VoipReaction.ReturnWithoutReport) {
        returned();
      } else if (reaction instanceof VoipReaction.Crash crash) {
        over = true;
        String reason = "crashed in the PushKit delegate: " + crash.reason();
        if (exemption.exempt()) {
          device.terminate(app, push.apnsId(), reason, null); // a crash, but no report was owed: no strike
        } else {
          miss(reason, null);
        }
      }
    }

    /** Check 1: the moment the delegate returns, an unreported push terminates the app. */
    void returned() {
      device.record(EventDraft.of(DeviceEvents.DELEGATE_RETURNED).apnsId(push.apnsId()).with("app", app.bundleId())
          .with("reported", reported).with("exemption", exemption.exempt() ? exemption.name() : null));
      over = true;
      if (!reported && !exemption.exempt()) {
        miss(DeviceEvents.NEVER_POSTED_MESSAGE, "NSInternalInconsistencyException");
      }
    }

    /** Check 2: callservicesd kills an app that has not reported by the deadline. */
    void deadlinePassed() {
      device.locked(() -> {
        if (reported || app.generation() != generation || !app.state().running()) {
          return;
        }
        over = true;
        String why = "failed to post an incoming call in time (" + device.context().rules().reportDeadline().toMillis()
            + " ms)" + (entered ? "" : ": the app had set no PushKit delegate, so PushKit never handed it the push");
        miss(why, DeviceEvents.REPORT_DEADLINE_CODE);
      });
    }

    private void miss(String reason, String exception) {
      device.terminate(app, push.apnsId(), reason, exception);
      strike();
    }

    /** Each unreported VoIP push is a strike; at the limit iOS stops launching the app for VoIP pushes. */
    private void strike() {
      int limit = device.context().rules().strikeLimit();
      boolean throttledNow = app.strike(limit);
      device.record(EventDraft.of(DeviceEvents.STRIKE).apnsId(push.apnsId()).with("app", app.bundleId()).with("strikes", app.strikes()).with("limit", limit));
      if (throttledNow) {
        device.record(EventDraft.of(DeviceEvents.THROTTLED).apnsId(push.apnsId()).with("app", app.bundleId()).with("strikes", app.strikes())
            .with("detail", "the system stops launching the app for VoIP pushes until it is reinstalled; APNs keeps answering 200"));
      }
    }
  }
}
