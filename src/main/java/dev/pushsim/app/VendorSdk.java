package dev.pushsim.app;

import dev.pushsim.device.Capabilities;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.EventDraft;
import dev.pushsim.push.Channel;
import dev.pushsim.push.DeviceToken;
import java.util.Objects;
import java.util.Optional;

/**
 * The calling SDK inside one installed app, as the seeds describe its token flow: PushKit hands
 * it the VoIP token at launch, it holds the token in memory until a user session exists (Sinch's
 * {@code SINManagedPush}), then registers it with the vendor backend together with the APS
 * environment it was configured with and a certificate ID (Tencent's {@code setVOIP} after
 * login), and unregisters it at logout.
 *
 * <p>The configured environment is sent as configured: like the real SDKs, this one cannot see
 * the app's signing, so a mismatch goes unnoticed on the phone and shows up only when the backend
 * pushes to the wrong APNs host and gets BadDeviceToken.
 *
 * <p>Backend failures never throw: they are journaled ({@link VendorEvents}) and the app carries
 * on. The backend calls block the caller for as long as the backend allows (bounded); they
 * are made without the device lock, so pushes and the clock go on meanwhile.
 */
public final class VendorSdk {

  private final InstalledApp app;
  private final VendorConfig config;
  private final VendorBackend backend;
  private DeviceToken heldToken;
  private String userId;
  private boolean registered;

  public VendorSdk(InstalledApp app, VendorConfig config, VendorBackend backend) {
    this.app = Objects.requireNonNull(app, "app");
    this.config = Objects.requireNonNull(config, "config");
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  /**
   * The app's {@code didFinishLaunching} ran and PushKit called {@code didUpdatePushCredentials}:
   * the SDK now holds the VoIP token, and registers it if a user is already logged in. An app
   * without the Push Notifications capability or the Voice over IP background mode gets no
   * token, so it has nothing to register.
   *
   * @throws IllegalStateException when the app is no longer installed (a reinstalled app is a new
   *     {@link InstalledApp} with new tokens and needs its own SDK)
   */
  public synchronized void appLaunched() {
    if (app.device().app(app.bundleId()).orElse(null) != app) {
      throw new IllegalStateException(app.bundleId() + " is no longer installed on " + app.device().name()
          + " as this SDK knew it; make a VendorSdk for the installed app.");
    }
    DeviceToken token = app.voipToken();
    if (token == null) {
      record(event(VendorEvents.TOKEN_UNAVAILABLE).with("why", whyNoToken()));
      return;
    }
    heldToken = token;
    record(event(VendorEvents.TOKEN_OBTAINED).deviceToken(token.hex()).with("token", token.hex())
        .with("held", userId == null ? "until a user logs in" : null));
    if (userId != null && !registered) {
      register();
    }
  }

  /**
   * A user session now exists: a held token is registered at once, otherwise as soon as
   * {@link #appLaunched()} obtains it. Logging in again as the same user retries a failed
   * registration.
   *
   * @throws IllegalStateException when another user is logged in
   */
  public synchronized void login(String user) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("A login needs a user id.");
    }
    if (userId != null && !userId.equals(user)) {
      throw new IllegalStateException(userId + " is logged in to " + app.bundleId() + " on " + app.device().name() + "; log out first.");
    }
    userId = user;
    record(event(VendorEvents.LOGGED_IN).with("userId", user).with("tokenHeld", heldToken != null));
    if (heldToken != null && !registered) {
      register();
    }
  }

  /**
   * The user logs out: the SDK unregisters the token it holds (Sinch
   * {@code unregisterPushNotificationDeviceToken}) even when registering it had failed, since the
   * backend may have stored it anyway. The token stays held for the next login.
   */
  public synchronized void logout() {
    if (userId == null) {
      return;
    }
    if (heldToken != null) {
      unregister();
    }
    registered = false;
    record(event(VendorEvents.LOGGED_OUT).with("userId", userId));
    userId = null;
  }

  /** The VoIP token PushKit handed over, in hex, once the app has launched. */
  public synchronized Optional<String> heldToken() {
    return Optional.ofNullable(heldToken).map(DeviceToken::hex);
  }

  /** The logged-in user, if any. */
  public synchronized Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /** True while the backend has accepted the held token for the logged-in user. */
  public synchronized boolean registered() {
    return registered;
  }

  public InstalledApp app() {
    return app;
  }

  public VendorConfig config() {
    return config;
  }

  private void register() {
    TokenRegistration registration = new TokenRegistration(userId, heldToken.hex(), app.bundleId(),
        config.configuredEnvironment(), config.certificateId(), Channel.VOIP);
    VendorBackend.Outcome outcome = backend.register(registration);
    registered = outcome.ok();
    record(event(outcome, VendorEvents.TOKEN_REGISTERED, VendorEvents.TOKEN_REGISTRATION_FAILED)
        .with("environment", config.configuredEnvironment().apsEnvironment())
        // What the SDK cannot know but the journal can: the environment the token belongs to.
        .with("tokenEnvironment", heldToken.environment().apsEnvironment())
        .with("certificateId", config.certificateId()));
  }

  private void unregister() {
    VendorBackend.Outcome outcome = backend.unregister(userId, heldToken.hex());
    record(event(outcome, VendorEvents.TOKEN_UNREGISTERED, VendorEvents.TOKEN_UNREGISTRATION_FAILED));
  }

  /** The event that tells of a backend call: of type {@code done} when it was accepted, else {@code failed}. */
  private EventDraft event(VendorBackend.Outcome outcome, String done, String failed) {
    return event(outcome.ok() ? done : failed).deviceToken(heldToken.hex()).with("userId", userId).with("token", heldToken.hex())
        .with("backend", outcome.target()).with("status", outcome.status()).with("why", outcome.why());
  }

  private String whyNoToken() {
    Capabilities capabilities = app.spec().capabilities();
    if (!capabilities.pushNotifications()) {
      return "the app lacks the Push Notifications capability: PushKit gives it no VoIP token";
    }
    return "the app lacks the Voice over IP background mode: PushKit gives it no VoIP token";
  }

  /** An event of this app, the app named first as in the device model's events. */
  private EventDraft event(String type) {
    return EventDraft.of(type).with("app", app.bundleId());
  }

  private void record(EventDraft draft) {
    app.device().record(draft);
  }

  @Override
  public synchronized String toString() {
    return "VendorSdk of " + app.bundleId() + " on " + app.device().name() + " (" + config.configuredEnvironment().apsEnvironment()
        + (userId == null ? ", nobody logged in" : ", user " + userId)
        + (heldToken == null ? ", no token" : ", token held") + (registered ? ", registered" : "") + ")";
  }
}
