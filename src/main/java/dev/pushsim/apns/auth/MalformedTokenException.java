package dev.pushsim.apns.auth;

/** Why a provider token could not be parsed; its message is the detail of the rejection. */
final class MalformedTokenException extends Exception {

  MalformedTokenException(String detail) {
    // No stack trace: garbage tokens are expected input, not a bug, and may come by thousands.
    super(detail, null, false, false);
  }
}
