package dev.pushsim.admin;

import java.time.Duration;

/**
 * What one admin client may take of the server: time to send its request, bytes in each part of it,
 * connections. Every limit is answered with its own status and a sentence, and none holds a thread.
 *
 * @param headerTimeout from connecting (or the previous answer) to the end of the request's headers
 * @param bodyTimeout from the end of the headers to the end of the body
 * @param maxConnections open connections at most; the next one is answered 503 and closed
 */
record AdminLimits(Duration headerTimeout, Duration bodyTimeout, int maxConnections) {

  /** A request line longer than this is answered 414 (paths are device names, short). */
  static final int MAX_REQUEST_LINE = 8_192;
  /** Headers larger than this in all are answered 431. */
  static final int MAX_HEADER_BYTES = 16_384;
  /** A body larger than this is answered 413. */
  static final int MAX_BODY_BYTES = AdminRequest.MAX_BODY_BYTES;
  /** Requests a client may pipeline behind the one being answered before it is disconnected. */
  static final int MAX_PIPELINED = 16;
  /** How long a journal stream waits for a client to read what it was sent before giving up on it. */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  static final AdminLimits DEFAULTS = new AdminLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), 512);

  AdminLimits {
    if (headerTimeout.isNegative() || headerTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
      throw new IllegalArgumentException("The admin read timeouts must be positive, not " + headerTimeout + " and " + bodyTimeout);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("The admin server needs at least 1 connection, not " + maxConnections);
    }
  }
}
