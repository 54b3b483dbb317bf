package dev.pushsim.apns.auth;

import java.util.Optional;

/**
 * The token state of one HTTP/2 connection: the key id its first token bound it to, its current
 * token, and when that token last changed. Made by {@link TokenAuthenticator#newSession()}.
 *
 * <p>Used by one thread at a time, but a connection may move between threads, so the whole state
 * is one immutable snapshot behind a volatile reference.
 */
public final class TokenSession {

  /**
   * @param token the token string last accepted on this connection
   * @param verified its verified claims, for the fast path
   * @param boundKeyId the key id of the first accepted token; Apple's UnrelatedKeyIdInToken rule
   * @param teamId the team of that key
   * @param changedAtMillis when the token was first used or last changed on this connection
   * @param repeated the decision for each further request with the same token, built once
   */
  record State(
      String token,
      VerifiedToken verified,
      String boundKeyId,
      String teamId,
      long changedAtMillis,
      AuthDecision repeated) {}

  private volatile State state;
  /** The raw authorization header last accepted: the same header again needs no parsing. */
  private volatile String acceptedHeader;

  TokenSession() {}

  String acceptedHeader() {
    return acceptedHeader;
  }

  void acceptedHeader(String header) {
    this.acceptedHeader = header;
  }

  State state() {
    return state;
  }

  void state(State newState) {
    this.state = newState;
  }

  /** True once a token has been accepted on this connection. */
  public boolean authenticated() {
    return state != null;
  }

  /** The key id this connection is bound to by its first accepted token. */
  public Optional<String> keyId() {
    State current = state;
    return current == null ? Optional.empty() : Optional.of(current.boundKeyId());
  }

  /** The team this connection authenticated as. */
  public Optional<String> teamId() {
    State current = state;
    return current == null ? Optional.empty() : Optional.of(current.teamId());
  }

  @Override
  public String toString() {
    State current = state;
    return current == null
        ? "TokenSession{unauthenticated}"
        : "TokenSession{keyId=" + current.boundKeyId() + ", teamId=" + current.teamId() + "}";
  }
}
