package dev.pushsim.device;

/**
 * How many notifications APNs keeps for an offline device. Apple: "APNs stores only one
 * notification per app" (sending-notification-requests-to-apns; "one notification per bundle ID",
 * in most cases the latest). A VoIP push has its own token (PushKit's) and topic
 * ({@code <bundle>.voip}), so whether it shares the app's slot is a reading, not a fact.
 */
public enum OfflineStore {
  /** One slot per apns-topic: a pending VoIP push and a pending alert of one app do not discard each other. */
  ONE_PER_TOPIC,
  /** One slot per bundle ID, the literal reading: an alert discards a pending call and vice versa. */
  ONE_PER_APP
}
