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

  /**
   * Starts the selected provider when its file has a lifecycle section and waits until it is up.
   *
   * @return a line for the console saying how it was started, or null when the provider runs by itself
   * @throws dev.pushsim.provider.ProviderFailure in one sentence when it does not come up
   */
  public static String start() {
    ExternalProvider provider = external;
    return provider == null ? null : provider.start();
  }

  /** Scenarios from now on drive the bundled reference provider; a provider PushSim started is stopped. */
  public static void useReference() {
    ExternalProvider provider = external;
    external = null;
    if (provider != null) {
      provider.stop();
    }
  }

  /** The provider scenarios drive, and where it is expected to send its pushes, in one line. */
  public static String describe() {
    ExternalProvider provider = external;
    return provider == null ? "the bundled reference provider" : provider.describe();
  }

  /** The provider scenarios drive, by name. */
  static String describeName() {
    ExternalProvider provider = external;
    return provider == null ? "the bundled reference provider" : provider.name();
  }

  /** The external provider, or null for the reference provider. */
  static ExternalProvider external() {
    return external;
  }
}
