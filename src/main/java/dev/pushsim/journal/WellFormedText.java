package dev.pushsim.journal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes every string an event carries encodable as UTF-8: a lone surrogate (valid in a JSON escape such as
 * {@code "\ud800"}, and in a Java string, but not in UTF-8) becomes U+FFFD, the replacement character.
 *
 * <p>Done once, when an event is recorded, so that the ring, the admin API and the NDJSON file show the same
 * text, and no encoder downstream can fail on it.
 */
final class WellFormedText {

  static final char REPLACEMENT = '\uFFFD';

  private WellFormedText() {}

  /** {@code text} itself when it is well formed (the usual case, no copy), else a copy with U+FFFD. */
  static String of(String text) {
    if (text == null) {
      return null;
    }
    int bad = firstLoneSurrogate(text);
    if (bad < 0) {
      return text;
    }
    char[] chars = text.toCharArray();
    for (int i = bad; i < chars.length; i++) {
      char c = chars[i];
      if (Character.isHighSurrogate(c) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
        i++; // a pair: a real supplementary character
      } else if (Character.isSurrogate(c)) {
        chars[i] = REPLACEMENT;
      }
    }
    return new String(chars);
  }

  /**
   * A JSON-friendly value with its strings made well formed: strings, map keys and values, list and array
   * elements, recursively; other values (numbers, booleans) as they are. Copies only what changes.
   */
  static Object value(Object value) {
    if (value instanceof String text) {
      return of(text);
    }
    if (value instanceof CharSequence text) {
      return of(text.toString());
    }
    if (value instanceof Map<?, ?> map) {
      return map(map);
    }
    if (value instanceof Collection<?> collection) {
      return list(collection);
    }
    if (value instanceof Object[] array) {
      return list(Arrays.asList(array));
    }
    return value;
  }

  private static Object map(Map<?, ?> map) {
    Map<Object, Object> copy = new LinkedHashMap<>();
    boolean changed = false;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = value(entry.getKey());
      Object value = value(entry.getValue());
      changed |= key != entry.getKey() || value != entry.getValue();
      copy.put(key, value);
    }
    return changed ? copy : map;
  }

  private static Object list(Collection<?> collection) {
    List<Object> copy = new ArrayList<>(collection.size());
    boolean changed = false;
    for (Object element : collection) {
      Object value = value(element);
      changed |= value != element;
      copy.add(value);
    }
    return changed ? copy : collection;
  }

  private static int firstLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else {
        return i;
      }
    }
    return -1;
  }
}
