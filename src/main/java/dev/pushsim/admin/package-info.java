/**
 * The admin REST API and the dashboard it serves: the Java API of a running simulator over HTTP.
 *
 * <p>A client: may use the model packages and {@code world}; nothing below it knows it.
 */
package dev.pushsim.admin;
