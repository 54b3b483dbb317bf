package dev.pushsim.device;

/**
 * Whether a VoIP push must be reported to CallKit. Apple DTS (developer forums threads 768136 and
 * 817976): an app is "required to call reportNewIncomingCall unless: 1. Your app is the foreground.
 * 2. Your app already has an active call". Judged once, as the push is delivered; callservicesd's
 * own view of a state change racing the push (an app moving to the background as it arrives) is
 * not modelled.
 */
enum ReportExemption {
  /** The report is required: checks 1 and 2 apply. */
  NONE(null),
  /** The app is on screen as the push arrives. */
  FOREGROUND("the app is in the foreground"),
  /** One of the app's calls is ringing or answered as the push arrives. */
  ACTIVE_CALL("the app already has an active call"),
  /**
   * iOS 26.4's metadata delegate only: APNs held the push longer than {@code staleAfter}; DTS
   * (forums 817976): the new method "will also allow you to discard pushes which are 'old enough'".
   */
  STALE("the push is stale (PKVoIPPushMetadata.mustReport is false)");

  private final String detail;

  ReportExemption(String detail) {
    this.detail = detail;
  }

  /** Why no report is needed, for the journal; null for {@link #NONE}. */
  String detail() {
    return detail;
  }

  boolean exempt() {
    return this != NONE;
  }

  /**
   * The exemption of a push delivered to {@code app} now; {@code stale} only through the metadata
   * delegate, since the classic one gives the app no way to learn a push is old. Device lock held.
   */
  static ReportExemption of(Device device, InstalledApp app, boolean stale) {
    if (app.state() == ProcessState.FOREGROUND) {
      return FOREGROUND;
    }
    if (device.callKit().hasActiveCall(app.bundleId())) {
      return ACTIVE_CALL;
    }
    return stale ? STALE : NONE;
  }
}
