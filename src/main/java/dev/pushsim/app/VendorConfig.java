package dev.pushsim.app;

import dev.pushsim.device.AppSpec;
import dev.pushsim.push.Environment;
import java.util.Objects;

/**
 * How the calling SDK inside an app is set up: which APS environment it was told the app is
 * signed for, and the vendor's certificate ID.
 *
 * @param configuredEnvironment what the SDK was told (Sinch {@code managedPushWithAPSEnvironment:});
 *     nothing on the phone checks it against the signing, so it may differ from the app's
 * @param certificateId Tencent's {@code V2TIMVOIPConfig.certificateID}, which differs between
 *     development and production; null for vendors without one (Sinch)
 */
public record VendorConfig(Environment configuredEnvironment, String certificateId) {

  public VendorConfig {
    Objects.requireNonNull(configuredEnvironment, "configuredEnvironment");
  }

  /** An SDK told {@code environment}, without a certificate ID. */
  public static VendorConfig of(Environment environment) {
    return new VendorConfig(environment, null);
  }

  /** An SDK configured for the environment {@code spec} is signed for: the correct setup. */
  public static VendorConfig matching(AppSpec spec) {
    return of(spec.environment());
  }

  public VendorConfig withConfiguredEnvironment(Environment value) {
    return new VendorConfig(value, certificateId);
  }

  public VendorConfig withCertificateId(String value) {
    return new VendorConfig(configuredEnvironment, value);
  }
}
