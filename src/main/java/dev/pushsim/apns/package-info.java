/**
 * The fake APNs: an HTTP/2 server over TLS that checks each request in Apple's order and answers
 * with Apple's status and reason, plus faults an operator can arm.
 *
 * <p>May use: {@code push}, {@code clock}, {@code journal}, and its own {@code auth} and {@code tls}.
 * It is the only package that speaks Netty's HTTP/2 codec, and it never sees a device: an accepted
 * push leaves it through {@link dev.pushsim.apns.PushRouter}, which the world implements.
 */
package dev.pushsim.apns;
