package dev.pushsim.apns.auth;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * The NIST P-256 curve (secp256r1), the only curve APNs signing keys use (JWT alg ES256).
 */
final class P256 {

  /** Coordinates and scalars of P-256 are 32 bytes long. */
  static final int FIELD_BYTES = 32;

  static final ECParameterSpec PARAMS = loadParams();

  /** BouncyCastle's curve arithmetic, only to derive a public key from a .p8 private key. */
  private static final X9ECParameters BC_CURVE = CustomNamedCurves.getByName("secp256r1");

  private P256() {}

  /** True when {@code params} describe P-256, whatever name the provider gives them. */
  static boolean is(ECParameterSpec params) {
    if (params == null || !(params.getCurve().getField() instanceof ECFieldFp)) {
      return false;
    }
    return params.getCurve().getField().equals(PARAMS.getCurve().getField())
        && params.getCurve().getA().equals(PARAMS.getCurve().getA())
        && params.getCurve().getB().equals(PARAMS.getCurve().getB())
        && params.getGenerator().equals(PARAMS.getGenerator())
        && params.getOrder().equals(PARAMS.getOrder())
        && params.getCofactor() == PARAMS.getCofactor();
  }

  /** A sentence describing a key's curve, for the error when it is not P-256. */
  static String describe(ECParameterSpec params) {
    if (params == null) {
      return "a key without curve parameters";
    }
    return "a key on a curve with a " + params.getCurve().getField().getFieldSize() + "-bit field";
  }

  /** True when {@code point} satisfies y^2 = x^3 + ax + b on P-256. */
  static boolean isOnCurve(ECPoint point) {
    if (point == null || ECPoint.POINT_INFINITY.equals(point)) {
      return false;
    }
    BigInteger p = ((ECFieldFp) PARAMS.getCurve().getField()).getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right =
        x.pow(3).add(PARAMS.getCurve().getA().multiply(x)).add(PARAMS.getCurve().getB()).mod(p);
    return left.equals(right);
  }

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK cannot generate P-256 keys.", e);
    }
  }

  /**
   * The public key Q = d·G of a private key. A PKCS#8 file need not carry the public key (the
   * JDK writes none), yet the server side needs it to verify tokens.
   */
  static ECPublicKey publicKeyOf(ECPrivateKey privateKey) {
    BigInteger d = privateKey.getS();
    if (d.signum() <= 0 || d.compareTo(PARAMS.getOrder()) >= 0) {
      throw new IllegalArgumentException("The private key's scalar is out of range for P-256.");
    }
    org.bouncycastle.math.ec.ECPoint q = BC_CURVE.getG().multiply(d).normalize();
    ECPoint point =
        new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    try {
      return (ECPublicKey)
          KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, PARAMS));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK cannot build a P-256 public key.", e);
    }
  }

  private static ECParameterSpec loadParams() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError("This JDK does not know the P-256 curve: " + e);
    }
  }
}
