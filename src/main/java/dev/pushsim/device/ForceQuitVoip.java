package dev.pushsim.device;

/**
 * What iOS does with a VoIP push to an app the user force-quit (swiped away). Apple documents
 * nothing for VoIP, and the evidence conflicts, so both readings are modelled.
 */
public enum ForceQuitVoip {
  /**
   * Field reports: PushKit still launches the app and callservicesd kills it with 0xbaadca11 when
   * it does not report (Apple DTS in developer forums thread 781211; Stack Overflow 19068762;
   * Twilio voice-quickstart-ios #41, PushKit "even launches the application for you").
   */
  LAUNCH,
  /**
   * The Sinch seed: "iOS will only start delivering notifications to the application again after
   * the user has actively started the application again" — VoIP included; no launch, no strike.
   */
  WITHHOLD
}
