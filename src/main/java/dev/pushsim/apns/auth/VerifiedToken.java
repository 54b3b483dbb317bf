package dev.pushsim.apns.auth;

import java.security.interfaces.ECPublicKey;

/**
 * The claims of a token whose signature verified, and the public key it verified with: a cached
 * entry is trusted only while the directory still holds that same key.
 */
record VerifiedToken(String keyId, String teamId, long issuedAtSeconds, ECPublicKey verifiedWith) {}
