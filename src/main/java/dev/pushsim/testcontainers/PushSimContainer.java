package dev.pushsim.testcontainers;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * PushSim's image as a Testcontainers container: a fake APNs with sandbox and production
 * endpoints, the CA to trust and a team's {@code .p8}, read from the container's data directory.
 *
 * <pre>{@code
 * try (PushSimContainer pushsim = new PushSimContainer()) {
 *   pushsim.start();
 *   new ApnsClientBuilder().setApnsServer(pushsim.getHost(), pushsim.sandboxPort())
 *       .setTrustedServerCertificateChain(new ByteArrayInputStream(pushsim.caPem()))
 *       .setSigningKey(ApnsSigningKey.loadFromInputStream(new ByteArrayInputStream(pushsim.p8()),
 *           PushSimContainer.TEAM_ID, pushsim.keyId()));
 * }
 * }</pre>
 */
public class PushSimContainer extends GenericContainer<PushSimContainer> {

  /** The image {@code src/container/build-image.sh} builds (no registry holds it). */
  public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("localhost/pushsim:latest");
  /** The team of the image's default world ({@code simulator/world.yaml}). */
  public static final String TEAM_ID = "PUSHSIMDEV";

  static final int SANDBOX_PORT = 2197;
  static final int PRODUCTION_PORT = 2198;
  static final int ADMIN_PORT = 8197;
  private static final String DATA = "/data/";
  private static final String WORLD = "/srv/pushsim/world.yaml";

  private final String adminToken = randomToken();

  public PushSimContainer() {
    this(DEFAULT_IMAGE);
  }

  public PushSimContainer(DockerImageName image) {
    super(image);
    withExposedPorts(SANDBOX_PORT, PRODUCTION_PORT, ADMIN_PORT);
    // Known to the test, so the wait and adminToken() need no file from the container.
    withEnv("PUSHSIM_ADMIN_TOKEN", adminToken);
    // JWTs from a provider carry the host's time: the server's clock must be the same one.
    withEnv("PUSHSIM_CLOCK", "system");
    // The health route answers once every endpoint is bound (the image's HEALTHCHECK asks the same;
    // podman runs no health checks without systemd, so the wait asks directly).
    waitingFor(Wait.forHttp("/admin/health").forPort(ADMIN_PORT)
        .withHeader("Authorization", "Bearer " + adminToken)
        .withStartupTimeout(Duration.ofSeconds(120)));
  }

  /** Starts the container with {@code worldFile} (teams, devices, apps) instead of the default world. */
  public PushSimContainer withWorld(Path worldFile) {
    withCopyFileToContainer(MountableFile.forHostPath(worldFile, 0644), WORLD);
    return withEnv("PUSHSIM_WORLD", WORLD);
  }

  @Override
  protected void configure() {
    // The certificate must name the host the client dials: localhost here, a remote Docker host's name elsewhere.
    withEnv("PUSHSIM_TLS_NAME", getHost());
  }

  /** Where a provider sends sandbox pushes: {@code https://host:port}. */
  public String sandboxUrl() {
    return "https://" + getHost() + ":" + sandboxPort();
  }

  /** Where a provider sends production pushes: {@code https://host:port}. */
  public String productionUrl() {
    return "https://" + getHost() + ":" + productionPort();
  }

  /** The admin API and dashboard, {@code http://host:port}; send {@link #adminToken()} as a bearer token. */
  public String adminUrl() {
    return "http://" + getHost() + ":" + getMappedPort(ADMIN_PORT);
  }

  public int sandboxPort() {
    return getMappedPort(SANDBOX_PORT);
  }

  public int productionPort() {
    return getMappedPort(PRODUCTION_PORT);
  }

  public String adminToken() {
    return adminToken;
  }

  /** The CA that signed the server certificate, PEM: what a provider trusts. */
  public byte[] caPem() {
    return read(DATA + "pushsim-ca.pem");
  }

  /** The key id of {@link #TEAM_ID}'s first signing key, minted by the container at its first start. */
  public String keyId() {
    return keyId(TEAM_ID);
  }

  /** The key id of {@code teamId}'s first minted signing key (a world key entry without a {@code p8}). */
  public String keyId(String teamId) {
    Properties minted = new Properties();
    try {
      minted.load(new StringReader(new String(read(DATA + "minted-keys.properties"), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String keyId = minted.getProperty(teamId + ".0");
    if (keyId == null) {
      throw new IllegalStateException("PushSim minted no key for team " + teamId + ": its world names none,"
          + " or names a p8 file of its own");
    }
    return keyId;
  }

  /** {@link #TEAM_ID}'s {@code .p8} (PKCS#8 PEM), for the provider's token authentication. */
  public byte[] p8() {
    return p8(TEAM_ID);
  }

  public byte[] p8(String teamId) {
    return read(DATA + "AuthKey_" + keyId(teamId) + ".p8");
  }

  private byte[] read(String path) {
    return copyFileFromContainer(path, in -> in.readAllBytes());
  }

  private static String randomToken() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
