package dev.pushsim.apns;

/**
 * Turns one connection's HTTP/2 header names and values into Strings, reusing the String when
 * the HPACK decoder hands over the same table entry again. Providers repeat their authorization,
 * topic and push type on every request, and HPACK indexes them: the decoder then returns the same
 * object, and a 200-character JWT is not copied into a new String per request. The JWT check's
 * fast path and the journal's redaction then see the very same String, too. Used by the
 * connection's event loop only.
 */
final class HeaderStrings {

  private static final int SLOTS = 32; // power of two; a provider sends a handful of repeated headers

  private final CharSequence[] keys = new CharSequence[SLOTS];
  private final String[] strings = new String[SLOTS];

  /**
   * True when {@code text} is the very object this cache last turned into a String: a header the
   * HPACK decoder handed over again from its table, already checked when it first came.
   */
  boolean seen(CharSequence text) {
    return text != null && keys[System.identityHashCode(text) & (SLOTS - 1)] == text;
  }

  /** {@code text} as a String: the one made for this very object before, or a new one. */
  String of(CharSequence text) {
    if (text == null) {
      return null;
    }
    if (text instanceof String string) {
      return string;
    }
    int slot = System.identityHashCode(text) & (SLOTS - 1);
    if (keys[slot] != text) {
      keys[slot] = text;
      strings[slot] = text.toString();
    }
    return strings[slot];
  }
}
