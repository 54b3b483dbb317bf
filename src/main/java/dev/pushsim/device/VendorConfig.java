package dev.pushsim.device;

import dev.pushsim.apns.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the calling SDK inside an app is set up: where it registers and unregisters the VoIP
 * token, which APS environment it was told the app is signed for, and the vendor's certificate ID.
 *
 * @param registerUrl the vendor backend's token registration endpoint
 * @param unregisterUrl the endpoint a logout calls
 * @param configuredEnvironment what the SDK was told (Sinch {@code managedPushWithAPSEnvironment:});
 *     nothing on the phone checks it against the signing, so it may differ from the app's
 * @param certificateId Tencent's {@code V2TIMVOIPConfig.certificateID}, which differs between
 *     development and production; null for vendors without one (Sinch)
 * @param timeout how long the SDK waits for the backend
 */
public record VendorConfig(URI registerUrl, URI unregisterUrl, Environment configuredEnvironment, String certificateId, Duration timeout) {

  /** How long the SDK waits for the backend when no timeout is given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  public VendorConfig {
    Objects.requireNonNull(registerUrl, "registerUrl");
    Objects.requireNonNull(unregisterUrl, "unregisterUrl");
    Objects.requireNonNull(configuredEnvironment, "configuredEnvironment");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The vendor backend timeout must be positive, not " + timeout);
    }
  }

  /** An SDK told {@code environment}, without a certificate ID, waiting the default timeout. */
  public static VendorConfig of(URI registerUrl, URI unregisterUrl, Environment environment) {
    return new VendorConfig(registerUrl, unregisterUrl, environment, null, DEFAULT_TIMEOUT);
  }

  /** An SDK configured for the environment {@code spec} is signed for: the correct setup. */
  public static VendorConfig matching(AppSpec spec, URI registerUrl, URI unregisterUrl) {
    return of(registerUrl, unregisterUrl, spec.environment());
  }

  public VendorConfig withConfiguredEnvironment(Environment value) {
    return new VendorConfig(registerUrl, unregisterUrl, value, certificateId, timeout);
  }

  public VendorConfig withCertificateId(String value) {
    return new VendorConfig(registerUrl, unregisterUrl, configuredEnvironment, value, timeout);
  }

  public VendorConfig withTimeout(Duration value) {
    return new VendorConfig(registerUrl, unregisterUrl, configuredEnvironment, certificateId, value);
  }
}
