package dev.pushsim.provider;

import com.eatthepath.pushy.apns.PushType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.app.TokenRegistration;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.SystemClock;
import dev.pushsim.provider.PushSender.Push;
import dev.pushsim.push.Channel;
import dev.pushsim.world.Simulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small vendor backend written the way the seeds require: apps register their VoIP tokens over
 * REST (Tencent's {@code setVOIP}, Sinch's managed push), calls become VoIP pushes sent through
 * Pushy with a VoIP Services certificate, and APNs' answers are acted on as Apple asks.
 *
 * <p>The rules it follows, each one checked by the bundled {@code provider/} features:
 *
 * <ul>
 *   <li>A call is a VoIP push: {@code apns-push-type: voip}, topic {@code <bundle>.voip},
 *       priority 10, {@code apns-expiration: 0} (a stale call must never ring), the caller's
 *       display name in the payload, which never exceeds 5120 bytes (the name is shortened).
 *   <li>A token is pushed through the APNs host of the environment it was registered with; a
 *       wrong registration shows up as 400 BadDeviceToken, which is recorded, not retried.
 *   <li>Tencent's rule: calls and messages go over the IM connection to users who are online;
 *       pushes are for offline users only.
 *   <li>A message is a plain alert to the user's APNs tokens; never a VoIP push, since iOS 13
 *       counts every VoIP push that does not start a call against the app. A call to a user with
 *       APNs tokens but no VoIP token is a banner in Sinch's display-name format.
 *   <li>410: the token is dropped at once and never pushed to again. 429, 500, 503 and network
 *       failures: retried with exponential backoff on the {@link SimClock} ({@link RetryPolicy}).
 *       Anything else (400, 403...) is final.
 *   <li>Logout unregisters the token; one Pushy client per environment keeps its connection.
 * </ul>
 *
 * <pre>{@code
 * try (ReferenceProvider provider = ReferenceProvider.forSimulator(sim, "com.example.phone")) {
 *   VendorSdk sdk = new VendorSdk(app, VendorConfig.of(SANDBOX), VendorBackend.http(provider.registerUrl(),
     provider.unregisterUrl()));
 *   sdk.appLaunched();
 *   sdk.login("bob");
 *   provider.placeCall("alice", "bob", "Alice");
 * }
 * }</pre>
 *
 * <p>Its parts: {@link Registrations} (what a registration must hold, the token book),
 * {@link PushSender} (sending, retries, 410s), {@link SimulatorCredentials} (a simulator's
 * certificates), {@link ReferenceProviderBuilder} (the settings).
 *
 * <p>Thread-safe. Each send waits for APNs' answer (bounded by the send timeout) before it
 * returns, so when {@link #placeCall} returns its pushes are answered; retries run on whatever
 * thread moves the clock (the test thread under a {@code VirtualClock}).
 */
public final class ReferenceProvider implements ProviderUnderTest {

  private static final Logger log = LoggerFactory.getLogger(ReferenceProvider.class);

  /** User ids are bounded so that a payload always fits once the free text is shortened. */
  public static final int MAX_USER_ID_CHARS = 256;
  /** Apple's tokens vary in length (never hard-code 32 bytes); this bounds what is accepted. */
  public static final int MAX_TOKEN_HEX_CHARS = 1024;
  /** How long APNs may store a message for an offline device; calls are never stored. */
  public static final Duration MESSAGE_LIFETIME = Duration.ofDays(1);
  /** How long one send waits for APNs before it counts as a network failure. */
  public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(20);
  /** How often token auth signs a new provider token: inside Apple's 20 to 60 minutes. */
  public static final Duration DEFAULT_TOKEN_REFRESH = Duration.ofMinutes(30);

  private final String bundleId;
  private final SimClock clock;
  private final boolean ownsClock;
  private final RetryPolicy retryPolicy;
  private final String auth;
  private final Path ownedDirectory;
  private final Registrations registrations;
  private final TokenBook tokens;
  private final ApnsClients clients;
  private final PushSender sender;
  private final RestApi rest;
  private volatile boolean closed;

  ReferenceProvider(ReferenceProviderBuilder builder) {
    this.bundleId = builder.bundleId;
    this.ownsClock = builder.clock == null;
    this.clock = ownsClock ? SimClock.system() : builder.clock;
    this.retryPolicy = builder.retryPolicy;
    this.registrations = new Registrations(bundleId, builder.certificateIds);
    this.tokens = registrations.tokens();
    this.ownedDirectory = builder.ownedDirectory;
    if (builder.signingKey != null) {
      this.clients = new TokenAuthClients(builder.endpoints, builder.trust, builder.trustPem, builder.signingKey,
          clock, builder.tokenRefresh,
          builder.sendTimeout);
      this.auth = "token auth (key " + builder.signingKey.keyId() + ", team " + builder.signingKey.teamId() + ")";
    } else {
      this.clients = new PushyClients(builder.endpoints, builder.trust, builder.trustPem, builder.credentials,
          builder.alertCredentials,
          builder.sendTimeout);
      this.auth = builder.credentials + (builder.alertCredentials == null ? "" : ", alerts with "
          + builder.alertCredentials);
    }
    this.sender = new PushSender(clock, retryPolicy, clients, tokens);
    try {
      this.rest = new RestApi(this, new ObjectMapper(), builder.restPort);
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
  }

  public static ReferenceProviderBuilder builder() {
    return new ReferenceProviderBuilder();
  }

  /**
   * A provider for {@code bundleId} wired to a running simulator, as a vendor would set it up:
   * a VoIP Services certificate (for calls) and an Apple Push Services certificate (for alerts)
   * minted by the simulator's CA and written as {@code .p12} files to a temporary directory
   * deleted on {@link #close()}; both APNs hosts on {@code localhost}; the simulator's clock; an
   * ephemeral REST port. The simulator must serve TLS (its default).
   */
  public static ReferenceProvider forSimulator(Simulator sim, String bundleId) {
    return builderForSimulator(sim, bundleId).build();
  }

  /**
   * The builder behind {@link #forSimulator}, to change a setting (retry policy, certificate IDs,
   * token auth) before {@code build()}.
   */
  public static ReferenceProviderBuilder builderForSimulator(Simulator sim, String bundleId) {
    return SimulatorCredentials.builderFor(sim, bundleId);
  }

  // ---- where apps reach it ----

  /** The REST API's base, {@code http://127.0.0.1:<port>/}. */
  public URI baseUrl() {
    return rest.baseUrl();
  }

  /** {@code POST} here registers a token: the register URL of {@code VendorBackend.http}. */
  public URI registerUrl() {
    return baseUrl().resolve("tokens");
  }

  /** {@code POST} here unregisters a token at logout. */
  public URI unregisterUrl() {
    return baseUrl().resolve("tokens/unregister");
  }

  // ---- ProviderUnderTest ----

  @Override
  public Set<Operation> operations() {
    return EnumSet.allOf(Operation.class);
  }

  /**
   * Stores a token for its user, replacing an earlier registration of the same token (a token
   * follows the user who last registered it). The token may be wrapped as Apple's
   * {@code <abcd ef01>}; {@code bundleId} defaults to the provider's; {@code pushType} to
   * {@code voip}. The environment comes from {@code certificateId} when the provider knows that
   * certificate ID (Tencent), else from {@code environment} (Sinch).
   *
   * @throws IllegalArgumentException with a sentence saying what is wrong
   */
  @Override
  public void registerToken(TokenRegistration registration) {
    requireOpen();
    log.debug("Registered {}", registrations.register(registration));
  }

  /** Forgets {@code token} if {@code userId} holds it; a token another user holds now stays. */
  @Override
  public void unregisterToken(String userId, String token) {
    requireOpen();
    registrations.unregister(userId, token);
  }

  @Override
  public void placeCall(String from, String to, String displayName) {
    call(from, to, displayName);
  }

  @Override
  public void sendMessage(String from, String to, String text) {
    message(from, to, text);
  }

  @Override
  public void setPresence(String userId, boolean online) {
    requireOpen();
    tokens.setOnline(Registrations.requireUserId(userId, "userId"), online);
  }

  // ---- the same operations, with what happened ----

  /**
   * {@code from} calls {@code to}: a VoIP push to each of {@code to}'s VoIP tokens; to a user
   * with no VoIP token, a Sinch-style call banner to each APNs token; to an online user, nothing
   * (the call goes over the IM connection). {@code displayName} defaults to {@code from}.
   */
  public Dispatch call(String from, String to, String displayName) {
    requireOpen();
    Registrations.requireUserId(from, "from");
    Registrations.requireUserId(to, "to");
    String name = displayName == null || displayName.isBlank() ? from : displayName;
    String callId = UUID.randomUUID().toString();
    if (tokens.isOnline(to)) {
      return new Dispatch(callId, Dispatch.Route.IM_CONNECTION, List.of());
    }
    List<Push> pushes = new ArrayList<>();
    for (TokenRegistration registration : tokens.of(to, Channel.VOIP)) {
      pushes.add(new Push(registration, Channel.VOIP, registration.bundleId() + ".voip", PushPayloads.voipCall(callId,
          from, name),
          Instant.EPOCH, PushType.VOIP));
    }
    if (pushes.isEmpty()) {
      // Sinch's display-name banner; a banner for a call is as stale as the call, so it expires at once too.
      for (TokenRegistration registration : tokens.of(to, Channel.APNS)) {
        pushes.add(new Push(registration, Channel.APNS, registration.bundleId(), PushPayloads.callAlert(callId, from,
            displayName),
            Instant.EPOCH, PushType.ALERT));
      }
    }
    return sender.dispatch(callId, pushes);
  }

  /**
   * {@code from} sends {@code to} a message: a plain alert (title = sender, body = text, shortened
   * to fit 4096 bytes) to each of {@code to}'s APNs tokens, stored by APNs for up to
   * {@link #MESSAGE_LIFETIME} if the device is offline; nothing to an online user.
   */
  public Dispatch message(String from, String to, String text) {
    requireOpen();
    Registrations.requireUserId(from, "from");
    Registrations.requireUserId(to, "to");
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Field 'text' is required: a non-empty string.");
    }
    String messageId = UUID.randomUUID().toString();
    if (tokens.isOnline(to)) {
      return new Dispatch(messageId, Dispatch.Route.IM_CONNECTION, List.of());
    }
    Instant expiration = clock.now().plus(MESSAGE_LIFETIME);
    List<Push> pushes = new ArrayList<>();
    for (TokenRegistration registration : tokens.of(to, Channel.APNS)) {
      pushes.add(new Push(registration, Channel.APNS, registration.bundleId(), PushPayloads.message(from, text),
          expiration, PushType.ALERT));
    }
    return sender.dispatch(messageId, pushes);
  }

  // ---- what the harness reads ----

  /** Every request sent to APNs so far, in the order they were answered. */
  public List<SendAttempt> attempts() {
    return sender.attempts();
  }

  /** The tokens {@code userId} holds now. */
  public Set<String> tokensOf(String userId) {
    return tokens.tokensOf(userId);
  }

  /** Retries waiting for the clock. */
  public int pendingRetries() {
    return sender.pendingRetries();
  }

  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  public String bundleId() {
    return bundleId;
  }

  int tokenCount() {
    return tokens.size();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The provider is closed.");
    }
  }

  // ---- lifecycle ----

  /** Cancels pending retries, stops the REST API, closes the Pushy clients and their connections. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    sender.close();
    rest.close();
    clients.close();
    if (ownedDirectory != null) {
      SimulatorCredentials.deleteRecursively(ownedDirectory);
    }
    if (ownsClock && clock instanceof SystemClock system) {
      system.close();
    }
  }

  @Override
  public String toString() {
    return "ReferenceProvider{" + bundleId + ", rest=" + (closed ? "closed" : rest.baseUrl()) + ", apns=" + clients
        + ", " + auth
        + ", " + tokens + ", attempts=" + sender.attemptCount() + ", pending retries=" + sender.pendingRetries() + "}";
  }
}
