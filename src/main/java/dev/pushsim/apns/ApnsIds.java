package dev.pushsim.apns;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** {@code apns-id} values: the canonical UUID form Apple requires, and fresh ones. */
final class ApnsIds {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private ApnsIds() {}

  /** 8-4-4-4-12 hex digits, either case, as Apple requires of {@code apns-id}. */
  static boolean isCanonicalUuid(String id) {
    if (id.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = id.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * A random version-4 UUID in upper case, as APNs generates them. Uses ThreadLocalRandom, not
   * SecureRandom: ids need to be unique, not secret, and this runs for every request.
   */
  static String random() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    byte[] out = new byte[36];
    hex(out, 0, high >>> 32, 8);
    out[8] = '-';
    hex(out, 9, high >>> 16, 4);
    out[13] = '-';
    hex(out, 14, high, 4);
    out[18] = '-';
    hex(out, 19, low >>> 48, 4);
    out[23] = '-';
    hex(out, 24, low, 12);
    return new String(out, StandardCharsets.ISO_8859_1); // Latin-1 bytes become the String as they are
  }

  /** The low {@code digits} hex digits of {@code value} into {@code out} from {@code at}. */
  private static void hex(byte[] out, int at, long value, int digits) {
    for (int i = at + digits - 1; i >= at; i--) {
      out[i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
