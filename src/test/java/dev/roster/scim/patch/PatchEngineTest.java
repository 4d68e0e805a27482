package dev.roster.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.ResourceValidator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PATCH requests as Entra ID and Okta send them (docs/request-shapes.md: P1–P11, G1–G7, #okta-flow,
 * #okta-quirks) and the examples of RFC 7644 §3.5.2, applied to RFC 7643 §8.2's bjensen. Each row
 * gives the request body as it arrives and the expected change to the resource, written as a JSON
 * merge patch (RFC 7386): members given replace, {@code null} removes, arrays are given whole.
 */
class PatchEngineTest {

  private static final String E = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String MANAGER_ID = "26118915-6090-4610-87e4-49d8ca9f808d";

  /** RFC 7643 §8.2/§8.3's bjensen as a client would PUT it, read-only attributes included. */
  private static final String BJENSEN_AS_SENT =
      """
      {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "externalId": "701984",
        "userName": "bjensen@example.com",
        "name": {
          "formatted": "Ms. Barbara J Jensen, III",
          "familyName": "Jensen",
          "givenName": "Barbara",
          "middleName": "Jane",
          "honorificPrefix": "Ms.",
          "honorificSuffix": "III"
        },
        "displayName": "Babs Jensen",
        "emails": [
          {"value": "bjensen@example.com", "type": "work", "primary": true},
          {"value": "babs@jensen.org", "type": "home"}
        ],
        "addresses": [
          {
            "type": "work",
            "streetAddress": "100 Universal City Plaza",
            "locality": "Hollywood",
            "region": "CA",
            "postalCode": "91608",
            "country": "USA",
            "formatted": "100 Universal City Plaza\\nHollywood, CA 91608 USA",
            "primary": true
          }
        ],
        "phoneNumbers": [
          {"value": "555-555-5555", "type": "work"},
          {"value": "555-555-4444", "type": "mobile"}
        ],
        "title": "Tour Guide",
        "active": true,
        "groups": [{"value": "e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Tour Guides"}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
          "employeeNumber": "701984",
          "department": "Tour Operations",
          "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d"}
        },
        "meta": {
          "resourceType": "User",
          "created": "2010-01-23T04:56:22Z",
          "lastModified": "2011-05-13T04:42:34Z",
          "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"
        }
      }
      """;

  private static final JsonObject BJENSEN =
      new ResourceValidator(ResourceType.USER).validate(json(BJENSEN_AS_SENT));

  /** RFC 7643 §8.4's Tour Guides, with Entra-style member elements. */
  private static final JsonObject TOUR_GUIDES =
      new ResourceValidator(ResourceType.GROUP)
          .validate(
              json(
                  """
                  {
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                    "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
                    "displayName": "Tour Guides",
                    "externalId": "7dc8ae1f-9d1b-4d1a-b8f7-1a2e0c3d4e5f",
                    "members": [
                      {"value": "2819c223-7f76-453a-919d-413861904646",
                       "$ref": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
                       "display": "Babs Jensen"},
                      {"value": "902c246b-6245-4190-8e05-00816be7344a",
                       "$ref": "https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a",
                       "display": "Mandy Pepperidge"}
                    ]
                  }
                  """));

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  /** bjensen with some attributes changed, to start from another state. */
  private static JsonObject bjensenWith(String changes) {
    return merged(BJENSEN, changes);
  }

  private static JsonObject merged(JsonObject start, String changes) {
    return Json.createMergePatch(json(changes)).apply(start).asJsonObject();
  }

  private static Arguments user(String name, String request, String changes) {
    return Arguments.of(name, ResourceType.USER, BJENSEN, request, changes);
  }

  private static Arguments user(String name, JsonObject start, String request, String changes) {
    return Arguments.of(name, ResourceType.USER, start, request, changes);
  }

  private static Arguments group(String name, String request, String changes) {
    return Arguments.of(name, ResourceType.GROUP, TOUR_GUIDES, request, changes);
  }

  static Stream<Arguments> requests() {
    return Stream.of(
        // P1: Entra's default update of one single-valued attribute or sub-attribute
        user(
            "P1 Replace name.givenName",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"name.givenName","value":"Ann"}]}
            """,
            """
            {"name":{"givenName":"Ann"}}
            """),
        user(
            "P1 Replace name.familyName",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"name.familyName","value":"Jensen-Smith"}]}
            """,
            """
            {"name":{"familyName":"Jensen-Smith"}}
            """),
        user(
            "P1 Replace displayName",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"displayName","value":"Barbara Jensen"}]}
            """,
            """
            {"displayName":"Barbara Jensen"}
            """),
        user(
            "P1 Replace title",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"title","value":"Senior Tour Guide"}]}
            """,
            """
            {"title":"Senior Tour Guide"}
            """),
        user(
            "P1 Replace userName",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"userName","value":"barbara.jensen@example.com"}]}
            """,
            """
            {"userName":"barbara.jensen@example.com"}
            """),
        user(
            "P1 Replace externalId",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"externalId",
                            "value":"4f6e2a8c-1b3d-4e5f-8a9b-0c1d2e3f4a5b"}]}
            """,
            """
            {"externalId":"4f6e2a8c-1b3d-4e5f-8a9b-0c1d2e3f4a5b"}
            """),
        user(
            "P1 Replace preferredLanguage that had no value",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"preferredLanguage","value":"en-US"}]}
            """,
            """
            {"preferredLanguage":"en-US"}
            """),
        user(
            "P1 path names in another case (Q10)",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"Name.GivenName","value":"Ann"},
                           {"op":"Replace","path":"DISPLAYNAME","value":"Ann Jensen"}]}
            """,
            """
            {"name":{"givenName":"Ann"},"displayName":"Ann Jensen"}
            """),
        user(
            "P1 core-URN-qualified path",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace",
                            "path":"urn:ietf:params:scim:schemas:core:2.0:User:name.givenName",
                            "value":"Ann"}]}
            """,
            """
            {"name":{"givenName":"Ann"}}
            """),
        // P2
        user(
            "P2 Add nickName that had no value",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"nickName","value":"Babs"}]}
            """,
            """
            {"nickName":"Babs"}
            """),
        user(
            "P2 Add on a single-valued attribute that has a value replaces it",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"title","value":"Head Guide"}]}
            """,
            """
            {"title":"Head Guide"}
            """),
        // P3: typed multi-valued attributes; other elements stay as they are
        user(
            "P3 Replace emails[type eq work].value leaves the home email alone",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"emails[type eq \\"work\\"].value",
                            "value":"barbara@example.com"}]}
            """,
            """
            {"emails":[{"value":"barbara@example.com","type":"work","primary":true},
                       {"value":"babs@jensen.org","type":"home"}]}
            """),
        user(
            "P3 Replace phoneNumbers[type eq mobile].value",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"phoneNumbers[type eq \\"mobile\\"].value",
                            "value":"27-481-2844"}]}
            """,
            """
            {"phoneNumbers":[{"value":"555-555-5555","type":"work"},
                             {"value":"27-481-2844","type":"mobile"}]}
            """),
        user(
            "P3 Replace addresses[type eq work].streetAddress",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"addresses[type eq \\"work\\"].streetAddress",
                            "value":"1010 Broadway Ave"}]}
            """,
            """
            {"addresses":[{"type":"work","streetAddress":"1010 Broadway Ave",
                           "locality":"Hollywood","region":"CA","postalCode":"91608",
                           "country":"USA",
                           "formatted":"100 Universal City Plaza\\nHollywood, CA 91608 USA",
                           "primary":true}]}
            """),
        user(
            "P3 capitalised sub-attributes and filter value (older Entra mapping)",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"emails[Type eq \\"Work\\"].Value",
                            "value":"barbara@example.com"}]}
            """,
            """
            {"emails":[{"value":"barbara@example.com","type":"work","primary":true},
                       {"value":"babs@jensen.org","type":"home"}]}
            """),
        // P4: add through a filter that matches nothing creates the element
        user(
            "P4 Add emails[type eq work].value creates the work email",
            bjensenWith(
                """
                {"emails":[{"value":"babs@jensen.org","type":"home"}]}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"emails[type eq \\"work\\"].value",
                            "value":"bjensen@example.com"}]}
            """,
            """
            {"emails":[{"value":"babs@jensen.org","type":"home"},
                       {"type":"work","value":"bjensen@example.com"}]}
            """),
        user(
            "P4 several Adds on addresses[type eq work] land in one element",
            bjensenWith(
                """
                {"addresses":null}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[
               {"op":"Add","path":"addresses[type eq \\"work\\"].formatted",
                "value":"100 Universal City Plaza, Hollywood"},
               {"op":"Add","path":"addresses[type eq \\"work\\"].streetAddress",
                "value":"100 Universal City Plaza"},
               {"op":"Add","path":"addresses[type eq \\"work\\"].locality","value":"Hollywood"},
               {"op":"Add","path":"addresses[type eq \\"work\\"].region","value":"CA"},
               {"op":"Add","path":"addresses[type eq \\"work\\"].postalCode","value":"91608"},
               {"op":"Add","path":"addresses[type eq \\"work\\"].country","value":"US"}]}
            """,
            """
            {"addresses":[{"type":"work","formatted":"100 Universal City Plaza, Hollywood",
                           "streetAddress":"100 Universal City Plaza","locality":"Hollywood",
                           "region":"CA","postalCode":"91608","country":"US"}]}
            """),
        user(
            "P4 Add phoneNumbers[type eq fax].value next to the others",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"phoneNumbers[type eq \\"fax\\"].value",
                            "value":"555-555-8377"}]}
            """,
            """
            {"phoneNumbers":[{"value":"555-555-5555","type":"work"},
                             {"value":"555-555-4444","type":"mobile"},
                             {"type":"fax","value":"555-555-8377"}]}
            """),
        user(
            "P4 Add through a filter that matches sets the sub-attribute in place",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"phoneNumbers[type eq \\"work\\"].value",
                            "value":"555-555-1234"}]}
            """,
            """
            {"phoneNumbers":[{"value":"555-555-1234","type":"work"},
                             {"value":"555-555-4444","type":"mobile"}]}
            """),
        // P5: enterprise extension attributes by URN
        user(
            "P5 Replace enterprise department",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
               "value":"Sales"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales"}}
            """),
        user(
            "P5 Replace enterprise employeeNumber",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
               "value":"E-1001"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"employeeNumber":"E-1001"}}
            """),
        user(
            "P5 Replace costCenter, organization and division",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[
               {"op":"Replace",
                "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter",
                "value":"4130"},
               {"op":"Replace",
                "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization",
                "value":"Universal Studios"},
               {"op":"Replace",
                "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division",
                "value":"Theme Park"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"costCenter":"4130","organization":"Universal Studios","division":"Theme Park"}}
            """),
        user(
            "P5 Replace department when the extension object is absent",
            bjensenWith(
                """
                {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":null}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
               "value":"Sales"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales"}}
            """),
        user(
            "P5 Add employeeNumber when the extension object is absent",
            bjensenWith(
                """
                {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":null}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
               "value":"701984"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"employeeNumber":"701984"}}
            """),
        // P6: the manager as Entra sends it
        user(
            "P6 Add manager as a bare string",
            bjensenWith(
                """
                {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":null}}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
               "value":"a1b2c3d4"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager":{"value":"a1b2c3d4"}}}
            """),
        user(
            "P6 Replace manager as a bare string",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
               "value":"a1b2c3d4"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager":{"value":"a1b2c3d4"}}}
            """),
        user(
            "P6b Replace manager with {value}",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
               "value":{"value":"a1b2c3d4"}}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager":{"value":"a1b2c3d4"}}}
            """),
        user(
            "P6b Add manager with {value}, manager absent",
            bjensenWith(
                """
                {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":null}}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
               "value":{"value":"a1b2c3d4"}}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager":{"value":"a1b2c3d4"}}}
            """),
        user(
            "P6c Add path manager with an array of one {$ref, value}",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"manager",
               "value":[{"$ref":"../Users/a1b2c3d4","value":"a1b2c3d4"}]}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager":{"$ref":"../Users/a1b2c3d4","value":"a1b2c3d4"}}}
            """),
        user(
            "P6 a new manager id does not keep the old manager's $ref",
            bjensenWith(
                """
                {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                   {"manager":{"$ref":"../Users/26118915-6090-4610-87e4-49d8ca9f808d"}}}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
               "value":"a1b2c3d4"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"manager":{"value":"a1b2c3d4","$ref":null}}}
            """),
        // P7, P7b: manager removal
        user(
            "P7 Replace manager with {value: \"\"} removes it",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
               "value":{"value":""}}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":null}}
            """),
        user(
            "P7 Replace manager with \"\" removes it",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
               "value":""}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":null}}
            """),
        user(
            "P7 Replace manager with null removes it",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
               "value":null}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":null}}
            """),
        user(
            "P7b Remove manager",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Remove",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":null}}
            """),
        user(
            "P7b Remove manager[value eq id]",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Remove",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \\"26118915-6090-4610-87e4-49d8ca9f808d\\"]"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":null}}
            """),
        user(
            "P7b Remove manager[value eq another id] keeps the manager",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Remove",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \\"someone-else\\"]"}]}
            """,
            "{}"),
        user(
            "P7 the last enterprise attribute removed removes the extension object",
            bjensenWith(
                """
                {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                   {"employeeNumber":null,"department":null}}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Remove",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":null}
            """),
        // P8, P8b: active
        user(
            "P8 Replace active \"False\" (string)",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"active","value":"False"}]}
            """,
            """
            {"active":false}
            """),
        user(
            "P8 Replace active \"True\" (string) re-enables",
            bjensenWith(
                """
                {"active":false}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"active","value":"True"}]}
            """,
            """
            {"active":true}
            """),
        user(
            "P8 Replace active \"FALSE\" in any case",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"active","value":"FALSE"}]}
            """,
            """
            {"active":false}
            """),
        user(
            "P8b replace active false (boolean, aadOptscim062020)",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"active","value":false}]}
            """,
            """
            {"active":false}
            """),
        // P9: path-less replace whose keys are paths
        user(
            "P9 path-less replace with dotted and URN keys",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{
               "displayName":"Barbara Jensen",
               "name.givenName":"Barbara",
               "name.familyName":"Jensen-Smith",
               "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"E-1001"}}]}
            """,
            """
            {"displayName":"Barbara Jensen","name":{"familyName":"Jensen-Smith"},
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"employeeNumber":"E-1001"}}
            """),
        user(
            "P9 path-less replace with a nested object keeps the other sub-attributes",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"name":{"givenName":"Barb"}}}]}
            """,
            """
            {"name":{"givenName":"Barb"}}
            """),
        user(
            "P9 path-less replace with active \"True\"",
            bjensenWith(
                """
                {"active":false}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"active":"True"}}]}
            """,
            """
            {"active":true}
            """),
        user(
            "P9 path-less replace with the extension object",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{
               "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                 {"department":"Sales","Manager":{"Value":"a1b2c3d4"}}}}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"department":"Sales","manager":{"value":"a1b2c3d4"}}}
            """),
        user(
            "P9 path-less replace with a value-filter key",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{
               "displayName":"Barbara Jensen",
               "emails[type eq \\"work\\"].value":"barbara@example.com"}}]}
            """,
            """
            {"displayName":"Barbara Jensen",
             "emails":[{"value":"barbara@example.com","type":"work","primary":true},
                       {"value":"babs@jensen.org","type":"home"}]}
            """),
        // P10: roles
        user(
            "P10 Add roles with JSON documents inside value",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"roles","value":[
               {"value":"{\\"id\\":\\"27a0e3a1-51a2-4a5d-8f3f-1f6b1c1d1e1f\\",\\"value\\":\\"Admin\\",\\"displayName\\":\\"Administrator\\"}"},
               {"value":"{\\"id\\":\\"38b1f4b2-62b3-4b6e-9a4a-2a7c2d2e2f2a\\",\\"value\\":\\"Reader\\",\\"displayName\\":\\"Reader\\"}"}]}]}
            """,
            """
            {"roles":[{"value":"Admin","display":"Administrator"},
                      {"value":"Reader","display":"Reader"}]}
            """),
        user(
            "P10b replace roles with a list",
            bjensenWith(
                """
                {"roles":[{"value":"Guest","display":"Guest"}]}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"roles","value":[
               {"primary":"True","type":"WindowsAzureActiveDirectoryRole","display":"Admin",
                "value":"Admin"},
               {"primary":"False","type":"WindowsAzureActiveDirectoryRole","display":"Reader",
                "value":"Reader"}]}]}
            """,
            """
            {"roles":[{"primary":true,"type":"WindowsAzureActiveDirectoryRole","display":"Admin",
                       "value":"Admin"},
                      {"primary":false,"type":"WindowsAzureActiveDirectoryRole",
                       "display":"Reader","value":"Reader"}]}
            """),
        user(
            "P10c Add roles[primary eq \"True\"].value/.display/.type builds one role",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[
               {"op":"Add","path":"roles[primary eq \\"True\\"].value","value":"Admin"},
               {"op":"Add","path":"roles[primary eq \\"True\\"].display","value":"Administrator"},
               {"op":"Add","path":"roles[primary eq \\"True\\"].type",
                "value":"WindowsAzureActiveDirectoryRole"}]}
            """,
            """
            {"roles":[{"primary":true,"value":"Admin","display":"Administrator",
                       "type":"WindowsAzureActiveDirectoryRole"}]}
            """),
        user(
            "P10c display and type before value still build one role",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[
               {"op":"Add","path":"roles[primary eq \\"True\\"].display","value":"Administrator"},
               {"op":"Add","path":"roles[primary eq \\"True\\"].type",
                "value":"WindowsAzureActiveDirectoryRole"},
               {"op":"Add","path":"roles[primary eq \\"True\\"].value","value":"Admin"}]}
            """,
            """
            {"roles":[{"primary":true,"display":"Administrator",
                       "type":"WindowsAzureActiveDirectoryRole","value":"Admin"}]}
            """),
        user(
            "P3 core-URN-qualified path with a value filter",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace",
               "path":"urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \\"work\\"].value",
               "value":"barbara@example.com"}]}
            """,
            """
            {"emails":[{"value":"barbara@example.com","type":"work","primary":true},
                       {"value":"babs@jensen.org","type":"home"}]}
            """),
        user(
            "RFC replace name (complex) keeps the sub-attributes not given",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"name",
                            "value":{"givenName":"Barb","honorificPrefix":"Dr."}}]}
            """,
            """
            {"name":{"givenName":"Barb","honorificPrefix":"Dr."}}
            """),
        user(
            "Remove the enterprise extension by its URN",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Remove",
                            "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"}]}
            """,
            """
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":null}
            """),
        user(
            "P10c Replace roles[primary eq \"True\"].display on a stored primary role",
            bjensenWith(
                """
                {"roles":[{"primary":true,"value":"Admin","display":"Admin"},
                          {"value":"Reader"}]}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"roles[primary eq \\"True\\"].display",
                            "value":"Administrator"}]}
            """,
            """
            {"roles":[{"primary":true,"value":"Admin","display":"Administrator"},
                      {"value":"Reader"}]}
            """),
        // P11: clearing
        user(
            "P11 Replace title \"\" clears it",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"title","value":""}]}
            """,
            """
            {"title":null}
            """),
        user(
            "P11 Replace title null clears it",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"title","value":null}]}
            """,
            """
            {"title":null}
            """),
        user(
            "P11 Remove title",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Remove","path":"title"}]}
            """,
            """
            {"title":null}
            """),
        user(
            "P11 Replace emails[type eq work].value \"\" drops the work email",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":""}]}
            """,
            """
            {"emails":[{"value":"babs@jensen.org","type":"home"}]}
            """),
        user(
            "P11 Replace a filter that matches nothing with \"\" is a no-op",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"phoneNumbers[type eq \\"fax\\"].value",
                            "value":""}]}
            """,
            "{}"),
        user(
            "P11 path-less replace with \"\" and null clears",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"title":"","displayName":null}}]}
            """,
            """
            {"title":null,"displayName":null}
            """),
        // Okta (A.2 steps 5, 6, 10c)
        user(
            "Okta deactivate: path-less replace {active:false}",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"active":false}}]}
            """,
            """
            {"active":false}
            """),
        user(
            "Okta reactivate: path-less replace {active:true}",
            bjensenWith(
                """
                {"active":false}
                """),
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"active":true}}]}
            """,
            """
            {"active":true}
            """),
        user(
            "Okta path-less replace {id, displayName} ignores id",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{
               "id":"2819c223-7f76-453a-919d-413861904646","displayName":"Barbara Jensen"}}]}
            """,
            """
            {"displayName":"Barbara Jensen"}
            """),
        // structure
        user(
            "multiple ops on the same attribute: remove, add, replace externalId",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"externalId"},
                           {"op":"add","path":"externalId","value":"first"},
                           {"op":"replace","path":"externalId","value":"second"}]}
            """,
            """
            {"externalId":"second"}
            """),
        user(
            "multiple ops on different attributes",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"displayName","value":"Barbara Jensen"},
                           {"op":"Replace","path":"title","value":"Head Guide"},
                           {"op":"Add","path":"nickName","value":"Babs"}]}
            """,
            """
            {"displayName":"Barbara Jensen","title":"Head Guide","nickName":"Babs"}
            """),
        user(
            "empty Operations is a no-op",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}
            """,
            "{}"),
        user(
            "op in any case, member names in any case",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "operations":[{"OP":"rEpLaCe","Path":"title","Value":"Head Guide"},
                           {"op":"ADD","path":"nickName","value":"Babs"}]}
            """,
            """
            {"title":"Head Guide","nickName":"Babs"}
            """),
        user(
            "extra members in an operation are ignored",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"name":"addMember","op":"Add","path":"nickName","value":"Babs"}]}
            """,
            """
            {"nickName":"Babs"}
            """),
        // RFC 7644 §3.5.2 examples on bjensen
        user(
            "RFC add emails with a new primary demotes the old primary",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"emails",
               "value":[{"value":"babs@example.org","type":"other","primary":true}]}]}
            """,
            """
            {"emails":[{"value":"bjensen@example.com","type":"work","primary":false},
                       {"value":"babs@jensen.org","type":"home"},
                       {"value":"babs@example.org","type":"other","primary":true}]}
            """),
        user(
            "RFC remove emails[type eq work and value ew example.com]",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove",
               "path":"emails[type eq \\"work\\" and value ew \\"example.com\\"]"}]}
            """,
            """
            {"emails":[{"value":"babs@jensen.org","type":"home"}]}
            """),
        user(
            "RFC remove emails[...].value drops an element left with labels only",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"emails[type eq \\"home\\"].value"}]}
            """,
            """
            {"emails":[{"value":"bjensen@example.com","type":"work","primary":true}]}
            """),
        user(
            "RFC replace emails[type eq work] with an object replaces the element",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"emails[type eq \\"work\\"]",
               "value":{"type":"work","value":"barbara@example.com"}}]}
            """,
            """
            {"emails":[{"type":"work","value":"barbara@example.com"},
                       {"value":"babs@jensen.org","type":"home"}]}
            """),
        user(
            "RFC replace addresses[type eq work] (the whole work address)",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"addresses[type eq \\"work\\"]",
               "value":{"type":"work","streetAddress":"911 Universal City Plaza",
                        "locality":"Hollywood","region":"CA","postalCode":"91608",
                        "country":"US","primary":true}}]}
            """,
            """
            {"addresses":[{"type":"work","streetAddress":"911 Universal City Plaza",
                           "locality":"Hollywood","region":"CA","postalCode":"91608",
                           "country":"US","primary":true}]}
            """),
        user(
            "RFC replace emails[type eq home].primary true demotes the work email",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"emails[type eq \\"home\\"].primary",
                            "value":true}]}
            """,
            """
            {"emails":[{"value":"bjensen@example.com","type":"work","primary":false},
                       {"value":"babs@jensen.org","type":"home","primary":true}]}
            """),
        user(
            "RFC path-less add of emails and nickname",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","value":{
               "emails":[{"value":"babjensen@example.com","type":"home"}],
               "nickname":"Babs"}}]}
            """,
            """
            {"nickName":"Babs",
             "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                       {"value":"babs@jensen.org","type":"home"},
                       {"value":"babjensen@example.com","type":"home"}]}
            """),
        user(
            "RFC replace emails (no filter) replaces the list",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"emails",
               "value":[{"value":"barbara@example.com","type":"work","primary":true}]}]}
            """,
            """
            {"emails":[{"value":"barbara@example.com","type":"work","primary":true}]}
            """),
        // G-shapes on a multi-valued complex attribute of User
        user(
            "G2-like remove emails with a value list removes only those",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Remove","path":"emails","value":[{"value":"BABS@jensen.org"}]}]}
            """,
            """
            {"emails":[{"value":"bjensen@example.com","type":"work","primary":true}]}
            """),
        user(
            "G4-like remove emails without a value clears them",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"emails"}]}
            """,
            """
            {"emails":null}
            """),
        user(
            "remove of a value that is not there changes nothing",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"emails[type eq \\"other\\"]"},
                           {"op":"remove","path":"nickName"}]}
            """,
            "{}"),
        user(
            "adding an email that is already there does not duplicate it",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"emails",
               "value":[{"value":"babs@jensen.org","type":"home"},
                        {"value":"bjensen@example.com","type":"work"}]}]}
            """,
            "{}"),
        user(
            "adding an empty list changes nothing",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"emails","value":[]}]}
            """,
            "{}"),
        user(
            "the same address under another type is another value",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"emails",
               "value":[{"value":"babs@jensen.org","type":"other"}]}]}
            """,
            """
            {"emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                       {"value":"babs@jensen.org","type":"home"},
                       {"value":"babs@jensen.org","type":"other"}]}
            """),
        // Groups: G1–G7 and Okta's membership deltas
        group(
            "G1 add several members; $ref null is ignored",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"members","value":[
               {"value":"a1b2c3d4","$ref":null},{"value":"e5f6a7b8"}]}]}
            """,
            """
            {"members":[
              {"value":"2819c223-7f76-453a-919d-413861904646",
               "$ref":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
               "display":"Babs Jensen"},
              {"value":"902c246b-6245-4190-8e05-00816be7344a",
               "$ref":"https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a",
               "display":"Mandy Pepperidge"},
              {"value":"a1b2c3d4"},{"value":"e5f6a7b8"}]}
            """),
        group(
            "G1 adding a member who is there already is a no-op",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Add","path":"members",
               "value":[{"value":"2819c223-7f76-453a-919d-413861904646"}]}]}
            """,
            "{}"),
        group(
            "G2 remove members with a value list removes only those",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Remove","path":"members",
               "value":[{"value":"2819c223-7f76-453a-919d-413861904646"}]}]}
            """,
            """
            {"members":[
              {"value":"902c246b-6245-4190-8e05-00816be7344a",
               "$ref":"https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a",
               "display":"Mandy Pepperidge"}]}
            """),
        group(
            "G3 / RFC remove members[value eq id]",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove",
               "path":"members[value eq \\"2819c223-7f76-453a-919d-413861904646\\"]"}]}
            """,
            """
            {"members":[
              {"value":"902c246b-6245-4190-8e05-00816be7344a",
               "$ref":"https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a",
               "display":"Mandy Pepperidge"}]}
            """),
        group(
            "G4 remove members without a value clears them",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"members"}]}
            """,
            """
            {"members":null}
            """),
        group(
            "G5 replace members sets exactly the list",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"members","value":[{"value":"a1b2c3d4"}]}]}
            """,
            """
            {"members":[{"value":"a1b2c3d4"}]}
            """),
        group(
            "G6 path-less replace of displayName and externalId",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"displayName":"Guides","externalId":"g-2"}}]}
            """,
            """
            {"displayName":"Guides","externalId":"g-2"}
            """),
        group(
            "G7 add members with a bare string id",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"members","value":"string id 1"}]}
            """,
            """
            {"members":[
              {"value":"2819c223-7f76-453a-919d-413861904646",
               "$ref":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
               "display":"Babs Jensen"},
              {"value":"902c246b-6245-4190-8e05-00816be7344a",
               "$ref":"https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a",
               "display":"Mandy Pepperidge"},
              {"value":"string id 1"}]}
            """),
        group(
            "Okta rename: path-less replace {id, displayName}",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{
               "id":"e9e30dba-f08f-4109-8486-d5c6a331660a","displayName":"Tour Guides 2025"}}]}
            """,
            """
            {"displayName":"Tour Guides 2025"}
            """),
        group(
            "Okta membership delta: remove by filter, add with display",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[
               {"op":"remove",
                "path":"members[value eq \\"902c246b-6245-4190-8e05-00816be7344a\\"]"},
               {"op":"add","path":"members",
                "value":[{"value":"a1b2c3d4","display":"ann@example.com"}]}]}
            """,
            """
            {"members":[
              {"value":"2819c223-7f76-453a-919d-413861904646",
               "$ref":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
               "display":"Babs Jensen"},
              {"value":"a1b2c3d4","display":"ann@example.com"}]}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void appliesRequest(
      String name, ResourceType type, JsonObject start, String request, String changes) {
    JsonObject result = new PatchEngine(type).apply(start, PatchOperation.listOf(json(request)));

    assertEquals(merged(start, changes), result);
  }

  @Test
  void fixtureIsCanonical() {
    assertEquals(
        json(
            """
            {"externalId":"701984","userName":"bjensen@example.com",
             "name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen",
                     "givenName":"Barbara","middleName":"Jane","honorificPrefix":"Ms.",
                     "honorificSuffix":"III"},
             "displayName":"Babs Jensen",
             "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                       {"value":"babs@jensen.org","type":"home"}],
             "addresses":[{"type":"work","streetAddress":"100 Universal City Plaza",
                           "locality":"Hollywood","region":"CA","postalCode":"91608",
                           "country":"USA",
                           "formatted":"100 Universal City Plaza\\nHollywood, CA 91608 USA",
                           "primary":true}],
             "phoneNumbers":[{"value":"555-555-5555","type":"work"},
                             {"value":"555-555-4444","type":"mobile"}],
             "title":"Tour Guide","active":true,
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"employeeNumber":"701984","department":"Tour Operations",
                "manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d"}}}
            """),
        BJENSEN);
  }

  // failures

  static Stream<Arguments> failures() {
    return Stream.of(
        failure(
            "remove without a path",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove"}]}
            """,
            ScimType.NO_TARGET),
        failure(
            "remove with an empty path",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Remove","path":""}]}
            """,
            ScimType.NO_TARGET),
        failure(
            "replace a sub-attribute through a filter that matches nothing",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"emails[type eq \\"pager\\"].value",
                            "value":"bjensen@pager.example.com"}]}
            """,
            ScimType.NO_TARGET),
        failure(
            "replace an element through a filter that matches nothing",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"phoneNumbers[type eq \\"pager\\"]",
                            "value":{"type":"pager","value":"555-555-0000"}}]}
            """,
            ScimType.NO_TARGET),
        failure(
            "add through a filter that describes no element",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"emails[value co \\"pager\\"].type",
                            "value":"other"}]}
            """,
            ScimType.NO_TARGET),
        failure(
            "path to an unknown attribute",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"favouriteColour","value":"green"}]}
            """,
            ScimType.INVALID_PATH),
        failure(
            "path to an unknown sub-attribute",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"name.nickName","value":"Babs"}]}
            """,
            ScimType.INVALID_PATH),
        failure(
            "path to an unknown sub-attribute after a filter",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"emails[type eq \\"work\\"].address",
                            "value":"b@example.com"}]}
            """,
            ScimType.INVALID_PATH),
        failure(
            "malformed path: unclosed bracket",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"emails[type eq \\"work\\".value",
                            "value":"b@example.com"}]}
            """,
            ScimType.INVALID_PATH),
        failure(
            "malformed path: empty name",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"name..givenName","value":"Ann"}]}
            """,
            ScimType.INVALID_PATH),
        failure(
            "malformed path: not a string",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":42,"value":"Ann"}]}
            """,
            ScimType.INVALID_PATH),
        failure(
            "value filter on a simple attribute",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"userName[value eq \\"x\\"]","value":"y"}]}
            """,
            ScimType.INVALID_PATH),
        failure(
            "value filter on an unknown sub-attribute",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"emails[kind eq \\"work\\"].value",
                            "value":"b@example.com"}]}
            """,
            ScimType.INVALID_FILTER),
        failure(
            "replace id",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"id","value":"1234"}]}
            """,
            ScimType.MUTABILITY),
        failure(
            "replace meta.created",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"meta.created",
                            "value":"2011-08-01T18:29:49.793Z"}]}
            """,
            ScimType.MUTABILITY),
        failure(
            "add groups",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"groups","value":[{"value":"g-1"}]}]}
            """,
            ScimType.MUTABILITY),
        failure(
            "remove groups[value eq id]",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"groups[value eq \\"g-1\\"]"}]}
            """,
            ScimType.MUTABILITY),
        failure(
            "replace manager.displayName",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace",
               "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName",
               "value":"John Smith"}]}
            """,
            ScimType.MUTABILITY),
        failure(
            "active \"maybe\"",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"active","value":"maybe"}]}
            """,
            ScimType.INVALID_VALUE),
        failure(
            "path-less active \"maybe\"",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"active":"maybe"}}]}
            """,
            ScimType.INVALID_VALUE),
        failure(
            "userName 42",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"userName","value":42}]}
            """,
            ScimType.INVALID_VALUE),
        failure(
            "an object where the email value is a string",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"emails[type eq \\"work\\"].value",
                            "value":{"value":"b@example.com"}}]}
            """,
            ScimType.INVALID_VALUE),
        failure(
            "a string where name is complex",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"name","value":"Barbara Jensen"}]}
            """,
            ScimType.INVALID_VALUE),
        failure(
            "two primary emails in one add",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"emails","value":[
               {"value":"a@example.com","primary":true},{"value":"b@example.com","primary":true}]}]}
            """,
            ScimType.INVALID_VALUE),
        failure(
            "remove userName (required)",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"userName"}]}
            """,
            ScimType.INVALID_VALUE),
        failure(
            "replace userName with \"\" (required)",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","path":"userName","value":""}]}
            """,
            ScimType.INVALID_VALUE),
        failure(
            "add without a value",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","path":"nickName"}]}
            """,
            ScimType.INVALID_VALUE),
        failure(
            "path-less add with a string value",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"add","value":"Babs"}]}
            """,
            ScimType.INVALID_VALUE),
        failure(
            "path-less replace with an array value",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":[{"displayName":"Babs"}]}]}
            """,
            ScimType.INVALID_VALUE),
        failure(
            "op delete",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"delete","path":"title"}]}
            """,
            ScimType.INVALID_SYNTAX),
        failure(
            "op missing",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"path":"title","value":"x"}]}
            """,
            ScimType.INVALID_SYNTAX),
        failure(
            "Operations missing",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "op":"replace","path":"title","value":"x"}
            """,
            ScimType.INVALID_SYNTAX),
        failure(
            "Operations not an array",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":{"op":"replace","path":"title","value":"x"}}
            """,
            ScimType.INVALID_SYNTAX),
        failure(
            "an operation that is not an object",
            """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":["replace title"]}
            """,
            ScimType.INVALID_SYNTAX));
  }

  private static Arguments failure(String name, String request, ScimType expected) {
    return Arguments.of(name, request, expected);
  }

  @Test
  void anOperationOnAnAttributeNoSchemaDefinesIsSkippedAndReported() {
    List<String> dropped = new ArrayList<>();
    JsonObject result =
        new PatchEngine(ResourceType.USER)
            .apply(
                Json.createObjectBuilder().add("userName", "bjensen").build(),
                PatchOperation.listOf(
                    Json.createReader(
                            new StringReader(
                                """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[
               {"op":"replace",
                "path":"urn:ietf:params:scim:schemas:extension:acme:2.0:User:badge","value":"42"},
               {"op":"add",
                "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:badge",
                "value":"42"},
               {"op":"replace","value":{"nickName":"Babs","favouriteColour":"green"}},
               {"op":"remove","path":"urn:ietf:params:scim:schemas:extension:acme:2.0:User:x"}]}
            """))
                        .readObject()),
                dropped::add);
    assertEquals("Babs", result.getString("nickName"), "the rest is applied");
    assertEquals(
        List.of(
            "urn:ietf:params:scim:schemas:extension:acme:2.0:User:badge",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:badge",
            "favouriteColour",
            "urn:ietf:params:scim:schemas:extension:acme:2.0:User:x"),
        dropped);
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("failures")
  void rejectsRequest(String name, String request, ScimType expected) {
    JsonObject before = BJENSEN;
    ScimException e =
        assertThrows(
            ScimException.class,
            () ->
                new PatchEngine(ResourceType.USER)
                    .apply(BJENSEN, PatchOperation.listOf(json(request))));

    assertEquals(400, e.status());
    assertEquals(Optional.of(expected), e.scimType(), e.detail());
    assertEquals(before, BJENSEN);
  }

  @Test
  void failedSecondOperationLeavesTheResourceAsItWas() {
    JsonObject start = json(BJENSEN.toString());
    PatchEngine engine = new PatchEngine(ResourceType.USER);
    var operations =
        PatchOperation.listOf(
            json(
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"displayName","value":"Changed"},
                               {"op":"Replace","path":"active","value":"maybe"}]}
                """));

    ScimException e = assertThrows(ScimException.class, () -> engine.apply(start, operations));

    assertEquals(Optional.of(ScimType.INVALID_VALUE), e.scimType());
    assertTrue(e.detail().startsWith("Operation 2 "), e.detail());
    assertEquals(BJENSEN, start);
    assertEquals("Babs Jensen", start.getString("displayName"));
  }

  @Test
  void applyingNothingReturnsTheResourceUnchanged() {
    assertEquals(BJENSEN, new PatchEngine(ResourceType.USER).apply(BJENSEN, java.util.List.of()));
  }

  @Test
  void nullValueIsNotTheSameAsNoValue() {
    PatchOperation withNull =
        PatchOperation.listOf(
                json(
                    """
                    {"Operations":[{"op":"replace","path":"title","value":null}]}
                    """))
            .get(0);

    assertEquals(JsonValue.NULL, withNull.value());
    assertEquals(false, withNull.hasValue());
  }

  // Secrets: a password's value never appears in an error (the log, console and API show them)

  static final String SECRET = "87654321";

  /** Values of the wrong type for a password, each holding {@link #SECRET}. */
  static final List<String> WRONG_PASSWORDS =
      List.of(
          SECRET,
          "-" + SECRET + ".5e3",
          "[" + SECRET + "]",
          "[\"" + SECRET + "\", \"x\"]",
          "{\"value\": \"" + SECRET + "\"}",
          "{\"" + SECRET + "\": true}",
          "true",
          "\"" + SECRET + "x".repeat(2048) + "\"");

  /** Every request shape that carries a password, as JSON with {@code %s} for its value. */
  static Stream<Arguments> passwordShapes() {
    String urn = "urn:ietf:params:scim:schemas:core:2.0:User:password";
    List<String> shapes =
        List.of(
            "POST {\"userName\":\"b\",\"password\":%s}",
            "POST {\"userName\":\"b\",\"PassWord\":%s}",
            "PATCH {\"op\":\"replace\",\"path\":\"password\",\"value\":%s}",
            "PATCH {\"op\":\"add\",\"path\":\"password \",\"value\":%s}",
            "PATCH {\"op\":\"replace\",\"path\":\"\\tPASSWORD\",\"value\":%s}",
            "PATCH {\"op\":\"replace\",\"path\":\"" + urn + "\",\"value\":%s}",
            "PATCH {\"op\":\"replace\",\"value\":{\"password\":%s}}",
            "PATCH {\"op\":\"add\",\"value\":{\"Password\":%s,\"active\":true}}",
            "PATCH {\"op\":\"replace\",\"value\":{\"" + urn + "\":%s}}");
    return shapes.stream()
        .flatMap(shape -> WRONG_PASSWORDS.stream().map(value -> arguments(shape, value)));
  }

  /**
   * A POST or PUT (both go through the validator) and a PATCH with and without a path refuse a
   * password of the wrong type or length without repeating it.
   */
  @ParameterizedTest(name = "{0} <- {1}")
  @MethodSource("passwordShapes")
  void neverRepeatsAPasswordInAnError(String shape, String value) {
    String body = shape.substring(shape.indexOf(' ') + 1).formatted(value);
    ScimException e =
        assertThrows(
            ScimException.class,
            () -> {
              if (shape.startsWith("POST")) {
                new ResourceValidator(ResourceType.USER).validate(json(body));
              } else {
                new PatchEngine(ResourceType.USER)
                    .apply(BJENSEN, PatchOperation.listOf(json("{\"Operations\":[" + body + "]}")));
              }
            });

    assertEquals(Optional.of(ScimType.INVALID_VALUE), e.scimType(), e.detail());
    assertFalse(e.detail().contains(SECRET), e.detail());
    assertTrue(e.detail().contains("password"), e.detail());
  }

  @Test
  void stillShowsTheWrongValueOfAnOrdinaryAttribute() {
    ScimException e =
        assertThrows(
            ScimException.class,
            () ->
                new ResourceValidator(ResourceType.USER)
                    .validate(json("{\"userName\":\"b\",\"title\":" + SECRET + "}")));

    assertTrue(e.detail().contains(SECRET), e.detail());
  }
}
