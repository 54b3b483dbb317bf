/**
 * The journal: every APNs exchange and every device event, numbered in order, kept in memory,
 * queried with one pattern type and written to NDJSON.
 *
 * <p>May use: {@code clock}. It stores events without knowing what they mean, so the fake APNs and
 * the device model can both write to it.
 */
package dev.pushsim.journal;
