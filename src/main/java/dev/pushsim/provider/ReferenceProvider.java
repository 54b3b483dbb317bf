package dev.pushsim.provider;

import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.app.TokenRegistration;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.SystemClock;
import dev.pushsim.provider.ApnsClients.Answer;
import dev.pushsim.provider.ApnsClients.Endpoint;
import dev.pushsim.provider.PushyClients.Credentials;
import dev.pushsim.provider.SendAttempt.Decision;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
 *   VendorSdk sdk = new VendorSdk(app, VendorConfig.of(SANDBOX), VendorBackend.http(provider.registerUrl(), provider.unregisterUrl()));
 *   sdk.appLaunched();
 *   sdk.login("bob");
 *   provider.placeCall("alice", "bob", "Alice");
 * }
 * }</pre>
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


  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  /** What Apple's NSData description and careless SDKs wrap tokens in. */
  private static final Pattern TOKEN_DECORATION = Pattern.compile("[\\s<>]");

  private final String bundleId;
  private final SimClock clock;
  private final boolean ownsClock;
  private final RetryPolicy retryPolicy;
  private final Map<String, Environment> certificateIds;
  private final String auth;
  private final Path ownedDirectory;
  private final TokenBook tokens = new TokenBook();
  private final List<SendAttempt> attempts = new CopyOnWriteArrayList<>();
  private final Set<PendingRetry> pendingRetries = ConcurrentHashMap.newKeySet();
  private final ApnsClients clients;
  private final RestApi rest;
  private volatile boolean closed;

  private ReferenceProvider(Builder builder) {
    this.bundleId = builder.bundleId;
    this.ownsClock = builder.clock == null;
    this.clock = ownsClock ? SimClock.system() : builder.clock;
    this.retryPolicy = builder.retryPolicy;
    this.certificateIds = Map.copyOf(builder.certificateIds);
    this.ownedDirectory = builder.ownedDirectory;
    if (builder.signingKey != null) {
      this.clients = new TokenAuthClients(builder.endpoints, builder.trust, builder.trustPem, builder.signingKey, clock, builder.tokenRefresh,
          builder.sendTimeout);
      this.auth = "token auth (key " + builder.signingKey.keyId() + ", team " + builder.signingKey.teamId() + ")";
    } else {
      this.clients = new PushyClients(builder.endpoints, builder.trust, builder.trustPem, builder.credentials, builder.alertCredentials,
          builder.sendTimeout);
      this.auth = builder.credentials + (builder.alertCredentials == null ? "" : ", alerts with " + builder.alertCredentials);
    }
    try {
      this.rest = new RestApi(this, new ObjectMapper(), builder.restPort);
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
  }

  public static Builder builder() {
    return new Builder();
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
  public static Builder builderForSimulator(Simulator sim, String bundleId) {
    if (sim == null || bundleId == null || bundleId.isBlank()) {
      throw new IllegalArgumentException("A simulator and a bundle id are required.");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("pushsim-provider-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for the provider's certificates: " + e.getMessage(), e);
    }
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    Path voip = dir.resolve("voip_services.p12");
    Path alerts = dir.resolve("apns.p12");
    sim.ca().mintClientCertificate(bundleId, CertificateKind.VOIP_SERVICES).writeP12(voip, password.toCharArray());
    sim.ca().mintClientCertificate(bundleId, CertificateKind.UNIVERSAL).writeP12(alerts, password.toCharArray());
    Builder builder = builder()
        .bundleId(bundleId)
        .trust(sim.ca().certificate())
        .certificate(voip, password)
        .alertCertificate(alerts, password)
        .clock(sim.clock());
    for (Environment environment : Environment.values()) {
      builder.apns(environment, "localhost", sim.server(environment).port());
    }
    builder.ownedDirectory = dir;
    return builder;
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
    if (registration == null) {
      throw new IllegalArgumentException("A registration is required.");
    }
    String userId = requireUserId(registration.userId(), "userId");
    String token = normalizeToken(registration.token());
    Channel channel = registration.channel() == null ? Channel.VOIP : registration.channel();
    String bundle = registration.bundleId() == null || registration.bundleId().isBlank() ? bundleId : registration.bundleId().trim();
    Environment environment = environmentOf(registration);
    TokenRegistration stored = new TokenRegistration(userId, token, bundle, environment, registration.certificateId(), channel);
    tokens.register(stored);
    log.debug("Registered {}", stored);
  }

  /** Forgets {@code token} if {@code userId} holds it; a token another user holds now stays. */
  @Override
  public void unregisterToken(String userId, String token) {
    requireOpen();
    tokens.unregister(requireUserId(userId, "userId"), normalizeToken(token));
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
    tokens.setOnline(requireUserId(userId, "userId"), online);
  }

  // ---- the same operations, with what happened ----

  /**
   * {@code from} calls {@code to}: a VoIP push to each of {@code to}'s VoIP tokens; to a user
   * with no VoIP token, a Sinch-style call banner to each APNs token; to an online user, nothing
   * (the call goes over the IM connection). {@code displayName} defaults to {@code from}.
   */
  public Dispatch call(String from, String to, String displayName) {
    requireOpen();
    requireUserId(from, "from");
    requireUserId(to, "to");
    String name = displayName == null || displayName.isBlank() ? from : displayName;
    String callId = UUID.randomUUID().toString();
    if (tokens.isOnline(to)) {
      return new Dispatch(callId, Dispatch.Route.IM_CONNECTION, List.of());
    }
    List<Push> pushes = new ArrayList<>();
    for (TokenRegistration registration : tokens.of(to, Channel.VOIP)) {
      pushes.add(new Push(registration, Channel.VOIP, registration.bundleId() + ".voip", PushPayloads.voipCall(callId, from, name),
          Instant.EPOCH, PushType.VOIP, UUID.randomUUID()));
    }
    if (pushes.isEmpty()) {
      // Sinch's display-name banner; a banner for a call is as stale as the call, so it expires at once too.
      for (TokenRegistration registration : tokens.of(to, Channel.APNS)) {
        pushes.add(new Push(registration, Channel.APNS, registration.bundleId(), PushPayloads.callAlert(callId, from, displayName),
            Instant.EPOCH, PushType.ALERT, UUID.randomUUID()));
      }
    }
    return dispatch(callId, pushes);
  }

  /**
   * {@code from} sends {@code to} a message: a plain alert (title = sender, body = text, shortened
   * to fit 4096 bytes) to each of {@code to}'s APNs tokens, stored by APNs for up to
   * {@link #MESSAGE_LIFETIME} if the device is offline; nothing to an online user.
   */
  public Dispatch message(String from, String to, String text) {
    requireOpen();
    requireUserId(from, "from");
    requireUserId(to, "to");
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
      pushes.add(new Push(registration, Channel.APNS, registration.bundleId(), PushPayloads.message(from, text), expiration, PushType.ALERT,
          UUID.randomUUID()));
    }
    return dispatch(messageId, pushes);
  }

  // ---- what the harness reads ----

  /** Every request sent to APNs so far, in the order they were answered. */
  public List<SendAttempt> attempts() {
    return List.copyOf(attempts);
  }

  /** The tokens {@code userId} holds now. */
  public Set<String> tokensOf(String userId) {
    return tokens.tokensOf(userId);
  }

  /** Retries waiting for the clock. */
  public int pendingRetries() {
    return pendingRetries.size();
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

  // ---- sending ----

  /**
   * One push to one token.
   *
   * @param apnsId the same for every attempt, so the journal shows the retries as one push
   */
  private record Push(TokenRegistration to, Channel channel, String topic, String payload, Instant expiration, PushType pushType, UUID apnsId) {

    SimpleApnsPushNotification notification() {
      // Pushy writes apns-expiration as the epoch second of the instant: EPOCH is "0", deliver now or never.
      return new SimpleApnsPushNotification(to.token(), topic, payload, expiration, DeliveryPriority.IMMEDIATE, pushType, null, apnsId);
    }
  }

  /** A retry the clock has not run yet; kept so that {@link #close()} can cancel it. */
  private static final class PendingRetry {
    volatile SimClock.Cancellable handle;
  }

  private Dispatch dispatch(String id, List<Push> pushes) {
    if (pushes.isEmpty()) {
      return new Dispatch(id, Dispatch.Route.NO_TOKENS, List.of());
    }
    List<SendAttempt> first = new ArrayList<>(pushes.size());
    for (Push push : pushes) {
      first.add(send(push, 1));
    }
    return new Dispatch(id, Dispatch.Route.APNS, first);
  }

  private SendAttempt send(Push push, int attempt) {
    TokenRegistration to = push.to();
    Instant sentAt = clock.now();
    if (to.environment() == null || !clients.serves(to.environment())) {
      String why = "no APNs host is configured for " + (to.environment() == null ? "an unknown environment" : to.environment().apsEnvironment());
      return record(new SendAttempt(to.userId(), to.token(), to.environment(), push.channel(), push.apnsId().toString(), attempt, sentAt,
          RetryPolicy.NO_ANSWER, null, Decision.FAILED, null, why));
    }
    Answer answer = clients.send(to.environment(), push.channel(), push.notification());
    Decision decision = retryPolicy.decide(answer.status(), attempt);
    Duration backoff = decision == Decision.RETRYING ? retryPolicy.backoffAfter(attempt) : null;
    String detail = answer.tokenInvalidSince() != null ? "token invalid since " + answer.tokenInvalidSince() : answer.detail();
    SendAttempt recorded = record(new SendAttempt(to.userId(), to.token(), to.environment(), push.channel(), push.apnsId().toString(), attempt,
        sentAt, answer.status(), answer.reason(), decision, backoff == null ? null : sentAt.plus(backoff), detail));
    if (decision == Decision.TOKEN_DROPPED) {
      // Apple: stop sending to a token APNs answered 410 for. Whoever holds it, it is dead.
      tokens.drop(to.token());
    } else if (decision == Decision.RETRYING) {
      scheduleRetry(push, attempt + 1, backoff);
    }
    return recorded;
  }

  private SendAttempt record(SendAttempt attempt) {
    attempts.add(attempt);
    log.debug("APNs {}", attempt);
    return attempt;
  }

  private void scheduleRetry(Push push, int attempt, Duration backoff) {
    PendingRetry retry = new PendingRetry();
    pendingRetries.add(retry);
    retry.handle = clock.schedule(backoff, () -> {
      pendingRetries.remove(retry);
      if (closed) {
        return;
      }
      // A logout or a 410 in the meantime ends the push: never push to a token the user gave up.
      if (!tokens.holds(push.to().userId(), push.to().token())) {
        log.debug("Not retrying {}: {} no longer holds it", push.to().token(), push.to().userId());
        return;
      }
      send(push, attempt);
    });
  }

  // ---- validation ----

  private Environment environmentOf(TokenRegistration registration) {
    String certificateId = registration.certificateId();
    if (certificateId != null && !certificateIds.isEmpty()) {
      Environment known = certificateIds.get(certificateId);
      if (known == null) {
        throw new IllegalArgumentException("Unknown certificate ID '" + certificateId + "': this provider has " + describeCertificateIds() + ".");
      }
      // Tencent: the certificate ID names the uploaded certificate, hence the environment.
      return known;
    }
    if (registration.environment() == null) {
      throw new IllegalArgumentException("Field 'environment' is required (\"development\" or \"production\") unless a known 'certificateId' is given.");
    }
    return registration.environment();
  }

  private String describeCertificateIds() {
    StringBuilder text = new StringBuilder();
    certificateIds.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder())).forEach(entry ->
        text.append(text.length() == 0 ? "" : ", ").append(entry.getKey()).append(" (").append(entry.getValue().apsEnvironment()).append(')'));
    return text.toString();
  }

  private static String requireUserId(String userId, String field) {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("Field '" + field + "' is required: a non-empty user id.");
    }
    if (userId.length() > MAX_USER_ID_CHARS) {
      throw new IllegalArgumentException("Field '" + field + "' is " + userId.length() + " characters long; user ids have at most "
          + MAX_USER_ID_CHARS + ".");
    }
    return userId;
  }

  /** Lower-case hex without Apple's {@code <...>} wrapping or spaces. */
  static String normalizeToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("Field 'token' is required: the device token in hex.");
    }
    String hex = TOKEN_DECORATION.matcher(token).replaceAll("").toLowerCase(Locale.ROOT);
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("Field 'token' must be the device token in hex (0-9, a-f), not \""
          + (token.length() > 80 ? token.substring(0, 80) + "..." : token) + "\".");
    }
    if (hex.length() > MAX_TOKEN_HEX_CHARS) {
      throw new IllegalArgumentException("Field 'token' is " + hex.length() + " hex digits long; at most " + MAX_TOKEN_HEX_CHARS + " are accepted.");
    }
    return hex;
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
    for (PendingRetry retry : pendingRetries) {
      SimClock.Cancellable handle = retry.handle;
      if (handle != null) {
        handle.cancel();
      }
    }
    pendingRetries.clear();
    rest.close();
    clients.close();
    if (ownedDirectory != null) {
      deleteRecursively(ownedDirectory);
    }
    if (ownsClock && clock instanceof SystemClock system) {
      system.close();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.debug("Could not delete {}: {}", dir, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "ReferenceProvider{" + bundleId + ", rest=" + (closed ? "closed" : rest.baseUrl()) + ", apns=" + clients + ", " + auth
        + ", " + tokens + ", attempts=" + attempts.size() + ", pending retries=" + pendingRetries.size() + "}";
  }

  /**
   * Configures a {@link ReferenceProvider}. Required: an APNs host, credentials (a certificate or
   * a signing key) and a bundle id; every other setting has a default.
   */
  public static final class Builder {
    private final Map<Environment, Endpoint> endpoints = new EnumMap<>(Environment.class);
    private X509Certificate[] trust;
    private Path trustPem;
    private Credentials credentials;
    private Credentials alertCredentials;
    private SigningKey signingKey;
    private Duration tokenRefresh = DEFAULT_TOKEN_REFRESH;
    private String bundleId;
    private SimClock clock;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private int restPort;
    private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
    private final Map<String, Environment> certificateIds = new LinkedHashMap<>();
    private Path ownedDirectory;

    private Builder() {}

    /** Where {@code environment}'s APNs is: Apple's host and 443, or a simulator's port on localhost. */
    public Builder apns(Environment environment, String host, int port) {
      if (environment == null || host == null || host.isBlank()) {
        throw new IllegalArgumentException("An APNs endpoint needs an environment and a host.");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("An APNs port is 1 to 65535, not " + port + ".");
      }
      endpoints.put(environment, new Endpoint(host, port));
      return this;
    }

    /** Trusts these CA certificates for APNs' TLS (a simulator's CA); the JDK's by default. */
    public Builder trust(X509Certificate... certificates) {
      if (certificates == null || certificates.length == 0) {
        throw new IllegalArgumentException("Give at least one certificate to trust.");
      }
      this.trust = certificates.clone();
      this.trustPem = null;
      return this;
    }

    /** Trusts the CA certificates in a PEM file. */
    public Builder trust(Path pem) {
      this.trustPem = pem;
      this.trust = null;
      return this;
    }

    /**
     * Certificate auth, as both seeds do: the {@code .p12} exported from Keychain Access (a VoIP
     * Services certificate for {@code <bundle>.voip}, valid in both environments).
     */
    public Builder certificate(Path p12, String password) {
      this.credentials = new Credentials.Certificate(p12, password == null ? "" : password);
      this.signingKey = null;
      return this;
    }

    /**
     * A second certificate for alert pushes (messages), which a VoIP Services certificate does not
     * cover: Sinch keeps Development, Production and VoIP Services certificates side by side.
     * Without it, alert pushes use the main credentials.
     */
    public Builder alertCertificate(Path p12, String password) {
      this.alertCredentials = new Credentials.Certificate(p12, password == null ? "" : password);
      return this;
    }

    /**
     * Token auth instead of a certificate: the team's {@code .p8} key, signing provider tokens on
     * the provider's clock and renewing them every {@link #tokenRefresh} (through the JDK's HTTP/2
     * client: Pushy signs with the host's clock, which virtual time outruns). A token covers every
     * topic of the team, so one client per environment sends everything.
     */
    public Builder signingKey(SigningKey key) {
      if (key == null) {
        throw new IllegalArgumentException("A signing key is required.");
      }
      this.signingKey = key;
      this.credentials = null;
      this.alertCredentials = null;
      return this;
    }

    /** How often token auth signs a new provider token (default 30 minutes; Apple asks for 20 to 60). */
    public Builder tokenRefresh(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("The provider token refresh interval must be positive, not " + value);
      }
      this.tokenRefresh = value;
      return this;
    }

    /** Token auth from Apple's {@code AuthKey_<keyId>.p8} file. */
    public Builder signingKey(Path p8, String teamId, String keyId) {
      return signingKey(SigningKey.fromP8(p8, teamId, keyId));
    }

    /** The app's bundle id: VoIP pushes go to {@code <bundleId>.voip}; registrations may name another. */
    public Builder bundleId(String value) {
      this.bundleId = value;
      return this;
    }

    /** The clock retries are scheduled on; the system clock by default. */
    public Builder clock(SimClock value) {
      this.clock = value;
      return this;
    }

    /** How 429/500/503 and network failures are retried; 4 attempts, 1 s, ×2 by default. */
    public Builder retryPolicy(int maxAttempts, Duration initialBackoff, double multiplier) {
      return retryPolicy(new RetryPolicy(maxAttempts, initialBackoff, multiplier));
    }

    public Builder retryPolicy(RetryPolicy value) {
      if (value == null) {
        throw new IllegalArgumentException("A retry policy is required.");
      }
      this.retryPolicy = value;
      return this;
    }

    /** The REST API's port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder restPort(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("A port is 0 to 65535, not " + value + ".");
      }
      this.restPort = value;
      return this;
    }

    /** How long one send waits for APNs' answer (real time) before counting as a network failure. */
    public Builder sendTimeout(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("The send timeout must be positive, not " + value + ".");
      }
      this.sendTimeout = value;
      return this;
    }

    /**
     * A Tencent-style certificate ID and the environment of the certificate it names: a
     * registration carrying it is pushed through that environment, and once any is configured an
     * unknown ID is refused.
     */
    public Builder certificateId(String id, Environment environment) {
      if (id == null || id.isBlank() || environment == null) {
        throw new IllegalArgumentException("A certificate ID needs an id and an environment.");
      }
      certificateIds.put(id, environment);
      return this;
    }

    /** Starts the REST API and sets up the Pushy clients (which connect on their first push). */
    public ReferenceProvider build() {
      if (endpoints.isEmpty()) {
        throw new IllegalStateException("No APNs host given: call apns(environment, host, port) for sandbox, production or both.");
      }
      if (credentials == null && signingKey == null) {
        throw new IllegalStateException("No certificate or signing key given: call certificate(p12, password) or signingKey(key).");
      }
      if (bundleId == null || bundleId.isBlank()) {
        throw new IllegalStateException("No bundle id given: call bundleId(\"com.example.app\").");
      }
      try {
        return new ReferenceProvider(this);
      } catch (RuntimeException e) {
        if (ownedDirectory != null) {
          deleteRecursively(ownedDirectory);
        }
        throw e;
      }
    }
  }
}
