package dev.pushsim.provider;

/** A provider under test refused or failed an operation; the message says which and how. */
public final class ProviderFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProviderFailure(String message) {
    super(message);
  }

  public ProviderFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
