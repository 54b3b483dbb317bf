/**
 * JUnit 5 support: an extension that gives each test a running simulator.
 *
 * <p>A client: may use {@code world} and the model packages.
 */
package dev.pushsim.junit;
