package dev.pushsim.app;


/** The journal event types of the calling SDK inside an app ({@link VendorSdk}): the VoIP token's way to the vendor. */
public final class VendorEvents {

  /** PushKit handed the VoIP token to the SDK ({@code didUpdatePushCredentials}). */
  public static final String TOKEN_OBTAINED = "app.token.obtained";
  /** The app launched but PushKit gave it no VoIP token, with why. */
  public static final String TOKEN_UNAVAILABLE = "app.token.unavailable";
  /** The vendor backend accepted the token for a user. */
  public static final String TOKEN_REGISTERED = "app.token.registered";
  /** The backend refused the token or could not be reached; the SDK carries on. */
  public static final String TOKEN_REGISTRATION_FAILED = "app.token.registration.failed";
  /** A logout removed the token from the backend. */
  public static final String TOKEN_UNREGISTERED = "app.token.unregistered";
  /** A logout could not remove the token: the backend may go on pushing to it. */
  public static final String TOKEN_UNREGISTRATION_FAILED = "app.token.unregistration.failed";
  /** A user session began in the app. */
  public static final String LOGGED_IN = "app.user.login";
  /** The user session ended. */
  public static final String LOGGED_OUT = "app.user.logout";

  private VendorEvents() {}
}
