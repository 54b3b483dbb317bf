package dev.pushsim.device;

import dev.pushsim.journal.EventDraft;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The device's CallKit: takes reports of incoming calls, refuses them as iOS does
 * ({@link IncomingCallError}), shows the incoming-call screen, and ends calls when they are
 * answered, declined or left ringing. Called with the device lock held.
 */
public final class CallKit {

  private final Device device;
  /** Every active call and the latest ended ones ({@link DeviceRules#historyKept()}); none until the first report. */
  private Map<UUID, Call> calls = Map.of();

  CallKit(Device device) {
    this.device = device;
  }

  /**
   * {@code reportNewIncomingCall}: the result is empty on success. A refused report still counts
   * as reported for PushKit's checks.
   */
  Optional<IncomingCallError> report(InstalledApp app, CallUpdate update, String apnsId) {
    return report(app, update, apnsId, ReportApi.CALLKIT);
  }

  /** A report through {@code via}; a LiveCommunicationKit conversation rings on the same call screen. */
  Optional<IncomingCallError> report(InstalledApp app, CallUpdate update, String apnsId, ReportApi via) {
    Optional<IncomingCallError> error = refusal(app, update, via);
    device.record(EventDraft.of(DeviceEvents.REPORTED).apnsId(apnsId)
        .with("app", app.bundleId())
        .with("via", via == ReportApi.LIVE_COMMUNICATION_KIT ? "LiveCommunicationKit" : null)
        .with("callUuid", update.callUuid().toString())
        .with("caller", update.displayName())
        .with("handle", update.handle())
        .with("result", error.map(IncomingCallError::appleName).orElse("success"))
        .with("errorCode", error.map(IncomingCallError::code).orElse(null)));
    if (error.isEmpty()) {
      Call call = new Call(update, app.bundleId(), apnsId, device.context().clock().now());
      if (calls.isEmpty()) {
        calls = new LinkedHashMap<>();
      }
      calls.put(update.callUuid(), call);
      device.record(EventDraft.of(DeviceEvents.CALL_SHOWN).apnsId(apnsId)
          .with("app", app.bundleId())
          .with("caller", update.displayName())
          .with("callUuid", update.callUuid().toString()));
      device.context().clock().schedule(device.context().rules().ringTimeout(), () -> device.locked(() -> {
        if (call.state() == Call.State.RINGING) {
          end(call, Call.State.UNANSWERED, DeviceEvents.CALL_UNANSWERED);
        }
      }));
    }
    return error;
  }

  /** The checks CallKit makes on a report, in the order of {@code CXErrorCodeIncomingCallError}. */
  private Optional<IncomingCallError> refusal(InstalledApp app, CallUpdate update, ReportApi via) {
    if (!app.spec().capabilities().callKit()) {
      return Optional.of(IncomingCallError.UNENTITLED);
    }
    if (via == ReportApi.CALLKIT && device.callKitUnavailable()) {
      // Model choice: CallKit is off on the China storefront (App Review, MIIT); LiveCommunicationKit is not.
      return Optional.of(IncomingCallError.UNENTITLED);
    }
    Call existing = calls.get(update.callUuid());
    if (existing != null && existing.active()) {
      return Optional.of(IncomingCallError.CALL_UUID_ALREADY_EXISTS);
    }
    if (device.silencedByDoNotDisturb(update)) {
      return Optional.of(IncomingCallError.FILTERED_BY_DO_NOT_DISTURB);
    }
    if (update.handle() != null && device.blockedHandles().contains(update.handle())) {
      return Optional.of(IncomingCallError.FILTERED_BY_BLOCK_LIST);
    }
    return Optional.empty();
  }

  /** The user answers the ringing call. */
  public void answer(UUID callUuid) {
    device.locked(() -> end(ringing(callUuid), Call.State.ANSWERED, DeviceEvents.CALL_ANSWERED));
  }

  /** The user declines the ringing call. */
  public void decline(UUID callUuid) {
    device.locked(() -> end(ringing(callUuid), Call.State.DECLINED, DeviceEvents.CALL_DECLINED));
  }

  /** True while one of {@code bundleId}'s calls rings or is answered; called with the device lock held. */
  boolean hasActiveCall(String bundleId) {
    for (Call call : calls.values()) {
      if (call.active() && call.bundleId().equals(bundleId)) {
        return true;
      }
    }
    return false;
  }

  /** The call ringing now, if any (the newest). */
  public Optional<Call> ringingCall() {
    synchronized (device.lock()) {
      Call latest = null;
      for (Call call : calls.values()) {
        if (call.state() == Call.State.RINGING) {
          latest = call;
        }
      }
      return Optional.ofNullable(latest);
    }
  }

  /** The calls reported on this device, oldest first: every active one and the latest ended ones. */
  public List<Call> calls() {
    synchronized (device.lock()) {
      return new ArrayList<>(calls.values());
    }
  }

  /** Ends and forgets every call; their ring timeouts then find nothing ringing. */
  void clear() {
    endAll(null);
    calls = Map.of();
  }

  /** Ends every call (restart, uninstall of the app that owns them). */
  void endAll(String bundleId) {
    for (Call call : calls.values()) {
      if (call.active() && (bundleId == null || call.bundleId().equals(bundleId))) {
        call.moveTo(Call.State.ENDED);
      }
    }
    forgetOldEndedCalls();
  }

  private void forgetOldEndedCalls() {
    int ended = 0;
    for (Call call : calls.values()) {
      ended += call.active() ? 0 : 1;
    }
    var oldest = calls.values().iterator();
    while (ended > device.context().rules().historyKept() && oldest.hasNext()) {
      if (!oldest.next().active()) {
        oldest.remove();
        ended--;
      }
    }
    if (calls.isEmpty()) {
      calls = Map.of(); // a device of a large world keeps no empty map
    }
  }

  private Call ringing(UUID callUuid) {
    Call call = calls.get(callUuid);
    if (call == null || call.state() != Call.State.RINGING) {
      throw new IllegalStateException("No call " + callUuid + " is ringing on " + device.name() + "; calls: " + calls.values());
    }
    return call;
  }

  private void end(Call call, Call.State state, String eventType) {
    call.moveTo(state);
    forgetOldEndedCalls();
    device.record(EventDraft.of(eventType).apnsId(call.apnsId())
        .with("app", call.bundleId())
        .with("caller", call.displayName())
        .with("callUuid", call.update().callUuid().toString()));
  }
}
