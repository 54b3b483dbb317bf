package dev.pushsim.device;

import dev.pushsim.push.Environment;
import java.util.Map;
import java.util.Objects;

/**
 * An app build to install: its bundle id, the APS environment of its signing (a development
 * profile means sandbox tokens), its capabilities, its behaviour, and its localized strings.
 */
public record AppSpec(String bundleId, Environment environment, Capabilities capabilities, AppBehaviour behaviour, Map<String, String> localizations) {

  public AppSpec {
    Objects.requireNonNull(bundleId, "bundleId");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(behaviour, "behaviour");
    localizations = Map.copyOf(localizations);
  }

  /** A VoIP app signed for development that reports every call at once. */
  public static AppSpec voipApp(String bundleId) {
    return new AppSpec(bundleId, Environment.SANDBOX, Capabilities.voipApp(), AppBehaviour.reportImmediately(), Map.of());
  }

  public AppSpec signedFor(Environment value) {
    return new AppSpec(bundleId, value, capabilities, behaviour, localizations);
  }

  public AppSpec withCapabilities(Capabilities value) {
    return new AppSpec(bundleId, environment, value, behaviour, localizations);
  }

  public AppSpec withBehaviour(AppBehaviour value) {
    return new AppSpec(bundleId, environment, capabilities, value, localizations);
  }
}
