package dev.pushsim.harness;

import dev.pushsim.provider.ProviderFile;

/**
 * Which provider this JVM's scenarios drive: the bundled reference provider, or a vendor's through
 * a provider file. It is JVM-wide because Cucumber builds the step library itself, with no way to
 * hand it an object; {@code pushsim test --provider} sets it before the run and clears it after.
 */
public final class ProviderSelection {

  private static volatile ExternalProvider external;

  private ProviderSelection() {}

  /**
   * Scenarios from now on drive the provider of {@code file}; its data directory is prepared
   * first (CA, key and certificates minted when missing).
   */
  public static void use(ProviderFile.Located file) {
    external = ExternalProvider.prepare(file);
  }

  /** Scenarios from now on drive the bundled reference provider. */
  public static void useReference() {
    external = null;
  }

  /** The provider scenarios drive, and where it is expected to send its pushes, in one line. */
  public static String describe() {
    ExternalProvider provider = external;
    return provider == null ? "the bundled reference provider" : provider.describe();
  }

  /** The external provider, or null for the reference provider. */
  static ExternalProvider external() {
    return external;
  }
}
