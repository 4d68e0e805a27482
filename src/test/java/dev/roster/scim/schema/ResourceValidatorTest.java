package dev.roster.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * POST and PUT bodies as Entra ID, Okta, Microsoft's validator and test collection send them
 * (docs/request-shapes.md: #entra-bodies, #microsoft-validator, #quirks, #okta-flow, #okta-quirks),
 * and the canonical resource each one becomes.
 */
class ResourceValidatorTest {

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static Arguments user(String name, String input, String canonical) {
    return Arguments.of(name, ResourceType.USER, input, canonical);
  }

  private static Arguments group(String name, String input, String canonical) {
    return Arguments.of(name, ResourceType.GROUP, input, canonical);
  }

  static Stream<Arguments> bodies() {
    return Stream.of(
        user(
            "Entra POST /Users (tutorial example)",
            """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
              "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
              "active": true,
              "emails": [{
                "primary": true,
                "type": "work",
                "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"
              }],
              "meta": {"resourceType": "User"},
              "name": {
                "formatted": "givenName familyName",
                "familyName": "familyName",
                "givenName": "givenName"
              },
              "roles": []
            }
            """,
            """
            {
              "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
              "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
              "active": true,
              "emails": [{
                "primary": true,
                "type": "work",
                "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"
              }],
              "name": {
                "formatted": "givenName familyName",
                "familyName": "familyName",
                "givenName": "givenName"
              }
            }
            """),
        user(
            "Entra POST /Users (older example: top-level nulls, typo'd schema URI)",
            """
            {
              "active": true,
              "addresses": null,
              "displayName": "Test User",
              "emails": [{"primary": true, "type": "work", "value": "Test_User@contoso.com"}],
              "externalId": "Test_User",
              "name": {"familyName": "User", "givenName": "Test"},
              "phoneNumbers": null,
              "preferredLanguage": null,
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
              "title": null,
              "department": null,
              "manager": null,
              "userName": "Test_User@contoso.com",
              "meta": {"resourceType": "User"}
            }
            """,
            """
            {
              "active": true,
              "displayName": "Test User",
              "emails": [{"primary": true, "type": "work", "value": "Test_User@contoso.com"}],
              "externalId": "Test_User",
              "name": {"familyName": "User", "givenName": "Test"},
              "userName": "Test_User@contoso.com"
            }
            """),
        user(
            "Entra extension object with nulls and a typo'd extension key",
            """
            {
              "userName": "Test_User@contoso.com",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                {"department": null, "manager": null, "employeeNumber": "1001"},
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0User": {"department": "Sales"}
            }
            """,
            """
            {
              "userName": "Test_User@contoso.com",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                {"employeeNumber": "1001"}
            }
            """),
        user(
            "Okta POST /Users (password, groups: [])",
            """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName": "test.user@okta.local",
              "name": {"givenName": "Test", "familyName": "User"},
              "emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
              "displayName": "Test User",
              "locale": "en-US",
              "externalId": "00ujl29u0le5T6Aj10h7",
              "groups": [],
              "password": "1mz050nq",
              "active": true
            }
            """,
            """
            {
              "userName": "test.user@okta.local",
              "name": {"givenName": "Test", "familyName": "User"},
              "emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
              "displayName": "Test User",
              "locale": "en-US",
              "externalId": "00ujl29u0le5T6Aj10h7",
              "password": "1mz050nq",
              "active": true
            }
            """),
        user(
            "Okta PUT /Users/{id} (id, meta, groups)",
            """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "id": "23a35c27-23d3-4c03-b4c5-6443c09e7173",
              "userName": "test.user@okta.local",
              "name": {"givenName": "Another", "familyName": "User"},
              "emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
              "displayName": "Another User",
              "locale": "en-US",
              "externalId": "00ujl29u0le5T6Aj10h7",
              "groups": [{"value": "6c5bb468-14b2-4183-baf2-06d523e03bd3", "display": "Everyone"}],
              "active": false,
              "meta": {"resourceType": "User", "created": "2024-01-02T03:04:05Z",
                       "lastModified": "2024-01-02T03:04:05Z",
                       "location": "https://roster.example.com/scim/v2/Users/23a35c27"}
            }
            """,
            """
            {
              "userName": "test.user@okta.local",
              "name": {"givenName": "Another", "familyName": "User"},
              "emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
              "displayName": "Another User",
              "locale": "en-US",
              "externalId": "00ujl29u0le5T6Aj10h7",
              "active": false
            }
            """),
        user(
            "Microsoft validator full payload (default attributes)",
            """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "userName": "jaylen_sipes@lowe.info",
              "active": true,
              "displayName": "HXGDLMDKUFSQ",
              "title": "VYKMDUGPERJO",
              "emails": [{"type": "work", "value": "kraig.sporer@weimann.com", "primary": true}],
              "preferredLanguage": "ky-KG",
              "name": {
                "givenName": "Marcel", "familyName": "Emard", "formatted": "Odessa",
                "middleName": "Rylee", "honorificPrefix": "Hugh", "honorificSuffix": "Gage"
              },
              "addresses": [{
                "type": "work", "formatted": "ZSQQNRCOTVBH", "streetAddress": "5346 Cole Vista",
                "locality": "GGKDXVPKBPIV", "region": "XIGWXJSVYDKS", "postalCode": "sy8 7ah",
                "primary": true, "country": "Iceland"
              }],
              "phoneNumbers": [
                {"type": "work", "value": "27-481-2844", "primary": true},
                {"type": "mobile", "value": "27-481-2845"},
                {"type": "fax", "value": "27-481-2846"}
              ],
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "employeeNumber": "FQVLFGSJVFXP", "department": "DWJSIWAFYHQI",
                "costCenter": "TGYPQBZSCTVD", "organization": "GYOSXKGQOXKH",
                "division": "FZIXUDKHDVKC", "manager": {"value": "ALVQPXVEHUJB"}
              },
              "roles": [{"primary": "True", "display": "NOOUIBGOJGBF", "value": "BDJKUGYBEEAX",
                         "type": "WindowsAzureActiveDirectoryRole"}],
              "userType": "GZKRXNMWHHFR",
              "nickName": "KLIQSBTKCRBM",
              "locale": "FHLBAPYIZNTJ",
              "timezone": "Asia/Amman",
              "profileUrl": "KWYTQTLJLOSL",
              "externalId": "0d3c2a1b-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
            }
            """,
            """
            {
              "userName": "jaylen_sipes@lowe.info",
              "active": true,
              "displayName": "HXGDLMDKUFSQ",
              "title": "VYKMDUGPERJO",
              "emails": [{"type": "work", "value": "kraig.sporer@weimann.com", "primary": true}],
              "preferredLanguage": "ky-KG",
              "name": {
                "givenName": "Marcel", "familyName": "Emard", "formatted": "Odessa",
                "middleName": "Rylee", "honorificPrefix": "Hugh", "honorificSuffix": "Gage"
              },
              "addresses": [{
                "type": "work", "formatted": "ZSQQNRCOTVBH", "streetAddress": "5346 Cole Vista",
                "locality": "GGKDXVPKBPIV", "region": "XIGWXJSVYDKS", "postalCode": "sy8 7ah",
                "primary": true, "country": "Iceland"
              }],
              "phoneNumbers": [
                {"type": "work", "value": "27-481-2844", "primary": true},
                {"type": "mobile", "value": "27-481-2845"},
                {"type": "fax", "value": "27-481-2846"}
              ],
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "employeeNumber": "FQVLFGSJVFXP", "department": "DWJSIWAFYHQI",
                "costCenter": "TGYPQBZSCTVD", "organization": "GYOSXKGQOXKH",
                "division": "FZIXUDKHDVKC", "manager": {"value": "ALVQPXVEHUJB"}
              },
              "roles": [{"primary": true, "display": "NOOUIBGOJGBF", "value": "BDJKUGYBEEAX",
                         "type": "WindowsAzureActiveDirectoryRole"}],
              "userType": "GZKRXNMWHHFR",
              "nickName": "KLIQSBTKCRBM",
              "locale": "FHLBAPYIZNTJ",
              "timezone": "Asia/Amman",
              "profileUrl": "KWYTQTLJLOSL",
              "externalId": "0d3c2a1b-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
            }
            """),
        user(
            "Microsoft test collection: names in any case, string booleans",
            """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "USERNAME": "UserName123",
              "Active": "True",
              "DisplayName": "BobIsAmazing",
              "emails": [{"Primary": "true", "Type": "work", "Value": "bob@example.com"},
                         {"Primary": "FALSE", "Type": "home", "Value": "bob@example.org"}],
              "Name": {"FamilyName": "Doe", "GivenName": "Bob"},
              "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER": {
                "Department": "Sales",
                "Manager": {"Value": "manager-1", "displayName": "Jane Doe"}
              }
            }
            """,
            """
            {
              "userName": "UserName123",
              "active": true,
              "displayName": "BobIsAmazing",
              "emails": [{"primary": true, "type": "work", "value": "bob@example.com"},
                         {"primary": false, "type": "home", "value": "bob@example.org"}],
              "name": {"familyName": "Doe", "givenName": "Bob"},
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                "department": "Sales",
                "manager": {"value": "manager-1"}
              }
            }
            """),
        user(
            "Microsoft test collection: two work emails are accepted",
            """
            {"userName": "two@example.com",
             "emails": [{"type": "work", "value": "a@example.com"},
                        {"type": "work", "value": "b@example.com"}]}
            """,
            """
            {"userName": "two@example.com",
             "emails": [{"type": "work", "value": "a@example.com"},
                        {"type": "work", "value": "b@example.com"}]}
            """),
        user(
            "values are kept byte for byte",
            """
            {"userName": "  BJensen@Example.COM ",
             "displayName": "Zoë Ångström 😀",
             "phoneNumbers": [{"value": "+1 (555) 555-5555 ext. 12", "type": "Work"}],
             "timezone": "Mars/Olympus_Mons",
             "title": "line one\\nline two\\t\\"quoted\\""}
            """,
            """
            {"userName": "  BJensen@Example.COM ",
             "displayName": "Zoë Ångström 😀",
             "phoneNumbers": [{"value": "+1 (555) 555-5555 ext. 12", "type": "Work"}],
             "timezone": "Mars/Olympus_Mons",
             "title": "line one\\nline two\\t\\"quoted\\""}
            """),
        user(
            "unknown attributes, schemas and sub-attributes are dropped",
            """
            {"userName": "bjensen",
             "favouriteColour": "green",
             "name": {"givenName": "Barbara", "nickName": "Babs"},
             "emails": [{"value": "bjensen@example.com", "verified": true}],
             "urn:acme:params:scim:schemas:extension:badge:1.0:User": {"badge": "42"},
             "urn:ietf:params:scim:schemas:core:2.0:Group": {"displayName": "x"}}
            """,
            """
            {"userName": "bjensen",
             "name": {"givenName": "Barbara"},
             "emails": [{"value": "bjensen@example.com"}]}
            """),
        user(
            "read-only attributes are dropped",
            """
            {"userName": "bjensen",
             "id": "2819c223-7f76-453a-919d-413861904646",
             "meta": {"resourceType": "User", "version": "W/\\"a330bc54f0671c9\\""},
             "groups": [{"value": "e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Tour Guides"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager": {"value": "26118915", "displayName": "John Smith"}}}
            """,
            """
            {"userName": "bjensen",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager": {"value": "26118915"}}}
            """),
        user(
            "nulls, empty strings, empty arrays and empty objects are unassigned",
            """
            {"userName": "bjensen",
             "title": "",
             "nickName": null,
             "active": "",
             "roles": [],
             "emails": [{"value": "", "type": "work"}],
             "phoneNumbers": [null, {"value": "555-555-5555", "type": ""}],
             "name": {"givenName": "", "familyName": null},
             "addresses": [{}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"department": "", "manager": {"value": ""}}}
            """,
            """
            {"userName": "bjensen",
             "emails": [{"type": "work"}],
             "phoneNumbers": [{"value": "555-555-5555"}]}
            """),
        user(
            "a multi-valued attribute given one object is a list of one",
            """
            {"userName": "bjensen",
             "emails": {"value": "bjensen@example.com", "type": "work", "primary": "True"}}
            """,
            """
            {"userName": "bjensen",
             "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}]}
            """),
        user(
            "manager as a bare string is {value}",
            """
            {"userName": "bjensen",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": "26118915"}}
            """,
            """
            {"userName": "bjensen",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager": {"value": "26118915"}}}
            """),
        user(
            "manager as an array of one is that element",
            """
            {"userName": "bjensen",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager": [{"$ref": "../Users/26118915", "value": "26118915"}]}}
            """,
            """
            {"userName": "bjensen",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager": {"$ref": "../Users/26118915", "value": "26118915"}}}
            """),
        user(
            "a string of exactly 2048 characters is kept",
            "{\"userName\": \"" + "x".repeat(2048) + "\"}",
            "{\"userName\": \"" + "x".repeat(2048) + "\"}"),
        // bytes of UTF-8 bound a value too: 2,400 of them are 600 emoji, 800 CJK, 1,200 é
        user(
            "600 emoji are 2400 bytes",
            "{\"userName\": \"" + "\uD83D\uDE00".repeat(600) + "\"}",
            "{\"userName\": \"" + "\uD83D\uDE00".repeat(600) + "\"}"),
        user(
            "a sub-attribute of 800 CJK characters",
            "{\"userName\": \"b\", \"emails\": [{\"display\": \"" + "\u6771".repeat(800) + "\"}]}",
            "{\"userName\": \"b\", \"emails\": [{\"display\": \"" + "\u6771".repeat(800) + "\"}]}"),
        user(
            "1200 accented letters whose lower case is as long",
            "{\"userName\": \"" + "\u00C9".repeat(1200) + "\"}",
            "{\"userName\": \"" + "\u00C9".repeat(1200) + "\"}"),
        user(
            "800 dotted capital I: 1600 bytes, 2400 once lower-cased",
            "{\"userName\": \"" + "\u0130".repeat(800) + "\"}",
            "{\"userName\": \"" + "\u0130".repeat(800) + "\"}"),
        user(
            "roles as POSTed (objects, \"primary\" string)",
            """
            {"userName": "bjensen",
             "roles": [{"primary": "False", "display": "Reader", "value": "Reader"},
                       {"primary": "True", "display": "Admin", "value": "Admin"}]}
            """,
            """
            {"userName": "bjensen",
             "roles": [{"primary": false, "display": "Reader", "value": "Reader"},
                       {"primary": true, "display": "Admin", "value": "Admin"}]}
            """),
        group(
            "Entra POST /Groups (legacy schema URI, meta)",
            """
            {
              "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
              "displayName": "Group1",
              "meta": {"resourceType": "Group"},
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group",
                          "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"]
            }
            """,
            """
            {"externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", "displayName": "Group1"}
            """),
        group(
            "Okta POST /Groups with members: []",
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
             "displayName": "Test SCIMv2", "members": []}
            """,
            """
            {"displayName": "Test SCIMv2"}
            """),
        group(
            "group members keep display; $ref null is dropped",
            """
            {"displayName": "Tour Guides",
             "members": [{"value": "2819c223", "display": "Babs Jensen", "$ref": null},
                         {"value": "902c246b", "type": "User"}]}
            """,
            """
            {"displayName": "Tour Guides",
             "members": [{"value": "2819c223", "display": "Babs Jensen"},
                         {"value": "902c246b", "type": "User"}]}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void readsBodyIntoCanonicalForm(String name, ResourceType type, String input, String canonical) {
    assertEquals(json(canonical), new ResourceValidator(type).validate(json(input)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void canonicalFormIsStable(String name, ResourceType type, String input, String canonical) {
    JsonObject once = new ResourceValidator(type).validate(json(input));

    assertEquals(once, new ResourceValidator(type).validate(once));
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("missing userName", ResourceType.USER, "{\"displayName\": \"Babs Jensen\"}"),
        Arguments.of("userName null", ResourceType.USER, "{\"userName\": null}"),
        Arguments.of("userName \"\"", ResourceType.USER, "{\"userName\": \"\"}"),
        Arguments.of("userName 42", ResourceType.USER, "{\"userName\": 42}"),
        Arguments.of("userName only spaces", ResourceType.USER, "{\"userName\": \"   \"}"),
        Arguments.of("userName true", ResourceType.USER, "{\"userName\": true}"),
        Arguments.of(
            "userName an object", ResourceType.USER, "{\"userName\": {\"value\": \"bjensen\"}}"),
        Arguments.of(
            "active \"maybe\"", ResourceType.USER, "{\"userName\": \"b\", \"active\": \"maybe\"}"),
        Arguments.of("active 1", ResourceType.USER, "{\"userName\": \"b\", \"active\": 1}"),
        Arguments.of(
            "name a string", ResourceType.USER, "{\"userName\": \"b\", \"name\": \"Babs\"}"),
        Arguments.of(
            "name.givenName an object",
            ResourceType.USER,
            "{\"userName\": \"b\", \"name\": {\"givenName\": {\"value\": \"Babs\"}}}"),
        Arguments.of(
            "email value a number",
            ResourceType.USER,
            "{\"userName\": \"b\", \"emails\": [{\"value\": 42}]}"),
        Arguments.of(
            "email primary \"yes\"",
            ResourceType.USER,
            "{\"userName\": \"b\", \"emails\": [{\"value\": \"b@example.com\", \"primary\":"
                + " \"yes\"}]}"),
        Arguments.of(
            "email element an array",
            ResourceType.USER,
            "{\"userName\": \"b\", \"emails\": [[\"b@example.com\"]]}"),
        Arguments.of(
            "two primary emails",
            ResourceType.USER,
            """
            {"userName": "b",
             "emails": [{"value": "a@example.com", "primary": true},
                        {"value": "b@example.com", "primary": "True"}]}
            """),
        Arguments.of(
            "a string over 2048 characters",
            ResourceType.USER,
            "{\"userName\": \"b\", \"displayName\": \"" + "x".repeat(2049) + "\"}"),
        Arguments.of(
            "2049 emoji",
            ResourceType.USER,
            "{\"userName\": \"" + "\uD83D\uDE00".repeat(2049) + "\"}"),
        Arguments.of(
            "601 emoji, 2404 bytes",
            ResourceType.USER,
            "{\"userName\": \"" + "\uD83D\uDE00".repeat(601) + "\"}"),
        Arguments.of(
            "a sub-attribute of 801 CJK characters, 2403 bytes",
            ResourceType.USER,
            "{\"userName\": \"b\", \"addresses\": [{\"locality\": \""
                + "\u6771".repeat(801)
                + "\"}]}"),
        Arguments.of(
            "1201 accented letters, 2402 bytes",
            ResourceType.USER,
            "{\"userName\": \"b\", \"title\": \"" + "\u00E9".repeat(1201) + "\"}"),
        Arguments.of(
            "1000 dotted capital I: 2000 bytes, 3000 once lower-cased",
            ResourceType.USER,
            "{\"userName\": \"" + "\u0130".repeat(1000) + "\"}"),
        Arguments.of(
            "a group name of 1201 accented letters",
            ResourceType.GROUP,
            "{\"displayName\": \"" + "\u00E9".repeat(1201) + "\"}"),
        Arguments.of(
            "a sub-attribute over 2048 characters",
            ResourceType.USER,
            "{\"userName\": \"b\", \"emails\": [{\"value\": \"" + "x".repeat(2049) + "\"}]}"),
        Arguments.of(
            "enterprise extension a string",
            ResourceType.USER,
            """
            {"userName": "b",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": "Sales"}
            """),
        Arguments.of(
            "enterprise extension an array",
            ResourceType.USER,
            """
            {"userName": "b",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": [{"department": "x"}]}
            """),
        Arguments.of(
            "two managers",
            ResourceType.USER,
            """
            {"userName": "b",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager": [{"value": "m1"}, {"value": "m2"}]}}
            """),
        Arguments.of(
            "manager a number",
            ResourceType.USER,
            """
            {"userName": "b",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": 42}}
            """),
        Arguments.of("group without displayName", ResourceType.GROUP, "{\"members\": []}"),
        Arguments.of("group displayName \"\"", ResourceType.GROUP, "{\"displayName\": \"\"}"),
        Arguments.of(
            "group member value an object",
            ResourceType.GROUP,
            "{\"displayName\": \"g\", \"members\": [{\"value\": {\"id\": \"x\"}}]}"));
  }

  @ParameterizedTest(name = "{0} -> invalidValue")
  @MethodSource("failures")
  void rejectsBody(String name, ResourceType type, String input) {
    ScimException e =
        assertThrows(ScimException.class, () -> new ResourceValidator(type).validate(json(input)));

    assertEquals(400, e.status());
    assertEquals(Optional.of(ScimType.INVALID_VALUE), e.scimType(), e.detail());
  }

  @Test
  void errorNamesTheAttribute() {
    ScimException e =
        assertThrows(
            ScimException.class,
            () ->
                new ResourceValidator(ResourceType.USER)
                    .validate(
                        json(
                            """
                            {"userName": "b",
                             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                               {"manager": {"value": 42}}}
                            """)));

    assertEquals(
        "The value of 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value'"
            + " must be a string, not 42.",
        e.detail());
  }
}
