package dev.pushsim.device;

import dev.pushsim.apns.Environment;

/**
 * A device token an app registered with the provider, with what the app's SDK said about it.
 *
 * @param environment the APS environment the SDK was configured with (may not match the signing)
 * @param certificateId Tencent-style certificate ID, or null
 * @param pushType "voip" or "apns"
 */
public record TokenRegistration(String userId, String token, String bundleId, Environment environment, String certificateId, String pushType) {}
