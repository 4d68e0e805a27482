package dev.roster.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.scim.schema.Attribute.Mutability;
import dev.roster.scim.schema.Attribute.Returned;
import dev.roster.scim.schema.Attribute.Type;
import dev.roster.scim.schema.Attribute.Uniqueness;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The schemas against RFC 7643 §4.1, §4.2, §4.3 and the definitions of §8.7.1. */
class CoreSchemasTest {

  private static final String BASE = "https://roster.example.com/scim/v2";
  private static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String ENTERPRISE_URN =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";

  private static Attribute user(String name) {
    return CoreSchemas.USER.attribute(name).orElseThrow(() -> new AssertionError(name));
  }

  private static Attribute sub(Attribute parent, String name) {
    return parent.subAttribute(name).orElseThrow(() -> new AssertionError(name));
  }

  private static List<String> subNames(Attribute attribute) {
    return attribute.subAttributes().stream().map(Attribute::name).toList();
  }

  // identity of the schemas

  static Stream<Arguments> identities() {
    return Stream.of(
        Arguments.of(CoreSchemas.USER, USER_URN, "User", "User Account"),
        Arguments.of(
            CoreSchemas.ENTERPRISE_USER, ENTERPRISE_URN, "EnterpriseUser", "Enterprise User"),
        Arguments.of(CoreSchemas.GROUP, GROUP_URN, "Group", "Group"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("identities")
  void schemaHasTheRfcIdNameAndDescription(
      Schema schema, String id, String name, String description) {
    assertEquals(id, schema.id());
    assertEquals(name, schema.name());
    assertEquals(description, schema.description());

    JsonObject json = schema.toJson(BASE);
    assertEquals(
        List.of("urn:ietf:params:scim:schemas:core:2.0:Schema"),
        json.getJsonArray("schemas").getValuesAs(JsonString::getString));
    assertEquals(id, json.getString("id"));
    assertEquals(name, json.getString("name"));
    assertEquals(description, json.getString("description"));
    assertEquals("Schema", json.getJsonObject("meta").getString("resourceType"));
    assertEquals(BASE + "/Schemas/" + id, json.getJsonObject("meta").getString("location"));
  }

  @Test
  void listsAllSchemasInOrder() {
    assertEquals(
        List.of(USER_URN, ENTERPRISE_URN, GROUP_URN),
        CoreSchemas.ALL.stream().map(Schema::id).toList());
  }

  // find

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        USER_URN,
        "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER",
        "urn:ietf:params:scim:schemas:core:2.0:user"
      })
  void findsUserSchemaIgnoringCase(String urn) {
    assertEquals(Optional.of(CoreSchemas.USER), CoreSchemas.find(urn));
  }

  @Test
  void findsEnterpriseAndGroupSchemas() {
    assertEquals(Optional.of(CoreSchemas.ENTERPRISE_USER), CoreSchemas.find(ENTERPRISE_URN));
    assertEquals(Optional.of(CoreSchemas.GROUP), CoreSchemas.find(GROUP_URN.toUpperCase()));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "User",
        "urn:ietf:params:scim:schemas:core:2.0:Users",
        "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
        "urn:ietf:params:scim:api:messages:2.0:Error",
        "urn:example:schemas:custom"
      })
  void findsNothingForUnknownUrn(String urn) {
    assertEquals(Optional.empty(), CoreSchemas.find(urn));
  }

