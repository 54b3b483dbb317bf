/**
 * Simulated time: the {@link dev.pushsim.clock.SimClock} every deadline reads, virtual in tests and
 * scenarios, the host's clock when PushSim runs standalone.
 *
 * <p>May use: the JDK and Netty's timer wheel. Nothing else of PushSim's.
 */
package dev.pushsim.clock;
