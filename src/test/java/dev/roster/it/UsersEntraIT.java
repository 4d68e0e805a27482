package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.ScimAssertions.assertScimError;
import static dev.roster.it.ScimAssertions.assertScimJson;
import static dev.roster.it.ScimJson.CORE_USER;
import static dev.roster.it.ScimJson.ENTERPRISE;
import static dev.roster.it.ScimJson.LIST_RESPONSE;
import static dev.roster.it.ScimJson.encoded;
import static dev.roster.it.ScimJson.patchOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Microsoft Entra ID's provisioning of one user, replayed request by request as Entra sends it
 * (docs/request-shapes.md: #entra-user-flow, P1–P11, #entra-status-codes, #entra-bodies, #quirks):
 * the Test Connection probe, match queries, the create from the default attribute mapping,
 * attribute PATCHes in the default mode (capitalised ops, {@code "False"} strings) and in the
 * {@code aadOptscim062020} mode (path-less, dotted keys), disable and re-enable, the manager in
 * every shape, clearing values, and the hard delete. Every change is checked by reading the user
 * back, as Entra does on its next cycle.
 */
class UsersEntraIT extends BlackBox {

  /**
   * A user as Entra knows it: userPrincipalName becomes userName, objectId externalId, mail the
   * work email.
   */
  record EntraUser(String upn, String objectId, String mail, String givenName, String surname) {

    static EntraUser random() {
      String n = UUID.randomUUID().toString().substring(0, 8);
      return new EntraUser(
          "Test_User_" + n + "@contoso.onmicrosoft.com",
          UUID.randomUUID().toString(),
          "Test_User_" + n + "@testuser.com",
          "Barbara",
          "Jensen" + n);
    }

    /**
     * POST /Users from the default mapping: the tutorial's example with the older example's
     * top-level nulls, {@code meta}, {@code roles: []}, a typo'd enterprise URI and the legacy
     * ADSCIM URI.
     */
    String createBody() {
      return """
          {
            "schemas": [
              "urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0User",
              "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/User"],
            "externalId": "%s",
            "userName": "%s",
            "active": true,
            "addresses": null,
            "displayName": "%s %s",
            "emails": [{
              "primary": true,
              "type": "work",
              "value": "%s"
            }],
            "meta": {
              "resourceType": "User"
            },
            "name": {
              "formatted": "%s %s",
              "familyName": "%s",
              "givenName": "%s"
            },
            "phoneNumbers": null,
            "preferredLanguage": null,
            "title": null,
            "department": null,
            "manager": null,
            "roles": []
          }
          """
          .formatted(
              objectId, upn, givenName, surname, mail, givenName, surname, surname, givenName);
    }
  }

  // Test Connection and matching

  @Test
  void answersTestConnectionProbeForRandomGuidWithEmptyListResponse() {
    ScimClient.Reply reply =
        scim.get("/Users?filter=userName+eq+%22" + UUID.randomUUID() + "%22", ACME_TOKEN);

    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject list = reply.json();
    assertEquals(LIST_RESPONSE, list.getJsonArray("schemas").getString(0), reply::toString);
    assertEquals(0, list.getJsonNumber("totalResults").intValueExact(), reply::toString);
    assertEquals(JsonValue.EMPTY_JSON_ARRAY, list.getJsonArray("Resources"), reply::toString);
  }

  @Test
  void matchQueriesFindNothingBeforeTheCreateAndExactlyTheUserAfter() {
    EntraUser user = EntraUser.random();
    List<String> matchQueries =
        List.of(
            "userName+eq+%22" + encoded(user.upn()) + "%22",
            "externalId+eq+%22" + user.objectId() + "%22",
            "emails%5Btype+eq+%22work%22%5D.value+eq+%22" + encoded(user.mail()) + "%22");
    for (String filter : matchQueries) {
      assertEquals(0, match(filter).getInt("totalResults"), filter);
    }

    String id = create(user.createBody()).getString("id");

    for (String filter : matchQueries) {
      JsonObject list = match(filter);
      assertEquals(1, list.getInt("totalResults"), filter);
      assertEquals(1, list.getJsonArray("Resources").size(), filter);
      assertEquals(id, list.getJsonArray("Resources").getJsonObject(0).getString("id"), filter);
    }
  }

  @Test
  void findsUserByUserNameInAnotherCase() {
    EntraUser user = EntraUser.random();
    String id = create(user.createBody()).getString("id");

    for (String userName :
        List.of(user.upn().toUpperCase(), user.upn().toLowerCase(), user.upn())) {
      JsonObject list = match("userName+eq+%22" + encoded(userName) + "%22");
      assertEquals(1, list.getInt("totalResults"), userName);
      assertEquals(id, list.getJsonArray("Resources").getJsonObject(0).getString("id"));
    }
  }

  // Create

  @Test
  void createsUserFromDefaultMappingIgnoringNullsMetaRolesAndUnknownSchemas() {
    EntraUser user = EntraUser.random();

    ScimClient.Reply reply = scim.post("/Users", ACME_TOKEN, user.createBody());

    assertEquals(201, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject created = reply.json();
    String id = created.getString("id");
    assertFalse(id.isBlank());
    assertEquals(
        scim.base() + "/Users/" + id, reply.header("Location").orElse(null), reply::toString);
    assertEquals(
        created.getJsonObject("meta").getString("location"), reply.header("Location").get());
    String etag = reply.header("ETag").orElse("");
    assertTrue(etag.matches("W/\"\\d+\""), () -> "ETag " + etag);
    assertEquals(etag, created.getJsonObject("meta").getString("version"));
    assertEquals("User", created.getJsonObject("meta").getString("resourceType"));

    assertTrue(created.getJsonArray("schemas").contains(jsonString(CORE_USER)));
    assertFalse(created.toString().contains("2.0User"), created::toString);
    assertFalse(created.toString().contains("ADSCIM"), created::toString);
    assertEquals(user.upn(), created.getString("userName"));
    assertEquals(user.objectId(), created.getString("externalId"));
    assertEquals(JsonValue.TRUE, created.get("active"));
    assertEquals("Barbara " + user.surname(), created.getString("displayName"));
    assertEquals(user.surname(), created.getJsonObject("name").getString("familyName"));
    assertEquals("Barbara", created.getJsonObject("name").getString("givenName"));
    assertEquals("Barbara " + user.surname(), created.getJsonObject("name").getString("formatted"));
    JsonObject email = created.getJsonArray("emails").getJsonObject(0);
    assertEquals(user.mail(), email.getString("value"));
    assertEquals("work", email.getString("type"));
    assertEquals(JsonValue.TRUE, email.get("primary"));
    for (String absent :
        List.of(
            "addresses",
            "phoneNumbers",
            "preferredLanguage",
            "title",
            "department",
            "manager",
            "roles",
            "password")) {
      assertFalse(created.containsKey(absent), () -> absent + " in " + created);
    }
    assertFalse(created.toString().contains("null"), created::toString);

    assertEquals(created, read(id));
  }

  @Test
  void refusesSecondCreateOfTheSameUserNameWith409Uniqueness() {
    EntraUser user = EntraUser.random();
    create(user.createBody());

    assertScimError(scim.post("/Users", ACME_TOKEN, user.createBody()), 409, "uniqueness");
    EntraUser sameNameOtherCase =
        new EntraUser(
            user.upn().toUpperCase(),
            UUID.randomUUID().toString(),
            "other-" + user.mail(),
            "Other",
            "User");
    assertScimError(
        scim.post("/Users", ACME_TOKEN, sameNameOtherCase.createBody()), 409, "uniqueness");
    assertEquals(1, match("userName+eq+%22" + encoded(user.upn()) + "%22").getInt("totalResults"));
  }

  // Attribute updates, default mode

  @Test
  void appliesDefaultModeUpdateWithCapitalisedOpsAndEnterprisePaths() {
    EntraUser user = EntraUser.random();
    String id = create(user.createBody()).getString("id");
    String newMail = "ann.other." + UUID.randomUUID() + "@testuser.com";

    JsonObject patched =
        patch(
            id,
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [
                {"op": "Replace", "path": "displayName", "value": "Ann Other"},
                {"op": "Replace", "path": "name.givenName", "value": "Ann"},
                {"op": "Replace", "path": "name.familyName", "value": "Other"},
                {"op": "Replace", "path": "name.formatted", "value": "Ann Other"},
                {"op": "Add", "path": "nickName", "value": "Babs"},
                {"op": "Add", "path": "title", "value": "Tour Guide"},
                {"op": "Add", "path": "preferredLanguage", "value": "en-GB"},
                {"op": "Replace", "path": "emails[type eq \\"work\\"].value", "value": "%s"},
                {"op": "Add", "path": "phoneNumbers[type eq \\"work\\"].value", "value": "27-481-2844"},
                {"op": "Add", "path": "phoneNumbers[type eq \\"mobile\\"].value", "value": "+1 (555) 555-0100"},
                {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Sales"},
                {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "value": "701984"},
                {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter", "value": "4130"}
              ]
            }
            """
                .formatted(newMail));

    JsonObject stored = read(id);
    assertEquals(stored, patched);
    assertEquals("Ann Other", stored.getString("displayName"));
    assertEquals("Ann", stored.getJsonObject("name").getString("givenName"));
    assertEquals("Other", stored.getJsonObject("name").getString("familyName"));
    assertEquals("Ann Other", stored.getJsonObject("name").getString("formatted"));
    assertEquals("Babs", stored.getString("nickName"));
    assertEquals("Tour Guide", stored.getString("title"));
    assertEquals("en-GB", stored.getString("preferredLanguage"));
    JsonArray emails = stored.getJsonArray("emails");
    assertEquals(1, emails.size(), stored::toString);
    assertEquals(newMail, emails.getJsonObject(0).getString("value"));
    assertEquals("work", emails.getJsonObject(0).getString("type"));
    assertEquals(JsonValue.TRUE, emails.getJsonObject(0).get("primary"));
    assertEquals("27-481-2844", element(stored, "phoneNumbers", "work").getString("value"));
    assertEquals("+1 (555) 555-0100", element(stored, "phoneNumbers", "mobile").getString("value"));
    assertEquals(2, stored.getJsonArray("phoneNumbers").size(), stored::toString);
    JsonObject enterprise = stored.getJsonObject(ENTERPRISE);
    assertEquals("Sales", enterprise.getString("department"));
    assertEquals("701984", enterprise.getString("employeeNumber"));
    assertEquals("4130", enterprise.getString("costCenter"));
    assertTrue(stored.getJsonArray("schemas").contains(jsonString(ENTERPRISE)));
  }

  @Test
  void replacesOnlyTheElementThatTheFilteredPathSelects() {
    EntraUser user = EntraUser.random();
    String id = create(user.createBody()).getString("id");
    patch(
        id,
        """
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations": [{"op": "Add", "path": "emails[type eq \\"other\\"].Value", "value": "proxy@contoso.com"}]}
        """);

    patch(
        id,
        """
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations": [{"op": "Replace", "path": "emails[type eq \\"work\\"].value", "value": "renamed@contoso.com"}]}
        """);

    JsonObject stored = read(id);
    assertEquals(2, stored.getJsonArray("emails").size(), stored::toString);
    assertEquals("renamed@contoso.com", element(stored, "emails", "work").getString("value"));
    assertEquals(JsonValue.TRUE, element(stored, "emails", "work").get("primary"));
    assertEquals("proxy@contoso.com", element(stored, "emails", "other").getString("value"));
  }

  @Test
  void gathersSeveralAddsOnOneFilteredAddressIntoOneElement() {
    EntraUser user = EntraUser.random();
    String id = create(user.createBody()).getString("id");

    patch(
        id,
        """
        {
          "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [
            {"op": "Add", "path": "addresses[type eq \\"work\\"].formatted", "value": "1 Microsoft Way, Redmond, WA 98052, US"},
            {"op": "Add", "path": "addresses[type eq \\"work\\"].streetAddress", "value": "1 Microsoft Way"},
            {"op": "Add", "path": "addresses[type eq \\"work\\"].locality", "value": "Redmond"},
            {"op": "Add", "path": "addresses[type eq \\"work\\"].region", "value": "WA"},
            {"op": "Add", "path": "addresses[type eq \\"work\\"].postalCode", "value": "98052"},
            {"op": "Add", "path": "addresses[type eq \\"work\\"].country", "value": "US"}
          ]
        }
        """);

    JsonObject stored = read(id);
    JsonArray addresses = stored.getJsonArray("addresses");
    assertEquals(1, addresses.size(), stored::toString);
    JsonObject work = addresses.getJsonObject(0);
    assertEquals("work", work.getString("type"));
    assertEquals("1 Microsoft Way, Redmond, WA 98052, US", work.getString("formatted"));
    assertEquals("1 Microsoft Way", work.getString("streetAddress"));
    assertEquals("Redmond", work.getString("locality"));
    assertEquals("WA", work.getString("region"));
    assertEquals("98052", work.getString("postalCode"));
    assertEquals("US", work.getString("country"));

    patch(
        id,
        """
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations": [{"op": "Replace", "path": "addresses[type eq \\"work\\"].locality", "value": "Bellevue"}]}
        """);
    JsonObject moved = read(id);
    assertEquals(1, moved.getJsonArray("addresses").size(), moved::toString);
    assertEquals(
        "Bellevue", moved.getJsonArray("addresses").getJsonObject(0).getString("locality"));
    assertEquals("98052", moved.getJsonArray("addresses").getJsonObject(0).getString("postalCode"));
  }

  // Attribute updates, aadOptscim062020 mode

  @Test
  void appliesFlagModeUpdateWithPathlessDottedAndUrnKeys() {
    EntraUser user = EntraUser.random();
    String id = create(user.createBody()).getString("id");

    JsonObject patched =
        patch(
            id,
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [
                {
                  "op": "replace",
                  "value": {
                    "displayName": "Kim Akers",
                    "name.givenName": "Kim",
                    "name.familyName": "Akers",
                    "title": "Sales Lead",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "E-1234",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Sales"
                  }
                },
                {"op": "add", "path": "emails[type eq \\"work\\"].value", "value": "kim.akers@testuser.com"},
                {"op": "add", "path": "phoneNumbers[type eq \\"mobile\\"].value", "value": "555-0101"}
              ]
            }
            """);

    JsonObject stored = read(id);
    assertEquals(stored, patched);
    assertEquals("Kim Akers", stored.getString("displayName"));
    assertEquals("Kim", stored.getJsonObject("name").getString("givenName"));
    assertEquals("Akers", stored.getJsonObject("name").getString("familyName"));
    assertEquals(
        "Barbara " + user.surname(),
        stored.getJsonObject("name").getString("formatted"),
        "a dotted key changes only its sub-attribute");
    assertEquals("Sales Lead", stored.getString("title"));
    assertFalse(stored.containsKey("name.givenName"), stored::toString);
    assertEquals("E-1234", stored.getJsonObject(ENTERPRISE).getString("employeeNumber"));
    assertEquals("Sales", stored.getJsonObject(ENTERPRISE).getString("department"));
    assertEquals(1, stored.getJsonArray("emails").size(), stored::toString);
    assertEquals("kim.akers@testuser.com", element(stored, "emails", "work").getString("value"));
    assertEquals("555-0101", element(stored, "phoneNumbers", "mobile").getString("value"));
  }

  @Test
  void disablesAndEnablesWithBooleanInFlagMode() {
    EntraUser user = EntraUser.random();
    String id = create(user.createBody()).getString("id");

    JsonObject disabled =
        patch(
            id,
            """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations": [{"op": "replace", "path": "active", "value": false}]}
            """);
    assertEquals(JsonValue.FALSE, disabled.get("active"));
    assertEquals(JsonValue.FALSE, read(id).get("active"));

    patch(
        id,
        """
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations": [{"op": "replace", "value": {"active": true}}]}
        """);
    assertEquals(JsonValue.TRUE, read(id).get("active"));
  }

  @Test
  void pathlessReplaceAlsoTakesNestedObjectsAndTrueStrings() {
    EntraUser user = EntraUser.random();
    String id = create(user.createBody()).getString("id");

    patch(
        id,
        """
        {
          "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{
            "op": "replace",
            "value": {
              "name": {"givenName": "Kim"},
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"division": "EMEA"},
              "active": "False"
            }
          }]
        }
        """);

    JsonObject stored = read(id);
    assertEquals("Kim", stored.getJsonObject("name").getString("givenName"));
    assertEquals(
        user.surname(),
        stored.getJsonObject("name").getString("familyName"),
        "sub-attributes not in the value are left as they were (RFC 7644 §3.5.2.3)");
    assertEquals("EMEA", stored.getJsonObject(ENTERPRISE).getString("division"));
    assertEquals(JsonValue.FALSE, stored.get("active"));
  }

  @Test
  void renamedUserIsFoundByTheNewUserNameOnly() {
    EntraUser user = EntraUser.random();
    String id = create(user.createBody()).getString("id");
    String renamed = "Renamed_" + user.upn();

    patch(
        id,
        patchOf("{\"op\": \"Replace\", \"path\": \"userName\", \"value\": \"" + renamed + "\"}"));

    assertEquals(renamed, read(id).getString("userName"));
    assertEquals(0, match("userName+eq+%22" + encoded(user.upn()) + "%22").getInt("totalResults"));
    JsonObject found = match("userName+eq+%22" + encoded(renamed) + "%22");
    assertEquals(id, found.getJsonArray("Resources").getJsonObject(0).getString("id"));
    create(user.createBody()); // the old userName is free again
  }

  // Roles (P10)

  @Test
  void readsRolesSentAsJsonStringsInDefaultMode() {
    String id = create(EntraUser.random().createBody()).getString("id");

    patch(
        id,
        """
        {
          "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{
            "op": "Add",
            "path": "roles",
            "value": [{
              "value": "{\\"id\\":\\"7c4d8b3e-1f2a-4b5c-9d8e-0f1a2b3c4d5e\\",\\"value\\":\\"Admin\\",\\"displayName\\":\\"Admin\\"}"
            }]
          }]
        }
        """);

    JsonObject stored = read(id);
    JsonObject role = stored.getJsonArray("roles").getJsonObject(0);
    assertEquals("Admin", role.getString("value"), stored::toString);
    assertEquals("Admin", role.getString("display"), stored::toString);
    assertEquals(1, stored.getJsonArray("roles").size());
  }

  @Test
  void replacesAllRolesAndUpdatesThePrimaryOneThroughATrueStringFilter() {
    EntraUser user = EntraUser.random();
    String id = create(user.createBody()).getString("id");
    patch(
        id,
        """
        {
          "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [{
            "op": "replace",
            "path": "roles",
            "value": [
              {"primary": "True", "type": "WindowsAzureActiveDirectoryRole", "display": "Admin", "value": "Admin"},
              {"primary": "False", "type": "WindowsAzureActiveDirectoryRole", "display": "Reader", "value": "Reader"}
            ]
          }]
        }
        """);
    JsonObject assigned = read(id);
    assertEquals(2, assigned.getJsonArray("roles").size(), assigned::toString);
    assertEquals(JsonValue.TRUE, assigned.getJsonArray("roles").getJsonObject(0).get("primary"));
    assertEquals(JsonValue.FALSE, assigned.getJsonArray("roles").getJsonObject(1).get("primary"));

    patch(
        id,
        """
        {
          "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations": [
            {"op": "Replace", "path": "roles[primary eq \\"True\\"].value", "value": "Owner"},
            {"op": "Replace", "path": "roles[primary eq \\"True\\"].display", "value": "Owner"}
          ]
        }
        """);

    JsonObject stored = read(id);
    assertEquals(2, stored.getJsonArray("roles").size(), stored::toString);
    JsonObject primary = stored.getJsonArray("roles").getJsonObject(0);
    assertEquals("Owner", primary.getString("value"), stored::toString);
    assertEquals("Owner", primary.getString("display"), stored::toString);
    assertEquals("Reader", stored.getJsonArray("roles").getJsonObject(1).getString("value"));
  }

  // Disable (soft delete) and re-enable, default mode

  @Test
  void disabledUserStaysReadableAndFindableUntilReEnabled() {
    EntraUser user = EntraUser.random();
    String id = create(user.createBody()).getString("id");

    JsonObject disabled =
        patch(
            id,
            """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations": [{"op": "Replace", "path": "active", "value": "False"}]}
            """);

    assertEquals(JsonValue.FALSE, disabled.get("active"));
    ScimClient.Reply get = scim.get("/Users/" + id, ACME_TOKEN);
    assertEquals(200, get.status(), get::toString);
    assertEquals(JsonValue.FALSE, get.json().get("active"));
    JsonObject found = match("userName+eq+%22" + encoded(user.upn()) + "%22");
    assertEquals(1, found.getInt("totalResults"));
    assertEquals(JsonValue.FALSE, found.getJsonArray("Resources").getJsonObject(0).get("active"));

    JsonObject enabled =
        patch(
            id,
            """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations": [{"op": "Replace", "path": "active", "value": "True"}]}
            """);
    assertEquals(JsonValue.TRUE, enabled.get("active"));
    assertEquals(JsonValue.TRUE, read(id).get("active"));
    assertEquals(user.upn(), read(id).getString("userName"));
  }

  // Manager

  @ParameterizedTest
  @ValueSource(
      strings = {
        // P6: a bare string, as Entra's real traffic sends it
        """
        {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": "{manager}"}""",
        """
        {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": "{manager}"}""",
        // P6b: an object, as the validator sends it
        """
        {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": {"value": "{manager}"}}""",
        """
        {"op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": {"value": "{manager}"}}""",
        // P6c: the tutorial's older form, an array of one under a path without URN
        """
        {"op": "Add", "path": "manager", "value": [{"$ref": "{base}/Users/{manager}", "value": "{manager}"}]}"""
      })
  void setsManagerFromEveryShapeEntraSends(String operation) {
    String managerId = create(EntraUser.random().createBody()).getString("id");
    String id = create(EntraUser.random().createBody()).getString("id");

    patch(id, patchOf(operation.replace("{manager}", managerId).replace("{base}", scim.base())));

    JsonObject stored = read(id);
    JsonObject manager = stored.getJsonObject(ENTERPRISE).getJsonObject("manager");
    assertEquals(managerId, manager.getString("value"), stored::toString);
    if (!operation.contains("$ref")) {
      assertEquals(1, manager.size(), () -> "manager is {\"value\": id}: " + stored);
    }
    assertTrue(stored.getJsonArray("schemas").contains(jsonString(ENTERPRISE)));
  }

  @Test
  void replacesManagerWithAnotherOne() {
    String first = create(EntraUser.random().createBody()).getString("id");
    String second = create(EntraUser.random().createBody()).getString("id");
    String id = create(EntraUser.random().createBody()).getString("id");
    patch(id, patchOf(managerOperation("Add", "\"" + first + "\"")));

    patch(id, patchOf(managerOperation("Replace", "\"" + second + "\"")));

    assertEquals(
        second, read(id).getJsonObject(ENTERPRISE).getJsonObject("manager").getString("value"));
  }

  @Test
  void acceptsManagerThatIsNotAUserOfThisServer() {
    String id = create(EntraUser.random().createBody()).getString("id");
    String unknown = UUID.randomUUID().toString();

    patch(id, patchOf(managerOperation("Add", "\"" + unknown + "\"")));

    assertEquals(
        unknown, read(id).getJsonObject(ENTERPRISE).getJsonObject("manager").getString("value"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // P7: the validator's "Remove Manager"
        """
        {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": {"value": ""}}""",
        """
        {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": ""}""",
        """
        {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": null}""",
        // P7b: observed from Entra, with and without a value filter
        """
        {"op": "Remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}""",
        """
        {"op": "Remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \\"{manager}\\"]"}"""
      })
  void removesManagerInEveryWayEntraDoes(String removal) {
    String managerId = create(EntraUser.random().createBody()).getString("id");
    String id = create(EntraUser.random().createBody()).getString("id");
    patch(
        id,
        patchOf(
            managerOperation("Add", "\"" + managerId + "\""),
            """
            {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Sales"}"""));
    assertEquals(
        managerId, read(id).getJsonObject(ENTERPRISE).getJsonObject("manager").getString("value"));

    patch(id, patchOf(removal.replace("{manager}", managerId)));

    JsonObject stored = read(id);
    JsonObject enterprise = stored.getJsonObject(ENTERPRISE);
    assertFalse(enterprise.containsKey("manager"), stored::toString);
    assertEquals("Sales", enterprise.getString("department"));
  }

  // Clearing values (P11)

  @ParameterizedTest
  @ValueSource(
      strings = {
        """
        {"op": "Replace", "path": "title", "value": ""}""",
        """
        {"op": "Replace", "path": "title", "value": null}""",
        """
        {"op": "Remove", "path": "title"}"""
      })
  void clearsTitleWithEmptyStringNullOrRemove(String clearing) {
    String id = create(EntraUser.random().createBody()).getString("id");
    patch(id, patchOf("{\"op\": \"Add\", \"path\": \"title\", \"value\": \"Tour Guide\"}"));
    assertEquals("Tour Guide", read(id).getString("title"));

    JsonObject patched = patch(id, patchOf(clearing));

    assertFalse(patched.containsKey("title"), patched::toString);
    assertFalse(read(id).containsKey("title"));
  }

  // Several operations in one request

  @Test
  void appliesSeveralOperationsOnTheSameAttributeInOrder() {
    String id = create(EntraUser.random().createBody()).getString("id");
    String last = UUID.randomUUID().toString();

    JsonObject patched =
        patch(
            id,
            """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [
                {"op": "remove", "path": "externalId"},
                {"op": "add", "path": "externalId", "value": "%s"},
                {"op": "replace", "path": "externalId", "value": "%s"}
              ]
            }
            """
                .formatted(UUID.randomUUID(), last));

    assertEquals(last, patched.getString("externalId"));
    assertEquals(last, read(id).getString("externalId"));
    assertEquals(1, match("externalId+eq+%22" + last + "%22").getInt("totalResults"));
  }

  @Test
  void treatsEmptyOperationsAsNoOp() {
    String id = create(EntraUser.random().createBody()).getString("id");
    JsonObject before = read(id);

    ScimClient.Reply reply =
        scim.patch(
            "/Users/" + id,
            ACME_TOKEN,
            """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": []}
            """);

    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    assertEquals(before, reply.json());
    assertEquals(before.getJsonObject("meta").getString("version"), reply.header("ETag").get());
    assertEquals(before, read(id));
  }

  // Hard delete

  @Test
  void hardDeleteAnswers204AndThenTheUserIsGone() {
    EntraUser user = EntraUser.random();
    String id = create(user.createBody()).getString("id");

    ScimClient.Reply deleted = scim.delete("/Users/" + id, ACME_TOKEN);

    assertEquals(204, deleted.status(), deleted::toString);
    assertEquals("", deleted.body());
    assertScimError(scim.get("/Users/" + id, ACME_TOKEN), 404, null);
    assertScimError(scim.delete("/Users/" + id, ACME_TOKEN), 404, null);
    assertEquals(0, match("userName+eq+%22" + encoded(user.upn()) + "%22").getInt("totalResults"));
  }

  @Test
  void answersDeleteOfUnknownUserWith404() {
    assertScimError(scim.delete("/Users/" + UUID.randomUUID(), ACME_TOKEN), 404, null);
  }

  // The whole lifecycle in Entra's order

  @Test
  void provisionsUpdatesDisablesAndDeletesOneUserAsEntraDoes() {
    EntraUser user = EntraUser.random();
    String byUserName = "userName+eq+%22" + encoded(user.upn()) + "%22";
    assertEquals(0, match("userName+eq+%22" + UUID.randomUUID() + "%22").getInt("totalResults"));
    assertEquals(0, match(byUserName).getInt("totalResults"));

    String id = create(user.createBody()).getString("id");
    String managerId = create(EntraUser.random().createBody()).getString("id");

    assertEquals(200, scim.get("/Users/" + id, ACME_TOKEN).status());
    patch(
        id,
        patchOf(
            "{\"op\": \"Replace\", \"path\": \"title\", \"value\": \"Consultant\"}",
            "{\"op\": \"Add\", \"path\": \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\", \"value\": \"Sales\"}"));
    patch(id, patchOf(managerOperation("Add", "\"" + managerId + "\"")));
    patch(id, patchOf("{\"op\": \"Replace\", \"path\": \"active\", \"value\": \"False\"}"));

    JsonObject disabled = read(id);
    assertEquals(JsonValue.FALSE, disabled.get("active"));
    assertEquals("Consultant", disabled.getString("title"));
    assertEquals(
        managerId, disabled.getJsonObject(ENTERPRISE).getJsonObject("manager").getString("value"));
    assertEquals(1, match(byUserName).getInt("totalResults"));

    assertEquals(204, scim.delete("/Users/" + id, ACME_TOKEN).status());
    assertScimError(scim.get("/Users/" + id, ACME_TOKEN), 404, null);
    assertEquals(0, match(byUserName).getInt("totalResults"));
  }

  // Helpers

  private JsonObject create(String body) {
    ScimClient.Reply reply = scim.post("/Users", ACME_TOKEN, body);
    assertEquals(201, reply.status(), reply::toString);
    return reply.json();
  }

  private JsonObject read(String id) {
    return assertScimJson(scim.get("/Users/" + id, ACME_TOKEN), 200);
  }

  private JsonObject patch(String id, String body) {
    ScimClient.Reply reply = scim.patch("/Users/" + id, ACME_TOKEN, body);
    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject user = reply.json();
    assertEquals(id, user.getString("id"));
    assertEquals(
        user.getJsonObject("meta").getString("version"), reply.header("ETag").orElse(null));
    return user;
  }

  /** GET /Users?filter=… with the filter already encoded as Entra encodes it. */
  private JsonObject match(String encodedFilter) {
    ScimClient.Reply reply = scim.get("/Users?filter=" + encodedFilter, ACME_TOKEN);
    assertEquals(200, reply.status(), reply::toString);
    assertScimJson(reply);
    JsonObject list = reply.json();
    assertEquals(LIST_RESPONSE, list.getJsonArray("schemas").getString(0));
    assertEquals(
        list.getInt("totalResults"), list.getJsonArray("Resources").size(), reply::toString);
    return list;
  }

  private static String managerOperation(String op, String value) {
    return """
        {"op": "%s", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": %s}"""
        .formatted(op, value);
  }

  /** The one element of a multi-valued attribute with that type. */
  private static JsonObject element(JsonObject user, String attribute, String type) {
    List<JsonObject> matching =
        user.getJsonArray(attribute).getValuesAs(JsonObject.class).stream()
            .filter(e -> type.equals(e.getString("type", null)))
            .toList();
    assertEquals(1, matching.size(), () -> attribute + " of type " + type + " in " + user);
    return matching.get(0);
  }

  private static JsonValue jsonString(String value) {
    return jakarta.json.Json.createValue(value);
  }
}
