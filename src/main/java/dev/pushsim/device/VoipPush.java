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
 */
public record VoipPush(String apnsId, String device, String bundleId, ObjectNode payload, CallUpdate suggestedCall, boolean launchedForPush) {}
