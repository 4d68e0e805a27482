package dev.roster.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSecretsTest {

  private static final Pattern FORMAT =
      Pattern.compile("rst_[abcdefghijkmnpqrstuvwxyz23456789]{8}_[A-Za-z0-9_-]{43}");
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

  @Test
  void generatesTokensInTheDocumentedFormat() {
    for (int i = 0; i < 200; i++) {
      String token = TokenSecrets.generate().plaintext();
      assertTrue(FORMAT.matcher(token).matches(), token);
    }
  }

  @Test
  void secretPartCarries256RandomBits() {
    String token = TokenSecrets.generate().plaintext();
    String secret = token.substring("rst_".length() + 8 + 1);

    byte[] bytes = Base64.getUrlDecoder().decode(secret);
    assertEquals(32, bytes.length);
    assertTrue(bytes.length * 8 >= 256);
  }

  @Test
  void prefixIsTheFirstTwelveCharacters() {
    TokenSecrets.Generated generated = TokenSecrets.generate();

    assertEquals(12, generated.prefix().length());
    assertEquals(generated.plaintext().substring(0, 12), generated.prefix());
    assertTrue(generated.prefix().startsWith("rst_"));
  }

  @Test
  void prefixRevealsNothingOfTheSecret() {
    for (int i = 0; i < 100; i++) {
      TokenSecrets.Generated generated = TokenSecrets.generate();
      String secret = generated.plaintext().substring(13);

      assertFalse(secret.contains(generated.prefix()));
      assertFalse(generated.prefix().contains(secret));
      assertFalse(generated.hash().contains(secret));
    }
  }

  @Test
  void hashIsTheSha256OfTheWholeToken() {
    TokenSecrets.Generated generated = TokenSecrets.generate();

    assertEquals(TokenSecrets.hash(generated.plaintext()), generated.hash());
    assertTrue(HEX_SHA256.matcher(generated.hash()).matches(), generated.hash());
  }

  @ParameterizedTest(name = "sha256({0})")
  @CsvSource({
    "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq,"
        + " 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  })
  void hashMatchesKnownVectors(String input, String expected) {
    assertEquals(expected, TokenSecrets.hash(input));
  }

  @Test
  void hashReadsTheTokenAsUtf8() {
    // the UTF-8 bytes c3 a9, not the ISO-8859-1 byte e9
    assertEquals(
        "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c",
        TokenSecrets.hash("\u00e9"));
  }

  @Test
  void generatesDistinctTokens() {
    Set<String> tokens = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      TokenSecrets.Generated generated = TokenSecrets.generate();
      tokens.add(generated.plaintext());
      prefixes.add(generated.prefix());
      hashes.add(generated.hash());
    }

    assertEquals(1000, tokens.size());
    assertEquals(1000, hashes.size());
    // 32^8 ids: a collision among 1000 is possible but vanishingly unlikely
    assertEquals(1000, prefixes.size());
  }

  @Test
  void prefixOfGeneratedTokenIsItsPrefix() {
    for (int i = 0; i < 100; i++) {
      TokenSecrets.Generated generated = TokenSecrets.generate();
      assertEquals(generated.prefix(), TokenSecrets.prefixOf(generated.plaintext()));
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "s3cret-token-0001",
        "acme-bootstrap-token",
        "rst_abcdefgh_tooShort",
        "rst_abcdefghXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "x",
        "",
      })
  void prefixOfForeignTokenIsExtAndItsHash(String token) {
    String prefix = TokenSecrets.prefixOf(token);

    assertEquals("ext_" + TokenSecrets.hash(token).substring(0, 8), prefix);
    assertEquals(12, prefix.length());
    if (token.length() > 1) {
      assertFalse(prefix.contains(token), prefix);
    }
  }
}
