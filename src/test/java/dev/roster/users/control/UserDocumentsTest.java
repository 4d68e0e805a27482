package dev.roster.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.scim.ListResponse;
import dev.roster.scim.schema.ExtensionDefinition;
import dev.roster.scim.schema.ResourceType;
import dev.roster.storage.Memberships.GroupRef;
import dev.roster.users.entity.StoredUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A user written through as text is the user the parsed representation shows. */
class UserDocumentsTest {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String ACME = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

  static final ResourceType WITH_ACME =
      ResourceType.USER.withExtensions(
          List.of(
              ExtensionDefinition.parse(
                  ACME, json("{\"name\":\"Acme\",\"attributes\":[{\"name\":\"costCentre\"}]}"))));

  static final List<GroupRef> GROUPS =
      List.of(
          new GroupRef("g-1", "Sales \"EMEA\"", "direct"),
          new GroupRef("g-2", "All staff", "indirect"));

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  static StoredUser user(String document, String externalId) {
    StoredUser user =
        new StoredUser("5f1e-id", "acme", LocalDateTime.of(2026, 12, 5, 3, 4, 5, 123_000_000));
    user.setState(document, "key", externalId, null, true);
    user.touch(LocalDateTime.of(2026, 12, 5, 4, 0));
    return user;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"userName\":\"bjensen@example.com\",\"active\":true}",
        "{}",
        " {\"userName\":\"q\\\"uote\\\\ \\u00fc\",\"name\":{\"givenName\":\"B\"},"
            + "\"emails\":[{\"value\":\"b@x\",\"type\":\"work\",\"primary\":true}]} ",
        "{\"userName\":\"e\",\"" + ENTERPRISE + "\":{\"department\":\"Sales\"}}",
        "{\"userName\":\"a\",\"" + ACME + "\":{\"costCentre\":\"42\"},\"" + ENTERPRISE + "\":{}}",
        // not a document Roster writes: parsed, and shown as before
        "{\"userName\":\"i\",\"id\":\"other\"}",
        "{\"user\\u004eame\":\"escaped\"}"
      })
  void theTextIsTheRepresentation(String document) {
    for (ResourceType type : List.of(ResourceType.USER, WITH_ACME)) {
      for (String externalId : new String[] {null, "ext-\"1\""}) {
        for (List<GroupRef> groups : List.of(List.<GroupRef>of(), GROUPS)) {
          StoredUser user = user(document, externalId);
          JsonObject expected =
              UserDocuments.representation(
                  user(document, externalId), "https://h/scim/v2", groups, type);
          StringBuilder out = new StringBuilder();
          UserDocuments.writeRepresentation(out, user, "https://h/scim/v2", groups, type);
          JsonObject written = json(out.toString());
          assertEquals(expected, written, out::toString);
          assertEquals(
              List.copyOf(expected.keySet()), List.copyOf(written.keySet()), "in the same order");
        }
      }
    }
  }

  @Test
  void aPageIsTheListResponseOfItsRepresentations() {
    StoredUser plain = user("{\"userName\":\"a\"}", null);
    StoredUser other = user("{\"userName\":\"b\",\"" + ENTERPRISE + "\":{}}", "ext-b");
    for (List<StoredUser> users : List.of(List.<StoredUser>of(), List.of(plain, other))) {
      UserPage page = new UserPage(42, users).withGroups(Map.of(plain.scimId(), GROUPS));
      JsonObject expected =
          ListResponse.of(
              42,
              7,
              users.stream()
                  .map(
                      u ->
                          UserDocuments.representation(
                              u, "https://h/scim/v2", page.groupsOf(u), ResourceType.USER))
                  .toList());
      String text = UserDocuments.listResponse(page, 7, "https://h/scim/v2", ResourceType.USER);
      JsonObject written = json(text);
      assertEquals(expected, written, text);
      assertEquals(List.copyOf(expected.keySet()), List.copyOf(written.keySet()), "in order");
    }
  }
}
