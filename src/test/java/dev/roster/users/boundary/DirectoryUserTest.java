package dev.roster.users.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.users.control.UserDocuments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectoryUserTest {

  private static final String ENTERPRISE =
      "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"";

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static DirectoryUser user(String document) {
    return DirectoryUser.of("id-1", UserDocuments.state(json(document)));
  }

  /** emails → the email the product should use. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[{'type':'work','value':'w@x'}] | w@x",
        "[{'type':'home','value':'h@x','primary':true},{'type':'work','value':'w@x'}] | w@x",
        "[{'type':'work','value':'w1@x'},{'type':'work','value':'w2@x','primary':true}] | w2@x",
        "[{'type':'work','value':'w1@x','primary':true},{'type':'work','value':'w2@x'}] | w1@x",
        "[{'type':'Work','value':'w@x'}] | w@x",
        "[{'type':'home','value':'h@x','primary':true}] | h@x",
        "[{'value':'p@x','primary':true}] | p@x",
        "[{'type':'home','value':'h@x'}] | upn@contoso.com",
        "[] | upn@contoso.com",
      })
  void theEmailIsWorkElsePrimaryElseUserName(String emails, String expected) {
    DirectoryUser user =
        user("{\"userName\":\"upn@contoso.com\",\"emails\":" + emails.replace('\'', '"') + "}");
    assertEquals(expected, user.email());
  }

  @Test
  void noEmailsAtAllIsUserName() {
    assertEquals("upn@contoso.com", user("{\"userName\":\"upn@contoso.com\"}").email());
  }

  @Test
  void readsTheFieldsWhereEntraAndOktaPutThem() {
    DirectoryUser user =
        user(
            "{\"userName\":\"b@x\",\"externalId\":\"00u1\",\"displayName\":\"Barbara Jensen\","
                + "\"title\":\"Rep\",\"name\":{\"givenName\":\"Barbara\",\"familyName\":\"Jensen\"},"
                + ENTERPRISE
                + ":{\"department\":\"Sales\",\"manager\":{\"value\":\"m-1\",\"displayName\":\"B\"}}}");
    assertEquals("00u1", user.externalId());
    assertEquals("Barbara", user.givenName());
    assertEquals("Jensen", user.familyName());
    assertEquals("Barbara Jensen", user.displayName());
    assertEquals("Rep", user.title());
    assertEquals("Sales", user.department());
    assertEquals("m-1", user.managerId());
    assertTrue(user.active(), "never marked: active");
    assertFalse(user("{\"userName\":\"b@x\",\"active\":false}").active());
    assertNull(user("{\"userName\":\"b@x\"}").department());
  }

  @Test
  void changesNameOldAndNewValuesOfChangedFieldsOnly() {
    DirectoryUser before = user("{\"userName\":\"b@x\",\"title\":\"Rep\",\"active\":true}");
    DirectoryUser after = user("{\"userName\":\"b@x\",\"title\":\"Lead\",\"active\":false}");
    assertEquals(
        json(
            "{\"active\":{\"old\":true,\"new\":false},"
                + "\"title\":{\"old\":\"Rep\",\"new\":\"Lead\"}}"),
        after.changesSince(before));
    assertEquals(json("{}"), after.changesSince(after));
  }

  @Test
  void changedAttributesNameEveryChangedScimAttributeExtensionOnesByTheirOwnName() {
    UserDocuments.State before =
        UserDocuments.state(
            json(
                "{\"userName\":\"b@x\",\"nickName\":\"B\","
                    + ENTERPRISE
                    + ":{\"employeeNumber\":\"1\"}}"));
    UserDocuments.State after =
        UserDocuments.state(
            json(
                "{\"userName\":\"b@x\",\"externalId\":\"e\",\"locale\":\"en\","
                    + ENTERPRISE
                    + ":{\"employeeNumber\":\"2\"}}"));
    assertEquals(
        List.of("employeeNumber", "externalId", "locale", "nickName"),
        List.copyOf(DirectoryUser.changedAttributes(before, after)));
  }

  @Test
  void aTenantsOwnExtensionsAreTheUsersExtensionsAndChangeByTheirFullNames() {
    String acme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";
    UserDocuments.State before =
        UserDocuments.state(
            json("{\"userName\":\"b@x\",\"" + acme + "\":{\"costCentre\":\"1\",\"badge\":\"x\"}}"));
    UserDocuments.State after =
        UserDocuments.state(
            json("{\"userName\":\"b@x\",\"" + acme + "\":{\"costCentre\":\"2\",\"badge\":\"x\"}}"));
    DirectoryUser was = DirectoryUser.of("id-1", before);
    DirectoryUser now = DirectoryUser.of("id-1", after);
    assertEquals(
        "{\"" + acme + "\":{\"costCentre\":\"2\",\"badge\":\"x\"}}",
        now.json().getJsonObject("extensions").toString());
    assertEquals(
        "{}", user("{\"userName\":\"b@x\"}").json().getJsonObject("extensions").toString());
    assertEquals(
        List.of(acme + ":costCentre"), List.copyOf(DirectoryUser.changedAttributes(before, after)));
    assertEquals(List.of("extensions"), List.copyOf(now.changesSince(was).keySet()));
  }
}
