/**
 * What runs inside a simulated app: the calling SDK (its token flow to a vendor's backend) and
 * behaviours that let a vendor's own code, behind a webhook, decide what the PushKit delegate does.
 *
 * <p>May use: {@code device}, {@code push}, {@code journal}, {@code clock}.
 */
package dev.pushsim.app;
