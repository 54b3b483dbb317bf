/**
 * The vocabulary every layer speaks: environments, the two token channels, push types, Apple's
 * reasons, device tokens and their registry, the push APNs accepted, and how a configuration file
 * (key, certificate, YAML) is read with a size cap.
 *
 * <p>May use: the JDK, and Jackson for reading a payload. Nothing else of PushSim's: the fake APNs,
 * the device model and every client build on these types, so they must not build on them.
 */
package dev.pushsim.push;
