package dev.pushsim.cli;

import dev.pushsim.apns.auth.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pushsim key}: mints a token-auth signing key (.p8) as Apple issues them. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = {
      "Mints a P-256 signing key for token (JWT) authentication and writes it as Apple's AuthKey_<KEYID>.p8.",
      "Name it in the world file so that `pushsim serve` knows it; point your provider at the .p8."
    },
    footer = {"", "Examples:", "  pushsim key --team-id TEAM123456", "  pushsim key --team-id TEAM123456 --key-id ABC123DEFG --out-dir simulator"})
final class KeyCommand implements Callable<Integer> {

  @Option(names = "--team-id", required = true, description = "The 10-character Team ID the key belongs to.")
  String teamId;

  @Option(names = "--key-id", description = "The 10-character Key ID (default: a random one).")
  String keyId;

  @Option(names = "--out-dir", paramLabel = "DIR", description = "Where to write the .p8 (default: ${DEFAULT-VALUE}).")
  Path outDir = Path.of("pushsim-data");

  @Override
  public Integer call() throws Exception {
    SigningKey key = keyId == null ? SigningKey.generate(teamId) : SigningKey.generate(teamId, keyId);
    Files.createDirectories(outDir);
    Path p8 = outDir.resolve(SigningKey.p8FileName(key.keyId())).toAbsolutePath();
    key.writeP8(p8);
    System.out.println("Wrote " + p8);
    System.out.println("  team id  " + key.teamId());
    System.out.println("  key id   " + key.keyId());
    System.out.println();
    System.out.println("In the world file (p8 relative to the world file):");
    System.out.println("teams:");
    System.out.println("  - teamId: " + key.teamId());
    System.out.println("    keys: [{ keyId: " + key.keyId() + ", p8: " + p8 + " }]");
    return 0;
  }
}
