package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IncidentsTest {

  private static final Pattern REFERENCE = Pattern.compile("\\b[0-9a-f]{12}\\b");
  private static final Logger LOG = Logger.getLogger(Incidents.class.getName());
  private static Level level;

  @BeforeAll
  static void quietLog() {
    level = LOG.getLevel();
    LOG.setLevel(Level.OFF);
  }

  @AfterAll
  static void restoreLog() {
    LOG.setLevel(level);
  }

  private static String referenceIn(String detail) {
    Matcher matcher = REFERENCE.matcher(detail);
    assertTrue(matcher.find(), "an incident reference of 12 hex digits in: " + detail);
    return matcher.group();
  }

  @Test
  void reportsA500WithAnIncidentReference() {
    ScimException e =
        Incidents.report(new IllegalStateException("boom"), "POST /scim/v2/Users", "corr-1");

    assertEquals(500, e.status());
    assertEquals(Optional.empty(), e.scimType());
    assertEquals(12, referenceIn(e.detail()).length());
    assertEquals("500", e.toJson().getString("status"));
  }

  @Test
  void doesNotShowTheExceptionText() {
    String secret = "SELECT * FROM app_user WHERE password='t1meMa$heen'";
    ScimException e =
        Incidents.report(
            new RuntimeException(secret, new IllegalArgumentException("nested cause text")),
            "PUT /scim/v2/Users/2819c223",
            null);

    assertFalse(e.detail().contains(secret), e.detail());
    assertFalse(e.detail().contains("t1meMa$heen"), e.detail());
    assertFalse(e.detail().contains("nested cause text"), e.detail());
    assertFalse(e.detail().contains("RuntimeException"), e.detail());
    assertFalse(e.toJson().toString().contains("t1meMa$heen"));
  }

  @Test
  void givesEachIncidentItsOwnReference() {
    RuntimeException failure = new RuntimeException("same failure");

    String first = referenceIn(Incidents.report(failure, "GET /scim/v2/Users", "c").detail());
    String second = referenceIn(Incidents.report(failure, "GET /scim/v2/Users", "c").detail());

    assertNotEquals(first, second);
  }
}
