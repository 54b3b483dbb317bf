package dev.pushsim.apns.auth;

/**
 * The parts of a well-formed ES256 provider token, before its signature is checked.
 *
 * @param keyId the header's {@code kid}
 * @param teamId the claims' {@code iss}
 * @param issuedAtSeconds the claims' {@code iat}
 * @param signingInput the ASCII bytes of {@code header.claims}, what the signature covers
 * @param rawSignature r‖s, 64 bytes, whichever form the token carried
 * @param der true when the token carried a DER signature
 */
record ParsedToken(
    String keyId,
    String teamId,
    long issuedAtSeconds,
    byte[] signingInput,
    byte[] rawSignature,
    boolean der) {}
