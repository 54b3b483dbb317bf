package dev.pushsim.provider;

import java.util.List;
import java.util.Objects;

/**
 * What the provider did with one call or message: the route it took and the first attempt of each
 * push it sent (retries, if any, follow on the clock and show in {@link ReferenceProvider#attempts()}).
 *
 * @param id the call's UUID (also in the VoIP payload as {@code callId}) or the message's id
 * @param route how the recipient is reached
 * @param attempts the first attempt of each push, in token registration order; empty unless
 *     {@code route} is {@link Route#APNS}
 */
public record Dispatch(String id, Route route, List<SendAttempt> attempts) {

  /** How a call or message reaches its recipient. */
  public enum Route {
    /** Through APNs, one push per suitable token. */
    APNS,
    /** The recipient is online: it goes over the IM connection, no push (Tencent: offline push only). */
    IM_CONNECTION,
    /** The recipient has no token the provider could push this to. */
    NO_TOKENS
  }

  public Dispatch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(route, "route");
    attempts = List.copyOf(attempts);
  }
}
