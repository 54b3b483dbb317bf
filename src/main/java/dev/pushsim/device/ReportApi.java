package dev.pushsim.device;

/**
 * The framework an app reports an incoming call through. Apple's iOS 26.4 delegate
 * {@code pushRegistry(_:didReceiveIncomingVoIPPushWith:metadata:withCompletionHandler:)} asks the
 * app "to report a VoIP call using CallKit or LiveCommunicationKit"; the classic delegate's rule
 * ({@code PKPushType.voIP}) names CallKit only.
 */
public enum ReportApi {
  /** {@code CXProvider.reportNewIncomingCall}. */
  CALLKIT,
  /** {@code ConversationManager.reportNewIncomingConversation} (iOS 17.4 and later). */
  LIVE_COMMUNICATION_KIT
}
