package dev.roster.webhooks.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook secrets at rest. Unlike tokens they cannot be stored as hashes, because every delivery is
 * signed with them. With a key ({@code roster.webhooks.secret-key}, any passphrase; its SHA-256 is
 * the AES key) a secret is stored as {@code gcm:} and the base64 of a random 12-byte nonce and its
 * AES-GCM ciphertext; without one, as {@code plain:} and the secret (Roster warns at startup).
 */
public final class SecretSeal {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String GCM = "gcm:";
  private static final String PLAIN = "plain:";

  private final SecretKeySpec key;

  /**
   * @param passphrase the configured key, or blank for none
   */
  public SecretSeal(String passphrase) {
    this.key = passphrase == null || passphrase.isBlank() ? null : aesKey(passphrase);
  }

  public boolean encrypts() {
    return key != null;
  }

  public String seal(String secret) {
    if (key == null) {
      return PLAIN + secret;
    }
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] stored = Arrays.copyOf(nonce, nonce.length + sealed.length);
      System.arraycopy(sealed, 0, stored, nonce.length, sealed.length);
      return GCM + Base64.getEncoder().encodeToString(stored);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /**
   * The secret of a stored value.
   *
   * @throws IllegalStateException when it was sealed with a key that is not (or no longer) set
   */
  public String open(String stored) {
    if (stored.startsWith(PLAIN)) {
      return stored.substring(PLAIN.length());
    }
    if (key == null) {
      throw new IllegalStateException(
          "The webhook secret was encrypted, but roster.webhooks.secret-key is not set.");
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(stored.substring(GCM.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
      return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "The webhook secret cannot be decrypted with roster.webhooks.secret-key.", e);
    }
  }

  private static SecretKeySpec aesKey(String passphrase) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8));
      return new SecretKeySpec(digest, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
