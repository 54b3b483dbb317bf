package dev.pushsim.device;

/**
 * Why CallKit refused a reported call: {@code CXErrorCodeIncomingCallError}. A refused report
 * still counts as reported for PushKit's checks.
 */
public enum IncomingCallError {
  UNKNOWN(0),
  UNENTITLED(1),
  CALL_UUID_ALREADY_EXISTS(2),
  FILTERED_BY_DO_NOT_DISTURB(3),
  FILTERED_BY_BLOCK_LIST(4),
  FILTERED_DURING_RESTRICTED_SHARING_MODE(5),
  CALL_IS_PROTECTED(6),
  FILTERED_BY_SENSITIVE_PARTICIPANTS(7);

  private final int code;

  IncomingCallError(int code) {
    this.code = code;
  }

  /** The {@code CXErrorCodeIncomingCallError} raw value. */
  public int code() {
    return code;
  }

  /** Apple's case name, e.g. {@code filteredByDoNotDisturb}. */
  public String appleName() {
    String[] words = name().toLowerCase(java.util.Locale.ROOT).split("_");
    StringBuilder camel = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return camel.toString().replace("Uuid", "UUID");
  }
}
