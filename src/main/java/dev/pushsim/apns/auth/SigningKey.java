package dev.pushsim.apns.auth;

import dev.pushsim.push.ConfigFiles;
import dev.pushsim.push.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An APNs authentication key: the P-256 key pair behind Apple's {@code AuthKey_<KeyID>.p8}
 * file, its 10-character Key ID, the Team ID that owns it, and the environments it may be used
 * in.
 *
 * <p>The server side needs only the public key ({@link #ofPublicKey}); minting tokens needs the
 * private key too. Immutable and thread-safe.
 */
public final class SigningKey {

  /** Apple's Key IDs and Team IDs are 10 characters of upper-case letters and digits. */
  private static final Pattern APPLE_ID = Pattern.compile("[A-Z0-9]{10}");

  private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PEM_END = "-----END PRIVATE KEY-----";

  private final String keyId;
  private final String teamId;
  private final ECPublicKey publicKey;
  private final ECPrivateKey privateKey;
  private final Set<Environment> environments;

  private SigningKey(
      String keyId,
      String teamId,
      ECPublicKey publicKey,
      ECPrivateKey privateKey,
      Set<Environment> environments) {
    this.keyId = requireAppleId(keyId, "Key ID");
    this.teamId = requireAppleId(teamId, "Team ID");
    this.publicKey = requireP256(publicKey);
    if (privateKey != null) {
      requireP256(privateKey.getParams(), "private");
    }
    this.privateKey = privateKey;
    this.environments = Collections.unmodifiableSet(EnumSet.copyOf(environments));
  }

  /** A new random P-256 key for {@code teamId}, with a random 10-character Key ID. */
  public static SigningKey generate(String teamId) {
    return generate(teamId, randomKeyId());
  }

  /** A new random P-256 key for {@code teamId} with the given Key ID. */
  public static SigningKey generate(String teamId, String keyId) {
    requireAppleId(keyId, "Key ID");
    requireAppleId(teamId, "Team ID");
    KeyPair pair = P256.generate();
    return new SigningKey(
        keyId,
        teamId,
        (ECPublicKey) pair.getPublic(),
        (ECPrivateKey) pair.getPrivate(),
        EnumSet.allOf(Environment.class));
  }

  /**
   * Loads Apple's {@code .p8} file (PKCS#8 PEM, {@code -----BEGIN PRIVATE KEY-----}).
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a PKCS#8 P-256 private key
   */
  public static SigningKey fromP8(Path p8, String teamId, String keyId) {
    Objects.requireNonNull(p8, "p8");
    String pem;
    try {
      pem = ConfigFiles.readText(p8, "the .p8 key file", ConfigFiles.KEY_LIMIT);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e); // one sentence naming the file
    }
    return fromP8(pem, teamId, keyId);
  }

  /**
   * Reads the text of Apple's {@code .p8} file (PKCS#8 PEM). The public key is derived from the
   * private key, so files without the optional public-key field load too.
   *
   * @throws IllegalArgumentException when it is not a PKCS#8 P-256 private key
   */
  public static SigningKey fromP8(String pem, String teamId, String keyId) {
    requireAppleId(keyId, "Key ID");
    requireAppleId(teamId, "Team ID");
    ECPrivateKey privateKey = parsePkcs8(pem);
    return new SigningKey(
        keyId, teamId, P256.publicKeyOf(privateKey), privateKey, EnumSet.allOf(Environment.class));
  }

  /** A key that can verify tokens but not mint them: what the APNs server holds. */
  public static SigningKey ofPublicKey(ECPublicKey publicKey, String teamId, String keyId) {
    Objects.requireNonNull(publicKey, "publicKey");
    return new SigningKey(keyId, teamId, publicKey, null, EnumSet.allOf(Environment.class));
  }

  /** The 10-character Key ID, the {@code kid} of tokens signed with this key. */
  public String keyId() {
    return keyId;
  }

  /** The 10-character Team ID that owns this key, the {@code iss} of its tokens. */
  public String teamId() {
    return teamId;
  }

  public ECPublicKey publicKey() {
    return publicKey;
  }

  /** Empty for a key known only by its public half. */
  public Optional<ECPrivateKey> privateKey() {
    return Optional.ofNullable(privateKey);
  }

  /** The environments in which APNs accepts tokens signed with this key; both by default. */
  public Set<Environment> environments() {
    return environments;
  }

  /** True when tokens signed with this key are accepted in {@code environment}. */
  public boolean usableIn(Environment environment) {
    return environments.contains(environment);
  }

  /**
   * A copy of this key usable only in {@code environment}, as Apple's newer keys can be
   * restricted to sandbox or production when created.
   */
  public SigningKey limitedTo(Environment environment) {
    Objects.requireNonNull(environment, "environment");
    return new SigningKey(keyId, teamId, publicKey, privateKey, EnumSet.of(environment));
  }

  /**
   * The private key as Apple's {@code .p8} text: PKCS#8 DER, Base64 in 64-character lines,
   * between {@code -----BEGIN PRIVATE KEY-----} and {@code -----END PRIVATE KEY-----}.
   *
   * @throws IllegalStateException when this key has no private half
   */
  public String toP8Pem() {
    if (privateKey == null) {
      throw new IllegalStateException(
          "Key " + keyId + " of team " + teamId + " has only a public key; there is no .p8 to write.");
    }
    String body =
        Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(privateKey.getEncoded());
    return PEM_BEGIN + "\n" + body + "\n" + PEM_END + "\n";
  }

  /**
   * Writes {@link #toP8Pem()} to {@code file}, replacing it; Pushy's
   * {@code ApnsSigningKey.loadFromPkcs8File} reads the result.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public void writeP8(Path file) {
    Objects.requireNonNull(file, "file");
    String pem = toP8Pem();
    try {
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      // A private key: readable by its owner only, like the CA's key.
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the .p8 key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The name Apple gives the key's file: {@code AuthKey_<keyId>.p8}. */
  public static String p8FileName(String keyId) {
    return "AuthKey_" + keyId + ".p8";
  }

  /** Never prints key material, public or private. */
  @Override
  public String toString() {
    return "SigningKey{keyId="
        + keyId
        + ", teamId="
        + teamId
        + ", environments="
        + environments
        + ", privateKey="
        + (privateKey == null ? "absent" : "present")
        + "}";
  }

  public static String requireAppleId(String value, String what) {
    if (value == null || !APPLE_ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " "
              + (value == null ? "null" : "'" + value + "'")
              + " is not valid: Apple's "
              + what
              + "s are exactly 10 characters of A-Z and 0-9.");
    }
    return value;
  }

  static String randomKeyId() {
    char[] id = new char[10];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length()));
    }
    return new String(id);
  }

  private static ECPublicKey requireP256(ECPublicKey key) {
    requireP256(key.getParams(), "public");
    if (!P256.isOnCurve(key.getW())) {
      throw new IllegalArgumentException("The public key is not a point on the P-256 curve.");
    }
    return key;
  }

  private static void requireP256(java.security.spec.ECParameterSpec params, String half) {
    if (!P256.is(params)) {
      throw new IllegalArgumentException(
          "The "
              + half
              + " key is "
              + P256.describe(params)
              + "; APNs keys are P-256 (secp256r1, JWT alg ES256).");
    }
  }

  private static ECPrivateKey parsePkcs8(String pem) {
    if (pem == null) {
      throw new IllegalArgumentException("The .p8 text is null.");
    }
    if (pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
      throw new IllegalArgumentException(
          "This is a SEC1 'EC PRIVATE KEY' PEM; Apple's .p8 files are PKCS#8 'PRIVATE KEY'"
              + " (convert with: openssl pkcs8 -topk8 -nocrypt).");
    }
    int begin = pem.indexOf(PEM_BEGIN);
    int end = pem.indexOf(PEM_END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          "The .p8 text has no '" + PEM_BEGIN + "' ... '" + PEM_END + "' block.");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(begin + PEM_BEGIN.length(), end).trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The .p8 key body is not valid Base64: " + e.getMessage(), e);
    }
    PrivateKey key;
    try {
      key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "The .p8 file does not hold a PKCS#8 EC private key: " + e.getMessage(), e);
    }
    if (!(key instanceof ECPrivateKey)) {
      throw new IllegalArgumentException("The .p8 file does not hold an EC private key.");
    }
    ECPrivateKey ecKey = (ECPrivateKey) key;
    requireP256(ecKey.getParams(), "private");
    return ecKey;
  }
}
