package dev.pushsim.cli;

import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.ClientCertificate;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.clock.SimClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pushsim cert}: mints an APNs client certificate (.p12) from the simulator's CA. */
@Command(
    name = "cert",
    mixinStandardHelpOptions = true,
    description = {
      "Mints an Apple-style APNs client certificate for an app, signed by the CA in the data directory",
      "(the one `pushsim serve` uses; created there when missing), and writes it as a .p12 that Pushy,",
      "curl (--cert-type P12) and other providers load."
    },
    footer = {"", "Kinds: development (sandbox only), production (production only),",
        "       universal (both; topics <bundle>, .voip, .complication), voip-services (both; topic <bundle>.voip)",
        "", "Examples:", "  pushsim cert --bundle-id com.example.voip",
        "  pushsim cert --bundle-id com.example.voip --kind development --out dev.p12 --password secret"})
final class CertCommand implements Callable<Integer> {

  @Option(names = "--bundle-id", required = true, description = "The app's bundle id.")
  String bundleId;

  @Option(names = "--kind", description = "development, production, universal or voip-services (default: ${DEFAULT-VALUE}).")
  String kind = "voip-services";

  @Option(names = "--data-dir", description = "Where the CA lives (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("pushsim-data");

  @Option(names = "--out", paramLabel = "FILE", description = "The .p12 to write (default: <data-dir>/<bundle-id>.<kind>.p12).")
  Path out;

  @Option(names = "--password", description = "The .p12 password (default: ${DEFAULT-VALUE}).")
  String password = ClientCertificate.DEFAULT_P12_PASSWORD;

  @Override
  public Integer call() throws Exception {
    CertificateKind certificateKind = parseKind(kind);
    Files.createDirectories(dataDir);
    DevelopmentCa ca = DevelopmentCa.loadOrCreate(dataDir, SimClock.system());
    ClientCertificate certificate = ca.mintClientCertificate(bundleId, certificateKind);
    Path file = out != null ? out : dataDir.resolve(bundleId + "." + kind + ".p12");
    certificate.writeP12(file, password.toCharArray());
    System.out.println("Wrote " + file.toAbsolutePath());
    System.out.println("  kind         " + kind + " (" + certificate.environments() + ")");
    System.out.println("  topics       " + certificate.topics());
    System.out.println("  password     " + password);
    System.out.println("  issued by    " + dataDir.resolve(DevelopmentCa.CERTIFICATE_FILE).toAbsolutePath() + " (trust it as the server CA too)");
    return 0;
  }

  static CertificateKind parseKind(String text) {
    try {
      return CertificateKind.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown certificate kind '" + text + "': use development, production, universal or voip-services.");
    }
  }
}
