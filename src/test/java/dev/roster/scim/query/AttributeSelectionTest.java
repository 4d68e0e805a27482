package dev.roster.scim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.scim.schema.ResourceType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code attributes} and {@code excludedAttributes} (RFC 7644 §3.4.2.5) on a full user. */
class AttributeSelectionTest {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  static final JsonObject USER =
      json(
          """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%1$s"],
           "id":"2819c223","externalId":"bjensen","userName":"bjensen",
           "name":{"givenName":"Barbara","familyName":"Jensen"},
           "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                     {"value":"babs@jensen.org","type":"home"}],
           "%1$s":{"department":"Tour Operations","employeeNumber":"701984"},
           "meta":{"resourceType":"User","version":"W/\\"1\\""}}
          """
              .formatted(ENTERPRISE));

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  static Stream<Arguments> selections() {
    String schemas =
        "\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENTERPRISE + "\"]";
    return Stream.of(
        Arguments.of(
            "userName", null, "{" + schemas + ",\"id\":\"2819c223\",\"userName\":\"bjensen\"}"),
        Arguments.of(
            "USERNAME,name.givenName",
            null,
            "{"
                + schemas
                + ",\"id\":\"2819c223\",\"userName\":\"bjensen\",\"name\":{\"givenName\":\"Barbara\"}}"),
        Arguments.of(
            "emails.value",
            null,
            "{"
                + schemas
                + ",\"id\":\"2819c223\",\"emails\":[{\"value\":\"bjensen@example.com\"},{\"value\":\"babs@jensen.org\"}]}"),
        Arguments.of(
            "emails[type eq \"work\"]",
            null,
            "{" + schemas + ",\"id\":\"2819c223\",\"emails\":" + USER.get("emails") + "}"),
        Arguments.of(
            ENTERPRISE + ":department",
            null,
            "{"
                + schemas
                + ",\"id\":\"2819c223\",\""
                + ENTERPRISE
                + "\":{\"department\":\"Tour Operations\"}}"),
        Arguments.of(
            ENTERPRISE,
            null,
            "{"
                + schemas
                + ",\"id\":\"2819c223\",\""
                + ENTERPRISE
                + "\":"
                + USER.get(ENTERPRISE)
                + "}"),
        Arguments.of("id,nosuchattribute", null, "{" + schemas + ",\"id\":\"2819c223\"}"),
        Arguments.of(
            null,
            "emails,name.givenName,meta,externalId,id," + ENTERPRISE + ":employeeNumber",
            "{"
                + schemas
                + ",\"id\":\"2819c223\",\"userName\":\"bjensen\",\"name\":{\"familyName\":\"Jensen\"},\""
                + ENTERPRISE
                + "\":{\"department\":\"Tour Operations\"}}"),
        Arguments.of(
            null,
            ENTERPRISE,
            "{"
                + schemas
                + ",\"id\":\"2819c223\",\"externalId\":\"bjensen\",\"userName\":\"bjensen\",\"name\":"
                + USER.get("name")
                + ",\"emails\":"
                + USER.get("emails")
                + ",\"meta\":"
                + USER.get("meta")
                + "}"),
        Arguments.of(null, null, USER.toString()));
  }

  @ParameterizedTest(name = "attributes={0} excluded={1}")
  @MethodSource("selections")
  void returnsWhatWasAskedForAndAlwaysTheId(String attributes, String excluded, String expected) {
    AttributeSelection selection =
        AttributeSelection.of(
            ResourceType.USER,
            AttributeSelection.split(attributes),
            AttributeSelection.split(excluded));
    assertEquals(json(expected), selection.apply(ResourceType.USER, USER));
  }

  /** Only a selection that keeps everything lets a list write the stored users through. */
  @ParameterizedTest(name = "attributes={0} excluded={1}")
  @org.junit.jupiter.params.provider.CsvSource(
      nullValues = "-",
      value = {"-, -, true", "userName, -, false", "-, groups, false", "-, '', true"})
  void keepsEverythingOnlyWithoutAttributesOrExclusions(
      String attributes, String excluded, boolean everything) {
    AttributeSelection selection =
        AttributeSelection.of(
            ResourceType.USER,
            AttributeSelection.split(attributes),
            AttributeSelection.split(excluded));
    assertEquals(everything, selection.keepsEverything(ResourceType.USER));
    if (everything) {
      assertEquals(USER, selection.apply(ResourceType.USER, USER));
    }
  }
}
