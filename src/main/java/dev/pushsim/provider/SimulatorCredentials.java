package dev.pushsim.provider;

import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a vendor would configure the reference provider with for a running simulator: a VoIP
 * Services and an Apple Push Services certificate minted by the simulator's CA, written as
 * {@code .p12} to a temporary directory the provider deletes when it closes, and both APNs hosts.
 */
final class SimulatorCredentials {

  private static final Logger log = LoggerFactory.getLogger(SimulatorCredentials.class);

  private SimulatorCredentials() {}

  static ReferenceProviderBuilder builderFor(Simulator sim, String bundleId) {
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
    ReferenceProviderBuilder builder = ReferenceProvider.builder()
        .bundleId(bundleId)
        .trust(sim.ca().certificate())
        .certificate(voip, password)
        .alertCertificate(alerts, password)
        .clock(sim.clock());
    for (Environment environment : Environment.values()) {
      builder.apns(environment, "localhost", sim.server(environment).port());
    }
    builder.ownedDirectory(dir);
    return builder;
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.debug("Could not delete {}: {}", dir, e.getMessage());
    }
  }
}
