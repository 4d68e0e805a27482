package dev.roster.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A typed name cannot forge log lines: control characters are replaced and length is capped. */
class SignInGuardTest {

  @Test
  void namesAreLoggedOnOneLine() {
    assertEquals("'admin'", SignInGuard.printable("admin"));
    assertEquals("'a?b?c'", SignInGuard.printable("a\nb\rc"));
    assertEquals("(none)", SignInGuard.printable(null));
    assertEquals("'" + "x".repeat(64) + "…'", SignInGuard.printable("x".repeat(100)));
  }
}