  // lookups by name

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"userName", "username", "USERNAME", "UserName"})
  void findsAttributeIgnoringCase(String name) {
    assertEquals("userName", CoreSchemas.USER.attribute(name).orElseThrow().name());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"givenName", "givenname", "GIVENNAME"})
  void findsSubAttributeIgnoringCase(String name) {
    assertEquals("givenName", user("name").subAttribute(name).orElseThrow().name());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "nope", "name.givenName", "givenName", "meta"})
  void findsNoUnknownAttribute(String name) {
    assertEquals(Optional.empty(), CoreSchemas.USER.attribute(name));
  }

  @Test
  void findsNoUnknownSubAttribute() {
    assertEquals(Optional.empty(), user("name").subAttribute("nope"));
    assertEquals(Optional.empty(), user("userName").subAttribute("value"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"id", "externalId", "meta", "schemas"})
  void leavesCommonAttributesOutOfEverySchema(String common) {
    for (Schema schema : CoreSchemas.ALL) {
      assertEquals(Optional.empty(), schema.attribute(common), schema.name());
      schema
          .toJson(BASE)
          .getJsonArray("attributes")
          .getValuesAs(JsonObject.class)
          .forEach(a -> assertFalse(a.getString("name").equalsIgnoreCase(common), schema.name()));
    }
  }

  // User, RFC 7643 §4.1

  @Test
  void userAttributesAreThoseOfTheRfc() {
    assertEquals(
        List.of(
            "userName",
            "name",
            "displayName",
            "nickName",
            "profileUrl",
            "title",
            "userType",
            "preferredLanguage",
            "locale",
            "timezone",
            "active",
            "password",
            "emails",
            "phoneNumbers",
            "ims",
            "photos",
            "addresses",
            "groups",
            "entitlements",
            "roles",
            "x509Certificates"),
        CoreSchemas.USER.attributes().stream().map(Attribute::name).toList());
  }

  @Test
  void userNameIsRequiredUniqueAndNotCaseExact() {
    Attribute userName = user("userName");

    assertEquals(Type.STRING, userName.type());
    assertTrue(userName.required());
    assertEquals(Uniqueness.SERVER, userName.uniqueness());
    assertFalse(userName.caseExact());
    assertFalse(userName.multiValued());
    assertEquals(Mutability.READ_WRITE, userName.mutability());
    assertEquals(Returned.DEFAULT, userName.returned());

    JsonObject json = userName.toJson();
    assertTrue(json.getBoolean("required"));
    assertEquals("server", json.getString("uniqueness"));
    assertFalse(json.getBoolean("caseExact"));
  }

  @Test
  void nameHasTheRfcComponents() {
    Attribute name = user("name");

    assertEquals(Type.COMPLEX, name.type());
    assertFalse(name.multiValued());
    assertEquals(
        List.of(
            "formatted",
            "familyName",
            "givenName",
            "middleName",
            "honorificPrefix",
            "honorificSuffix"),
        subNames(name));
  }

  @Test
  void passwordIsWriteOnlyAndNeverReturned() {
    Attribute password = user("password");

    assertEquals(Type.STRING, password.type());
    assertEquals(Mutability.WRITE_ONLY, password.mutability());
    assertEquals(Returned.NEVER, password.returned());
    assertFalse(password.required());
    JsonObject json = password.toJson();
    assertEquals("writeOnly", json.getString("mutability"));
    assertEquals("never", json.getString("returned"));
  }

  @Test
  void groupsAreReadOnlyAndMultiValued() {
    Attribute groups = user("groups");

    assertEquals(Type.COMPLEX, groups.type());
    assertTrue(groups.multiValued());
    assertEquals(Mutability.READ_ONLY, groups.mutability());
    assertEquals(List.of("value", "$ref", "display", "type"), subNames(groups));
    groups
        .subAttributes()
        .forEach(s -> assertEquals(Mutability.READ_ONLY, s.mutability(), "groups." + s.name()));
    Attribute ref = sub(groups, "$ref");
    assertEquals(Type.REFERENCE, ref.type());
    assertEquals(List.of("User", "Group"), ref.referenceTypes());
    assertEquals(List.of("direct", "indirect"), sub(groups, "type").canonicalValues());
    assertEquals("readOnly", groups.toJson().getString("mutability"));
  }

  @Test
  void emailsAreMultiValuedWithTypedValues() {
    Attribute emails = user("emails");

    assertEquals(Type.COMPLEX, emails.type());
    assertTrue(emails.multiValued());
    assertEquals(List.of("value", "display", "type", "primary"), subNames(emails));
    assertEquals(Type.STRING, sub(emails, "value").type());
    assertFalse(sub(emails, "value").caseExact());
    assertEquals(List.of("work", "home", "other"), sub(emails, "type").canonicalValues());
    assertEquals(Type.BOOLEAN, sub(emails, "primary").type());

    JsonObject typeJson =
        emails.toJson().getJsonArray("subAttributes").getValuesAs(JsonObject.class).stream()
            .filter(s -> s.getString("name").equals("type"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of("work", "home", "other"),
        typeJson.getJsonArray("canonicalValues").getValuesAs(JsonString::getString));
  }

  static Stream<Arguments> multiValuedTypes() {
    return Stream.of(
        Arguments.of("phoneNumbers", List.of("work", "home", "mobile", "fax", "pager", "other")),
        Arguments.of("ims", List.of("aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo")),
        Arguments.of("photos", List.of("photo", "thumbnail")),
        Arguments.of("addresses", List.of("work", "home", "other")),
        Arguments.of("entitlements", List.of()),
        Arguments.of("roles", List.of()),
        Arguments.of("x509Certificates", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("multiValuedTypes")
  void multiValuedAttributeHasTheRfcCanonicalTypes(String name, List<String> types) {
    Attribute attribute = user(name);

    assertTrue(attribute.multiValued(), name);
    assertEquals(Type.COMPLEX, attribute.type(), name);
    assertEquals(types, sub(attribute, "type").canonicalValues(), name);
    assertEquals(Type.BOOLEAN, sub(attribute, "primary").type(), name);
  }

  @Test
  void photoValuesAreExternalReferencesAndCertificatesBinary() {
    Attribute photo = sub(user("photos"), "value");
    assertEquals(Type.REFERENCE, photo.type());
    assertEquals(List.of("external"), photo.referenceTypes());

    assertEquals(Type.BINARY, sub(user("x509Certificates"), "value").type());
  }

  @Test
  void addressesHaveTheRfcComponents() {
    assertEquals(
        List.of(
            "formatted",
            "streetAddress",
            "locality",
            "region",
            "postalCode",
            "country",
            "type",
            "primary"),
        subNames(user("addresses")));
  }

  @Test
  void profileUrlIsAnExternalReference() {
    Attribute profileUrl = user("profileUrl");

    assertEquals(Type.REFERENCE, profileUrl.type());
    assertEquals(List.of("external"), profileUrl.referenceTypes());
    JsonObject json = profileUrl.toJson();
    assertEquals("reference", json.getString("type"));
    assertEquals(
        List.of("external"),
        json.getJsonArray("referenceTypes").getValuesAs(JsonString::getString));
  }

  @Test
  void activeIsABooleanWithoutCaseExact() {
    Attribute active = user("active");

    assertEquals(Type.BOOLEAN, active.type());
    JsonObject json = active.toJson();
    assertEquals("boolean", json.getString("type"));
    assertFalse(json.containsKey("caseExact"));
    assertFalse(json.containsKey("referenceTypes"));
    assertFalse(json.containsKey("subAttributes"));
  }

  // Enterprise User, RFC 7643 §4.3

  @Test
  void enterpriseUserAttributesAreThoseOfTheRfc() {
    assertEquals(
        List.of(
            "employeeNumber", "costCenter", "organization", "division", "department", "manager"),
        CoreSchemas.ENTERPRISE_USER.attributes().stream().map(Attribute::name).toList());
  }

  @Test
  void managerIsComplexWithValueRefAndDisplayName() {
    Attribute manager = CoreSchemas.ENTERPRISE_USER.attribute("manager").orElseThrow();

    assertEquals(Type.COMPLEX, manager.type());
    assertFalse(manager.multiValued());
    assertEquals(List.of("value", "$ref", "displayName"), subNames(manager));
    Attribute ref = sub(manager, "$REF");
    assertEquals(Type.REFERENCE, ref.type());
    assertEquals(List.of("User"), ref.referenceTypes());
    assertEquals(Mutability.READ_ONLY, sub(manager, "displayName").mutability());
  }

  // Group, RFC 7643 §4.2

  @Test
  void groupDisplayNameIsRequired() {
    Attribute displayName = CoreSchemas.GROUP.attribute("displayName").orElseThrow();

    assertEquals(Type.STRING, displayName.type());
    assertTrue(displayName.required());
    assertTrue(displayName.toJson().getBoolean("required"));
  }

  @Test
  void membersAreMultiValuedReferencesToUsersAndGroups() {
    Attribute members = CoreSchemas.GROUP.attribute("members").orElseThrow();

    assertEquals(Type.COMPLEX, members.type());
    assertTrue(members.multiValued());
    assertEquals(Mutability.READ_WRITE, members.mutability());
    assertEquals(List.of("value", "$ref", "type", "display"), subNames(members));
    assertEquals(List.of("User", "Group"), sub(members, "$ref").referenceTypes());
    assertEquals(List.of("User", "Group"), sub(members, "type").canonicalValues());
    assertEquals(Mutability.IMMUTABLE, sub(members, "value").mutability());
  }

  // the rendered definitions, RFC 7643 §7

  private static final List<String> REQUIRED_MEMBERS =
      List.of(
          "name",
          "type",
          "multiValued",
          "description",
          "required",
          "mutability",
          "returned",
          "uniqueness");

  static List<Arguments> renderedAttributes() {
    List<Arguments> all = new ArrayList<>();
    for (Schema schema : CoreSchemas.ALL) {
      for (JsonObject attribute :
          schema.toJson(BASE).getJsonArray("attributes").getValuesAs(JsonObject.class)) {
        String path = schema.name() + ":" + attribute.getString("name");
        all.add(Arguments.of(path, attribute, false));
        if (attribute.containsKey("subAttributes")) {
          for (JsonObject sub :
              attribute.getJsonArray("subAttributes").getValuesAs(JsonObject.class)) {
            all.add(Arguments.of(path + "." + sub.getString("name"), sub, true));
          }
        }
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderedAttributes")
  void everyRenderedAttributeHasAllCharacteristics(
      String path, JsonObject attribute, boolean isSub) {
    for (String member : REQUIRED_MEMBERS) {
      assertTrue(attribute.containsKey(member), path + " has " + member);
    }
    assertFalse(attribute.getString("description").isBlank(), path + " is described");
    String type = attribute.getString("type");
    assertTrue(
        List.of(
                "string",
                "boolean",
                "decimal",
                "integer",
                "dateTime",
                "binary",
                "reference",
                "complex")
            .contains(type),
        path + ": " + type);
    assertTrue(
        List.of("readOnly", "readWrite", "immutable", "writeOnly")
            .contains(attribute.getString("mutability")),
        path);
    assertTrue(
        List.of("always", "never", "default", "request").contains(attribute.getString("returned")),
        path);
    assertTrue(
        List.of("none", "server", "global").contains(attribute.getString("uniqueness")), path);
    assertEquals(type.equals("complex"), attribute.containsKey("subAttributes"), path);
    assertEquals(type.equals("reference"), attribute.containsKey("referenceTypes"), path);
    assertEquals(
        List.of("string", "reference", "binary").contains(type),
        attribute.containsKey("caseExact"),
        path);
    if (type.equals("complex")) {
      assertFalse(attribute.getJsonArray("subAttributes").isEmpty(), path);
    }
    if (isSub) {
      // RFC 7643 §2.3.8: sub-attributes have no sub-attributes of their own
      assertNotEquals("complex", type, path);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void renderedSchemaHasNoNullAnywhere(Schema schema) {
    assertNoNull(schema.name(), schema.toJson(BASE));
  }

  static Stream<Schema> schemas() {
    return CoreSchemas.ALL.stream();
  }

  private static void assertNoNull(String where, JsonValue value) {
    assertNotEquals(JsonValue.ValueType.NULL, value.getValueType(), where);
    if (value instanceof JsonObject object) {
      object.forEach((name, member) -> assertNoNull(where + "." + name, member));
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        assertNoNull(where + "[" + i + "]", array.get(i));
      }
    }
  }
}
