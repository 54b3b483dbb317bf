package dev.pushsim.journal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An event's fields in insertion order, in one array: every APNs request makes an event, and a
 * map entry object per field made the journal the largest allocator on the hot path. Mutable
 * only through {@link #put} before the journal freezes it; read-only after.
 */
public final class FieldMap extends AbstractMap<String, Object> {

  private Object[] pairs;
  private int size;
  private boolean frozen;
  /** One bit per key hash mod 64: a key whose bit is clear is new, and needs no scan (the usual case). */
  private long keyBits;

  public FieldMap(int expectedFields) {
    this.pairs = new Object[Math.max(2, expectedFields * 2)];
  }

  /** Sets {@code key}; a key already present keeps its place and takes the new value. */
  @Override
  public Object put(String key, Object value) {
    if (frozen) {
      throw new UnsupportedOperationException("A recorded event's fields cannot change.");
    }
    int at = indexOf(key);
    if (at >= 0) {
      Object previous = pairs[at + 1];
      pairs[at + 1] = value;
      return previous;
    }
    keyBits |= bit(key);
    if (size * 2 == pairs.length) {
      pairs = Arrays.copyOf(pairs, pairs.length * 2);
    }
    pairs[size * 2] = key;
    pairs[size * 2 + 1] = value;
    size++;
    return null;
  }

  /** Freezes the fields with their text made well formed ({@link WellFormedText}): no encoder can fail on them. */
  FieldMap freeze() {
    keyBits = 0;
    for (int i = 0; i < size * 2; i += 2) {
      pairs[i] = WellFormedText.of((String) pairs[i]);
      pairs[i + 1] = WellFormedText.value(pairs[i + 1]);
      keyBits |= bit(pairs[i]);
    }
    frozen = true;
    return this;
  }

  @Override
  public Object get(Object key) {
    int at = indexOf(key);
    return at < 0 ? null : pairs[at + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  /** Where {@code key} sits in {@link #pairs}, or -1; a key whose bit is clear is absent without a scan. */
  private int indexOf(Object key) {
    if (key == null || (keyBits & bit(key)) == 0) {
      return -1;
    }
    for (int i = 0; i < size * 2; i += 2) {
      if (pairs[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static long bit(Object key) {
    return 1L << key.hashCode(); // the shift takes the hash mod 64
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int at = next++ * 2;
            return new SimpleImmutableEntry<>((String) pairs[at], pairs[at + 1]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
