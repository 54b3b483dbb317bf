/**
 * APNs token-based provider authentication: signing keys, the teams that own them, minting of
 * provider tokens (JWTs), and the server-side check of the {@code authorization: bearer} header
 * with Apple's rules and reasons.
 *
 * <p>May use: {@code push}, {@code clock}.
 */
package dev.pushsim.apns.auth;
