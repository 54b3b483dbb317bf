package dev.pushsim.device;

import java.time.Duration;

/**
 * How a simulated app reacts when its PushKit delegate receives a VoIP push: the pluggable part
 * of the device model. Built-in scripts below; a Java implementation; or a remote webhook
 * ({@code dev.pushsim.app.WebhookBehaviour}) so that a vendor's own logic decides.
 */
@FunctionalInterface
public interface AppBehaviour {

  VoipReaction onVoipPush(VoipPush push);

  /** Reports the call the payload describes inside the delegate: what Apple requires. */
  static AppBehaviour reportImmediately() {
    return named("reports calls to CallKit at once", push -> VoipReaction.report(push.suggestedCall()));
  }

  /** Spends {@code delay} in the delegate, then reports: in time below the deadline, killed above. */
  static AppBehaviour reportAfter(Duration delay) {
    return named("reports calls to CallKit after " + delay.toMillis() + " ms", push -> VoipReaction.reportAfter(delay, push.suggestedCall()));
  }

  /** Returns from the delegate without reporting: check 1 terminates it at once. */
  static AppBehaviour neverReport() {
    return named("never reports calls to CallKit", push -> VoipReaction.returnWithoutReport());
  }

  /** Blocks the delegate for {@code duration} and never reports. */
  static AppBehaviour blockDelegate(Duration duration) {
    return named("blocks the PushKit delegate for " + duration.toMillis() + " ms", push -> VoipReaction.block(duration));
  }

  /** Crashes in the delegate. */
  static AppBehaviour crash(String reason) {
    return named("crashes on VoIP pushes (" + reason + ")", push -> VoipReaction.crash(reason));
  }

  /** A behaviour with a description for logs, the journal and failure messages. */
  static AppBehaviour named(String description, AppBehaviour behaviour) {
    return new AppBehaviour() {
      @Override
      public VoipReaction onVoipPush(VoipPush push) {
        return behaviour.onVoipPush(push);
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
