package dev.pushsim.app;

import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;

/**
 * A device token an app registered with the provider, with what the app's SDK said about it.
 *
 * @param environment the APS environment the SDK was configured with (may not match the signing)
 * @param certificateId Tencent-style certificate ID, or null
 * @param channel which of the app's two tokens this is (VoIP or UserNotifications)
 */
public record TokenRegistration(String userId, String token, String bundleId, Environment environment, String certificateId, Channel channel) {}
