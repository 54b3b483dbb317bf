package dev.pushsim.apns.auth;

import java.util.Arrays;

/**
 * Conversion of ECDSA signatures from ASN.1 DER to JOSE's raw r‖s, so that one verifier serves
 * both forms providers send.
 */
final class EcdsaSignatures {

  private EcdsaSignatures() {}

  /**
   * The raw r‖s form ({@code 2 * size} bytes) of a strict-DER signature
   * {@code SEQUENCE {INTEGER r, INTEGER s}}, or null when {@code der} is not one, or r or s does
   * not fit in {@code size} bytes (a signature made on a larger curve).
   */
  static byte[] derToRaw(byte[] der, int size) {
    // Short-form lengths only: a P-256 signature is at most 72 bytes.
    if (der.length < 8 || der[0] != 0x30 || (der[1] & 0xff) != der.length - 2) {
      return null;
    }
    byte[] raw = new byte[2 * size];
    int offset = 2;
    for (int part = 0; part < 2; part++) {
      if (offset + 2 > der.length || der[offset] != 0x02) {
        return null;
      }
      int length = der[offset + 1] & 0xff;
      int start = offset + 2;
      if (length == 0 || length > 0x7f || start + length > der.length) {
        return null;
      }
      byte[] value = Arrays.copyOfRange(der, start, start + length);
      if (!isMinimalPositive(value)) {
        return null;
      }
      int from = value[0] == 0 ? 1 : 0;
      int significant = value.length - from;
      if (significant > size) {
        return null;
      }
      System.arraycopy(value, from, raw, (part + 1) * size - significant, significant);
      offset = start + length;
    }
    return offset == der.length ? raw : null;
  }

  /** DER integers are minimal; r and s are positive. */
  private static boolean isMinimalPositive(byte[] value) {
    if ((value[0] & 0x80) != 0) {
      return false;
    }
    return !(value.length > 1 && value[0] == 0 && (value[1] & 0x80) == 0);
  }
}
