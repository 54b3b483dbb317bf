package dev.pushsim.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for options from {@code PUSHSIM_*} environment variables, named after the long option:
 * {@code --sandbox-port} reads {@code PUSHSIM_SANDBOX_PORT}, {@code --tls-name} reads {@code
 * PUSHSIM_TLS_NAME} (several values separated by commas). A flag on the command line wins; how a
 * container or a CI job configures {@code serve} without a wrapper script.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

  static final String PREFIX = "PUSHSIM_";

  private final Map<String, String> environment;

  /** Reads the process environment (picocli's no-argument constructor). */
  EnvironmentDefaults() {
    this(System.getenv());
  }

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** {@code PUSHSIM_SANDBOX_PORT} for {@code --sandbox-port}. */
  static String variableFor(OptionSpec option) {
    return PREFIX + option.longestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String value = environment.get(variableFor(option));
    return value == null || value.isBlank() ? null : value.trim();
  }
}
