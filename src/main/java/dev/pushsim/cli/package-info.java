/**
 * The {@code pushsim} command line: {@code serve}, {@code test}, {@code push}, {@code key},
 * {@code cert} and {@code steps}.
 *
 * <p>The outermost client: may use every package; none may use it.
 */
package dev.pushsim.cli;
