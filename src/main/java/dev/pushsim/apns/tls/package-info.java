/**
 * TLS for the fake APNs: the development CA that issues the server and client certificates, Apple's
 * certificate extensions, and the check of a provider's client certificate.
 *
 * <p>May use: {@code push}, {@code clock}.
 */
package dev.pushsim.apns.tls;
