/**
 * The Cucumber step library: a fresh world per scenario, thin steps over it, parameter types for
 * the domain, and failure text that leads with the cause.
 *
 * <p>A client: may use every other package but {@code cli}.
 */
package dev.pushsim.harness;
