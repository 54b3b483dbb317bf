package dev.pushsim.device;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A VoIP push as the app's PushKit delegate sees it: the payload, plus what PushSim read from it
 * for a call (the app may report something else).
 *
 * @param apnsId the APNs id, to follow the push in the journal
 * @param payload the JSON payload ({@code dictionaryPayload})
 * @param suggestedCall the call PushSim's payload conventions find in it (see {@link Payloads})
 * @param launchedForPush true when iOS launched the app in the background for this push
 * @param metadata what iOS 26.4's metadata delegate passes; null when the classic delegate runs
 */
public record VoipPush(String apnsId, String device, String bundleId, ObjectNode payload, CallUpdate suggestedCall,
    boolean launchedForPush, VoipPushMetadata metadata) {

  /** A push handed to the classic delegate, {@code didReceiveIncomingPushWith}. */
  public VoipPush(String apnsId, String device, String bundleId, ObjectNode payload, CallUpdate suggestedCall,
      boolean launchedForPush) {
    this(apnsId, device, bundleId, payload, suggestedCall, launchedForPush, null);
  }
}
