package dev.pushsim.device;

/**
 * {@code PKVoIPPushMetadata} (iOS 26.4): what the metadata delegate tells the app about a push.
 * Apple: {@code mustReport} is "a boolean indicating whether a VoIP app must report a call or live
 * conversation in response to receiving this VoIP notification"; DTS (forums 817976): false in the
 * foreground, during an active call, and for pushes "old enough" to discard.
 *
 * @param mustReport false when no report is owed for this push
 */
public record VoipPushMetadata(boolean mustReport) {}
