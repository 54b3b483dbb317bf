package dev.pushsim.apns;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A notification APNs accepted (answered 200) and now carries towards the device.
 *
 * @param apnsId the id APNs answered with
 * @param token the device token it addresses, as registered
 * @param pushType the push type, from the header or inferred from the topic
 * @param topic the topic it was sent on
 * @param priority 10, 5 or 1
 * @param expiration {@code apns-expiration} in seconds since the epoch; 0 = now or never; null = absent
 * @param collapseId the {@code apns-collapse-id}, or null
 * @param payload the JSON payload
 * @param environment the server that accepted it
 */
public record AcceptedPush(
    String apnsId,
    DeviceToken token,
    PushType pushType,
    String topic,
    int priority,
    Long expiration,
    String collapseId,
    ObjectNode payload,
    Environment environment) {}
