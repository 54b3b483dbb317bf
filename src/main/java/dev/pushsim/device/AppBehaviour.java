package dev.pushsim.device;

import java.time.Duration;
import java.util.Optional;

/**
 * How a simulated app reacts when its PushKit delegate receives a VoIP push: the pluggable part
 * of the device model. Built-in scripts below; a Java implementation; or a remote webhook
 * ({@code dev.pushsim.app.WebhookBehaviour}) so that a vendor's own logic decides.
 */
@FunctionalInterface
public interface AppBehaviour {

  VoipReaction onVoipPush(VoipPush push);

  /**
   * Whether {@link #onVoipPush} waits on something outside the simulator (a webhook's HTTP call):
   * the world then never runs this app's pushes on a network thread. False for the built-in scripts.
   */
  default boolean callsOut() {
    return false;
  }

  /**
   * How long after a launch the app creates its {@code PKPushRegistry} and sets the delegate; empty
   * when it never does. Until then PushKit holds the push, and check 2 still runs (the Sinch seed:
   * create {@code SINManagedPush} "as early as possible"). At once by default.
   */
  default Optional<Duration> delegateSetAfterLaunch() {
    return Optional.of(Duration.ZERO);
  }

  /**
   * True when the app implements iOS 26.4's
   * {@code pushRegistry(_:didReceiveIncomingVoIPPushWith:metadata:withCompletionHandler:)}: on iOS
   * 26.4 and later PushKit then calls it with {@link VoipPushMetadata}; earlier versions ignore it.
   */
  default boolean adoptsMetadataDelegate() {
    return false;
  }

  /** {@code then}, also implementing the iOS 26.4 metadata delegate. */
  static AppBehaviour withMetadataDelegate(AppBehaviour then) {
    return wrap(then.delegateSetAfterLaunch(), true, then + ", with the iOS 26.4 metadata delegate", then);
  }

  /**
   * Reports through LiveCommunicationKit when the metadata delegate says {@code mustReport}, and
   * returns without a report when it does not; under the classic delegate it reports the same way.
   */
  static AppBehaviour reportThroughLiveCommunicationKit() {
    return named("reports calls to LiveCommunicationKit when mustReport", push ->
        push.metadata() != null && !push.metadata().mustReport()
            ? VoipReaction.returnWithoutReport()
            : VoipReaction.reportThroughLiveCommunicationKit(push.suggestedCall()));
  }

  /** Reports when the metadata delegate says {@code mustReport} (always under the classic one), else returns. */
  static AppBehaviour reportWhenMustReport() {
    return named("reports calls to CallKit when mustReport", push ->
        push.metadata() != null && !push.metadata().mustReport()
            ? VoipReaction.returnWithoutReport()
            : VoipReaction.report(push.suggestedCall()));
  }

  /** {@code then}, but the PushKit delegate is set only {@code late} after each launch. */
  static AppBehaviour delegateSetLate(Duration late, AppBehaviour then) {
    return wrap(Optional.of(late), then.adoptsMetadataDelegate(),
        then + ", setting its PushKit delegate " + late.toMillis()
        + " ms after launch", then);
  }

  /** {@code then}, but the app never sets a PushKit delegate: a launch for a VoIP push ends at check 2. */
  static AppBehaviour delegateNeverSet(AppBehaviour then) {
    return wrap(Optional.empty(), then.adoptsMetadataDelegate(), "sets no PushKit delegate at launch", then);
  }

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
    return wrap(behaviour.delegateSetAfterLaunch(), behaviour.adoptsMetadataDelegate(), description, behaviour);
  }

  private static AppBehaviour wrap(Optional<Duration> setAfter, boolean metadataDelegate, String description,
      AppBehaviour then) {
    return new AppBehaviour() {
      @Override
      public VoipReaction onVoipPush(VoipPush push) {
        return then.onVoipPush(push);
      }

      @Override
      public Optional<Duration> delegateSetAfterLaunch() {
        return setAfter;
      }

      @Override
      public boolean callsOut() {
        return then.callsOut();
      }

      @Override
      public boolean adoptsMetadataDelegate() {
        return metadataDelegate;
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
