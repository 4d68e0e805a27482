package dev.roster.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {

  @Test
  void aHashVerifiesItsPasswordAndNoOther() {
    String hash = PasswordHashing.hash("correct horse battery".toCharArray());
    assertTrue(PasswordHashing.verify("correct horse battery".toCharArray(), hash));
    assertFalse(PasswordHashing.verify("correct horse batterY".toCharArray(), hash));
    assertFalse(PasswordHashing.verify("".toCharArray(), hash));
  }

  @Test
  void aHashNamesItsAlgorithmAndIterationsAndIsSalted() {
    String first = PasswordHashing.hash("same password".toCharArray());
    String second = PasswordHashing.hash("same password".toCharArray());
    assertNotEquals(first, second, "each hash has its own salt");
    String[] parts = first.split("\\$");
    assertEquals("pbkdf2-sha512", parts[0]);
    assertEquals(Integer.toString(PasswordHashing.ITERATIONS), parts[1]);
    assertFalse(first.contains("same password"));
  }

  @Test
  void malformedHashesMatchNothing() {
    for (String stored : new String[] {null, "", "plain", "md5$1$a$b", "pbkdf2-sha512$x$a$b"}) {
      assertFalse(PasswordHashing.verify("anything".toCharArray(), stored), stored);
    }
  }

  @Test
  void generatedPasswordsAreLongAndDiffer() {
    String one = PasswordHashing.randomPassword();
    assertEquals(24, one.length());
    assertNotEquals(one, PasswordHashing.randomPassword());
  }
}
