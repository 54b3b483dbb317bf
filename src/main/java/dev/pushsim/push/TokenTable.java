package dev.pushsim.push;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.UnaryOperator;

/**
 * Device tokens by value, in one open-addressing array with linear probing: about 8 bytes per
 * token besides the token itself, where a {@code ConcurrentHashMap} keyed by hex text spends
 * 160. Writes lock; reads do not, and see
 * each slot's latest token. Tokens are never removed one by one (an uninstalled app's token stays,
 * invalidated), so probing needs no tombstones.
 */
final class TokenTable {

  private static final int INITIAL_CAPACITY = 1024;

  /** Power-of-two length, at most half full; replaced whole when it grows. */
  private volatile AtomicReferenceArray<DeviceToken> slots = new AtomicReferenceArray<>(INITIAL_CAPACITY);
  private int size;

  /** The token whose value {@code value} is, or null. */
  DeviceToken get(byte[] value) {
    AtomicReferenceArray<DeviceToken> table = slots;
    return table.get(indexOf(table, value));
  }

  /** Adds {@code token} unless its value is taken; returns the token holding the value, or null when added. */
  synchronized DeviceToken putIfAbsent(DeviceToken token) {
    int slot = indexOf(slots, token.bytes);
    DeviceToken existing = slots.get(slot);
    if (existing != null) {
      return existing;
    }
    if (2 * (size + 1) > slots.length()) {
      slots = grown(slots);
      slot = indexOf(slots, token.bytes);
    }
    slots.set(slot, token);
    size++;
    return null;
  }

  /** Replaces the token whose value {@code value} is with {@code change} of it; null when there is none. */
  synchronized DeviceToken update(byte[] value, UnaryOperator<DeviceToken> change) {
    int slot = indexOf(slots, value);
    DeviceToken token = slots.get(slot);
    if (token == null) {
      return null;
    }
    DeviceToken changed = change.apply(token);
    slots.set(slot, changed);
    return changed;
  }

  synchronized int size() {
    return size;
  }

  /** Every token, in no particular order. */
  List<DeviceToken> values() {
    AtomicReferenceArray<DeviceToken> table = slots;
    List<DeviceToken> values = new ArrayList<>();
    for (int i = 0; i < table.length(); i++) {
      DeviceToken token = table.get(i);
      if (token != null) {
        values.add(token);
      }
    }
    return values;
  }

  synchronized void clear() {
    slots = new AtomicReferenceArray<>(INITIAL_CAPACITY);
    size = 0;
  }

  /** The slot that holds the token of value {@code value}, or the empty slot where it belongs. */
  private static int indexOf(AtomicReferenceArray<DeviceToken> table, byte[] value) {
    int mask = table.length() - 1;
    for (int i = DeviceToken.hashOf(value) & mask; ; i = (i + 1) & mask) {
      DeviceToken token = table.get(i);
      if (token == null || token.hasValue(value)) {
        return i;
      }
    }
  }

  private static AtomicReferenceArray<DeviceToken> grown(AtomicReferenceArray<DeviceToken> table) {
    AtomicReferenceArray<DeviceToken> bigger = new AtomicReferenceArray<>(table.length() * 2);
    for (int i = 0; i < table.length(); i++) {
      DeviceToken token = table.get(i);
      if (token != null) {
        bigger.set(indexOf(bigger, token.bytes), token);
      }
    }
    return bigger;
  }
}
