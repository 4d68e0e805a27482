package dev.roster.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Token secrets: generating them, hashing them, and naming them without revealing them.
 *
 * <p>A generated token reads {@code rst_<id>_<secret>}: {@code <id>} is 8 random lower-case letters
 * and digits that identify the token and are shown to admins as its prefix ({@code rst_<id>});
 * {@code <secret>} is 32 bytes (256 bits) from {@link SecureRandom}, base64url without padding.
 * Only the SHA-256 of the whole string is stored. A token that reaches the server from elsewhere
 * (ROSTER_BOOTSTRAP_TOKENS) has no id of its own, so its prefix is {@code ext_} and the first 8 hex
 * digits of its hash: enough to tell tokens apart, useless for guessing one.
 */
public final class TokenSecrets {

  static final String MARK = "rst_";
  private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final int ID_LENGTH = 8;
  private static final int SECRET_BYTES = 32;
  private static final int GENERATED_LENGTH = MARK.length() + ID_LENGTH + 1 + 43;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final MessageDigest SHA_256 = newSha256();

  /** A new token: the plaintext, to show once, and what is stored about it. */
  public record Generated(String plaintext, String prefix, String hash) {}

  private TokenSecrets() {}

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static Generated generate() {
    return generate(MARK);
  }

  /**
   * A new secret in the tokens' format under another mark: {@code rk_} for API keys, so that a key
   * and a SCIM token can never be taken for each other.
   */
  public static Generated generate(String mark) {
    StringBuilder id = new StringBuilder(ID_LENGTH);
    for (int i = 0; i < ID_LENGTH; i++) {
      id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
    }
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    String plaintext =
        mark + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new Generated(plaintext, mark + id, hash(plaintext));
  }

  /** The lower-case hex SHA-256 of the token's UTF-8 bytes: what is stored and looked up. */
  public static String hash(String token) {
    return HexFormat.of().formatHex(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  /** A fresh digest, cloned: cheaper than a provider lookup on every request. */
  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException("every Java runtime has SHA-256", impossible);
      }
    }
  }

  /**
   * The prefix a token claims ({@code rst_} and 8 letters of the id alphabet), whatever follows:
   * how a generated token cut short or mistyped when it was copied still names its token.
   */
  public static java.util.Optional<String> claimedPrefix(String token) {
    int end = MARK.length() + ID_LENGTH;
    if (token.length() <= end || !token.startsWith(MARK)) {
      return java.util.Optional.empty();
    }
    for (int i = MARK.length(); i < end; i++) {
      if (ID_ALPHABET.indexOf(token.charAt(i)) < 0) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.of(token.substring(0, end));
  }

  /** The non-secret prefix that names this token in lists and logs. */
  public static String prefixOf(String token) {
    if (token.length() == GENERATED_LENGTH
        && token.startsWith(MARK)
        && token.charAt(MARK.length() + ID_LENGTH) == '_') {
      return token.substring(0, MARK.length() + ID_LENGTH);
    }
    return "ext_" + hash(token).substring(0, 8);
  }
}
