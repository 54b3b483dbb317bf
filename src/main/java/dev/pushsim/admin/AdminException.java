package dev.pushsim.admin;

import java.util.Map;

/** A request the admin API refuses: the HTTP status and a sentence saying what is wrong. */
final class AdminException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Map<String, String> headers;

  AdminException(int status, String message) {
    this(status, message, Map.of());
  }

  AdminException(int status, String message, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  static AdminException notFound(String message) {
    return new AdminException(404, message);
  }

  static AdminException badRequest(String message) {
    return new AdminException(400, message);
  }

  static AdminException conflict(String message) {
    return new AdminException(409, message);
  }

  int status() {
    return status;
  }

  Map<String, String> headers() {
    return headers;
  }
}
