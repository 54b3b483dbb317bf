package dev.pushsim.provider;

import dev.pushsim.apns.auth.SigningKey;
import dev.pushsim.provider.ProviderUnderTest.Operation;
import dev.pushsim.world.YamlFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A vendor's own push provider, described in one YAML file ({@code provider.yaml}) for
 * {@code pushsim test --provider}: how the provider reaches PushSim's APNs (fixed ports, a CA and
 * credentials kept in a data directory across scenarios), and an adapter that drives it, either
 * by HTTP requests or by commands. Every operation the adapter leaves out is one the provider
 * cannot be asked to do: the scenarios that need it are skipped, with that reason.
 *
 * <p>Templates fill in placeholders such as {@code {token}}; which ones an operation offers is
 * {@link Operation#placeholders()}, and a template naming any other is refused with its location.
 *
 * @param name what the reports call the provider
 * @param auth how it authenticates to APNs: {@code token} (a {@code .p8} key) or {@code certificate}
 * @param apns where and with what it reaches PushSim
 * @param settleMillis after each operation, how long the journal must stay quiet before the
 *     scenario goes on: an external provider answers before its pushes have all gone out
 * @param http the HTTP adapter, or null
 * @param command the command adapter, or null
 * @param lifecycle how PushSim starts, checks and stops the provider, or null when it runs already
 * @param capabilities what it does beyond VoIP calls ({@link Capability} keys); absent: everything
 *     but the other auth, as before capabilities existed
 */
public record ProviderFile(String name, String auth, Apns apns, Integer settleMillis, HttpAdapter http,
    CommandAdapter command,
    Lifecycle lifecycle, List<String> capabilities) {

  static final int DEFAULT_SETTLE_MILLIS = 300;

  public ProviderFile {
    name = name == null ? "external provider" : name;
    auth = auth == null ? "token" : auth;
    if (!List.of("token", "certificate").contains(auth)) {
      throw new IllegalArgumentException("auth is token or certificate, not '" + auth + "'");
    }
    if (apns == null) {
      throw new IllegalArgumentException(
          "the apns section is missing: the ports, data directory and team the provider uses");
    }
    settleMillis = settleMillis == null ? DEFAULT_SETTLE_MILLIS : settleMillis;
    if (settleMillis < 0 || settleMillis > 60_000) {
      throw new IllegalArgumentException("settleMillis is 0 to 60000, not " + settleMillis);
    }
    if ((http == null) == (command == null)) {
      throw new IllegalArgumentException(
          "name exactly one adapter: http (requests to the provider) or command (programs to run)");
    }
    capabilities = capabilities == null ? null : List.copyOf(capabilities);
    if (capabilities != null) {
      Set<Capability> declared = declared(capabilities);
      if (declared.contains(Capability.VOIP_ONLY)
          && (declared.contains(Capability.ALERTS) || declared.contains(Capability.SINCH_DISPLAY_NAME_ALERT))) {
        throw new IllegalArgumentException("capabilities: voip-only excludes alerts and sinch-display-name-alert");
      }
      if (declared.contains(Capability.TOKEN_AUTH) || declared.contains(Capability.CERTIFICATE_AUTH)) {
        throw new IllegalArgumentException(
            "capabilities: declare the authentication with auth: token or auth: certificate");
      }
    }
    if (lifecycle == null && (apns.sandboxPort() == 0 || apns.productionPort() == 0)) {
      throw new IllegalArgumentException(
          "a port of 0 (a free one) needs a lifecycle section: PushSim hands the ports it chose to the"
          + " provider it starts");
    }
    if (lifecycle == null && http != null && http.baseUrl().contains("{providerPort}")) {
      throw new IllegalArgumentException(
          "{providerPort} in baseUrl needs a lifecycle section: PushSim chooses it for the provider it starts");
    }
  }

  /** The names of the values PushSim hands a provider it starts, as placeholders and as {@code PUSHSIM_*} variables. */
  public static final java.util.Set<String> HAND_OFF = java.util.Set.of("sandboxPort", "productionPort",
      "providerPort", "apnsHost",
      "dataDir", "ca", "keyFile", "teamId", "keyId", "bundleId", "voipP12", "universalP12", "p12Password");

  /**
   * How PushSim runs the provider: {@code start} (a command, run without a shell in the provider
   * file's directory), a readiness check, and an optional {@code stop} command (SIGTERM otherwise).
   * Arguments, environment values and the check may name the {@link #HAND_OFF} placeholders.
   *
   * @param environment extra environment variables for the provider, besides the {@code PUSHSIM_*} ones
   * @param providerPort the provider's own port, {@code {providerPort}}: 0 (the default) picks a free one
   * @param log where the provider's output goes, relative to the data directory
   */
  public record Lifecycle(List<String> start, Map<String, String> environment, Integer providerPort, Ready ready,
      List<String> stop,
      String log) {
    public Lifecycle {
      if (start == null || start.isEmpty() || start.get(0).isBlank()) {
        throw new IllegalArgumentException(
            "start is a list: the program, then its arguments, e.g. [node, provider.js]");
      }
      environment = environment == null ? Map.of() : Map.copyOf(environment);
      providerPort = providerPort == null ? 0 : providerPort;
      if (providerPort < 0 || providerPort > 65_535) {
        throw new IllegalArgumentException("providerPort is 0 (a free one) to 65535, not " + providerPort);
      }
      if (ready == null) {
        throw new IllegalArgumentException(
            "ready is missing: a url answering 2xx once the provider is up, or a command exiting 0");
      }
      stop = stop == null ? List.of() : List.copyOf(stop);
      log = log == null ? "provider.log" : log;
      start.forEach(argument -> Template.parse(argument, HAND_OFF, "lifecycle.start"));
      environment.forEach((key, value) -> Template.parse(value, HAND_OFF, "lifecycle.environment." + key));
    }

    /**
     * When the provider is up: {@code url} answers 2xx, or {@code command} exits 0.
     *
     * @param timeoutMillis how long it may take to come up (default 30000)
     */
    public record Ready(String url, List<String> command, Integer timeoutMillis) {
      public Ready {
        if ((url == null) == (command == null || command.isEmpty())) {
          throw new IllegalArgumentException("ready names exactly one check: url (answers 2xx) or command (exits 0)");
        }
        if (url != null) {
          Template.parse(url, HAND_OFF, "lifecycle.ready.url");
        }
        command = command == null ? List.of() : List.copyOf(command);
        timeoutMillis = timeoutMillis == null ? 30_000 : timeoutMillis;
        if (timeoutMillis < 1) {
          throw new IllegalArgumentException("ready.timeoutMillis must be positive, not " + timeoutMillis);
        }
      }
    }
  }

  /**
   * Where the provider sends its pushes, and the credentials PushSim trusts across scenarios.
   *
   * @param dataDir the CA ({@code pushsim-ca.pem}, which the provider must trust), the team's
   *     {@code AuthKey_<keyId>.p8} and the app's {@code .p12}; relative to the provider file
   */
  public record Apns(Integer sandboxPort, Integer productionPort, String dataDir, String teamId, String keyId,
      String bundleId) {
    public Apns {
      sandboxPort = port(sandboxPort, 2197, "sandboxPort");
      productionPort = port(productionPort, 2198, "productionPort");
      if (sandboxPort != 0 && sandboxPort.equals(productionPort)) {
        throw new IllegalArgumentException(
            "sandboxPort and productionPort must differ: the host tells the provider's environment");
      }
      dataDir = dataDir == null ? "pushsim-data" : dataDir;
      teamId = SigningKey.requireAppleId(teamId == null ? "TEAM123456" : teamId, "teamId");
      keyId = SigningKey.requireAppleId(keyId == null ? "KEY1234567" : keyId, "keyId");
      bundleId = bundleId == null ? "com.example.phone" : bundleId;
    }

    private static Integer port(Integer value, int fallback, String what) {
      int port = value == null ? fallback : value;
      // 0: PushSim picks a free port once per run and hands it to the provider it starts (lifecycle).
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(what + " is 0 (a free one) to 65535, not " + port);
      }
      return port;
    }
  }

  /**
   * Drives the provider with HTTP requests: {@code baseUrl} plus one request per operation.
   *
   * @param timeoutMillis how long one request may take
   */
  public record HttpAdapter(String baseUrl, Integer timeoutMillis, Map<String, String> headers,
      HttpRequestTemplate registerToken,
      HttpRequestTemplate unregisterToken, HttpRequestTemplate placeCall, HttpRequestTemplate sendMessage,
          HttpRequestTemplate presence) {
    public HttpAdapter {
      if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
        throw new IllegalArgumentException("baseUrl must be an http:// or https:// URL, not "
            + (baseUrl == null ? "missing" : "'" + baseUrl + "'"));
      }
      timeoutMillis = timeoutMillis == null ? 5_000 : timeoutMillis;
      Template.parse(baseUrl, java.util.Set.of("providerPort"), "baseUrl");
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      byOperation(registerToken, unregisterToken, placeCall, sendMessage, presence).forEach(HttpAdapter::check);
    }

    private static void check(Operation operation, HttpRequestTemplate request) {
      Template.parse(request.path(), operation.placeholders(), operation.key() + ".path");
      if (request.body() != null) {
        Template.parse(request.body(), operation.placeholders(), operation.key() + ".body");
      }
    }

    Map<Operation, HttpRequestTemplate> operations() {
      return byOperation(registerToken, unregisterToken, placeCall, sendMessage, presence);
    }
  }

  /**
   * One HTTP request: placeholders in {@code path} are URL-encoded, in {@code body} JSON-escaped
   * (write them inside the JSON strings: {@code "token": "{token}"}).
   */
  public record HttpRequestTemplate(String method, String path, String body) {
    public HttpRequestTemplate {
      method = method == null ? "POST" : method;
      if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
        throw new IllegalArgumentException("method is GET, POST, PUT, DELETE or PATCH, not '" + method + "'");
      }
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with /, relative to baseUrl"
            + (path == null ? "" : ", not '" + path + "'"));
      }
    }
  }

  /**
   * Drives the provider with programs: one argument list per operation, run without a shell
   * (placeholders become whole arguments or parts of one, never more words), in the provider
   * file's directory; exit status 0 is success.
   *
   * @param timeoutMillis how long one command may run
   */
  public record CommandAdapter(Integer timeoutMillis, List<String> registerToken, List<String> unregisterToken,
      List<String> placeCall,
      List<String> sendMessage, List<String> presence) {
    public CommandAdapter {
      timeoutMillis = timeoutMillis == null ? 10_000 : timeoutMillis;
      byOperation(registerToken, unregisterToken, placeCall, sendMessage, presence).forEach(CommandAdapter::check);
    }

    private static void check(Operation operation, List<String> argv) {
      if (argv.isEmpty() || argv.get(0).isBlank()) {
        throw new IllegalArgumentException(operation.key() + ": a command is a list: the program, then its arguments");
      }
      argv.forEach(argument -> Template.parse(argument, operation.placeholders(), "an argument of " + operation.key()));
    }

    Map<Operation, List<String>> operations() {
      return byOperation(registerToken, unregisterToken, placeCall, sendMessage, presence);
    }
  }

  /**
   * The operations an adapter names, in {@link Operation} order; an absent one is left out. The
   * arguments come in that order too.
   */
  private static <T> Map<Operation, T> byOperation(T registerToken, T unregisterToken, T placeCall, T sendMessage,
      T presence) {
    Map<Operation, T> all = new EnumMap<>(Operation.class);
    List<T> values = Arrays.asList(registerToken, unregisterToken, placeCall, sendMessage, presence);
    for (Operation operation : Operation.values()) {
      if (values.get(operation.ordinal()) != null) {
        all.put(operation, values.get(operation.ordinal()));
      }
    }
    return all;
  }

  private static Set<Capability> declared(List<String> keys) {
    Set<Capability> all = java.util.EnumSet.noneOf(Capability.class);
    keys.forEach(key -> all.add(Capability.of(key)));
    return all;
  }

  /**
   * What the provider does: the declared capabilities, or all but {@code voip-only} when none are
   * declared; plus the authentication of {@code auth}.
   */
  public Set<Capability> capabilitySet() {
    Set<Capability> all = capabilities == null
        ? java.util.EnumSet.of(Capability.ALERTS, Capability.SINCH_DISPLAY_NAME_ALERT,
        Capability.VOIP_ONLY_FOR_OFFLINE_USERS)
        : declared(capabilities);
    all.add("token".equals(auth) ? Capability.TOKEN_AUTH : Capability.CERTIFICATE_AUTH);
    return all;
  }

  /** The operations the adapter can run. */
  public Set<Operation> operations() {
    return http != null ? http.operations().keySet() : command.operations().keySet();
  }

  /**
   * Reads a provider file; relative paths in it are taken from its directory.
   *
   * @throws YamlFiles.InvalidFileException naming the file, line, column and what is wrong
   */
  public static Located read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      ProviderFile spec = YamlFiles.read(in, file.toString(), ProviderFile.class);
      if (spec == null) {
        throw new IllegalArgumentException(file
            + ": is empty; see the README's \"Testing your own provider\" for what it holds");
      }
      return new Located(spec, file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** A provider file and the directory its relative paths start from. */
  public record Located(ProviderFile spec, Path directory) {
    public Located {
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(directory, "directory");
    }

    public Path dataDir() {
      return directory.resolve(spec.apns().dataDir());
    }

    /** The adapter that drives the provider. */
    public ProviderUnderTest adapter() {
      return adapter(Map.of());
    }

    /**
     * The adapter that drives the provider, with the hand-off values: {@code {providerPort}} in
     * {@code baseUrl}, and the {@code PUSHSIM_*} variables for the commands.
     */
    public ProviderUnderTest adapter(Map<String, String> handOff) {
      return spec.http() != null
          ? AdaptedProvider.http(spec.name(), spec.http(), handOff)
          : AdaptedProvider.command(spec.name(), spec.command(), directory, ProviderProcess.environmentOf(handOff));
    }
  }
}
