/**
 * One simulated world: the {@link dev.pushsim.world.Simulator} that composes the fake APNs, the
 * devices, the journal and the clock, and loads {@code world.yaml}.
 *
 * <p>May use: every model package ({@code push}, {@code clock}, {@code journal}, {@code apns},
 * {@code device}, {@code app}); none of the clients.
 */
package dev.pushsim.world;
