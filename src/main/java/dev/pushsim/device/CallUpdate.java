package dev.pushsim.device;

import java.util.Objects;
import java.util.UUID;

/**
 * What an app tells CallKit about an incoming call ({@code CXCallUpdate} plus the call UUID).
 *
 * @param callUuid the call's id; reporting a UUID CallKit already has fails
 * @param handle the caller's handle ({@code CXHandle} value), checked against the block list
 * @param displayName the name the incoming-call screen shows
 */
public record CallUpdate(UUID callUuid, String handle, String displayName) {

  public CallUpdate {
    Objects.requireNonNull(callUuid, "callUuid");
  }

  public CallUpdate withDisplayName(String value) {
    return new CallUpdate(callUuid, handle, value);
  }
}
