/**
 * The simulated iPhone: installed apps, their process states, and the PushKit and CallKit rules
 * iOS applies to a VoIP push (the report deadline, the kill, the strikes), on simulated time.
 *
 * <p>May use: {@code push}, {@code clock}, {@code journal}. It never sees APNs: pushes arrive as
 * {@link dev.pushsim.push.AcceptedPush} values handed over by the world.
 */
package dev.pushsim.device;
