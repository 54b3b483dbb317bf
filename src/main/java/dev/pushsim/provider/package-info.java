/**
 * Push providers: the bundled reference provider (Tencent- and Sinch-style token registration,
 * calls and messages sent over real APNs clients with Apple's retry rules) and the adapters that
 * drive a vendor's own provider from {@code provider.yaml}.
 *
 * <p>A client: may use the model packages and {@code world}; nothing below it knows it.
 */
package dev.pushsim.provider;
