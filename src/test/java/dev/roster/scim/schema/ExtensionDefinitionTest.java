package dev.roster.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.scim.ScimException;
import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.patch.PatchEngine;
import dev.roster.scim.patch.PatchOperation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A tenant's extension schema: its definition, and the user type it makes (RFC 7643 §7). */
class ExtensionDefinitionTest {

  static final String ACME = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  static final Schema SCHEMA =
      ExtensionDefinition.parse(
          ACME,
          json(
              """
              {"name": "Acme", "attributes": [
                {"name": "costCentre"},
                {"name": "badges", "type": "string", "multiValued": true},
                {"name": "clearance", "type": "integer", "required": true},
                {"name": "code", "type": "string", "caseExact": true},
                {"name": "since", "type": "dateTime"}]}
              """));

  static final ResourceType TYPE = ResourceType.USER.withExtensions(List.of(SCHEMA));

  @Test
  void aDefinitionBecomesASchemaOfReadWriteAttributes() {
    assertEquals("Acme", SCHEMA.name());
    Attribute costCentre = SCHEMA.attribute("COSTCENTRE").orElseThrow();
    assertEquals(Attribute.Type.STRING, costCentre.type(), "string unless said otherwise");
    assertEquals(Attribute.Mutability.READ_WRITE, costCentre.mutability());
    assertTrue(SCHEMA.attribute("badges").orElseThrow().multiValued());
    assertEquals(
        SCHEMA, ExtensionDefinition.parse(ACME, ExtensionDefinition.toJson(SCHEMA)), "round trip");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"attributes\": []}",
        "{\"attributes\": [{\"name\": \"1st\"}]}",
        "{\"attributes\": [{\"name\": \"cost centre\"}]}",
        "{\"attributes\": [{\"name\": \"a\", \"type\": \"complex\"}]}",
        "{\"attributes\": [{\"name\": \"a\"}, {\"name\": \"A\"}]}",
        "{\"attributes\": [{\"name\": \"a\", \"multiValued\": \"yes\"}]}",
        "{\"id\": \"urn:other:x\", \"attributes\": [{\"name\": \"a\"}]}"
      })
  void definitionsRfc7643DoesNotAllowAreRefused(String definition) {
    ScimException e =
        assertThrows(ScimException.class, () -> ExtensionDefinition.parse(ACME, json(definition)));
    assertEquals(400, e.status());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "acme",
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        "urn:x:has space",
        "urn:x:quote\""
      })
  void theUrnMustBeOneOfItsOwn(String urn) {
    assertThrows(
        ScimException.class,
        () -> ExtensionDefinition.parse(urn, json("{\"attributes\": [{\"name\": \"a\"}]}")));
  }

  @Test
  void theTypeResolvesItsAttributesAndValidatesTheirValues() {
    assertTrue(TYPE.resolve(AttributePath.parseOrNull(ACME + ":costCentre")).isPresent());
    assertTrue(TYPE.resolve(AttributePath.parseOrNull("clearance")).isPresent(), "unqualified");
    assertFalse(
        ResourceType.USER.resolve(AttributePath.parseOrNull(ACME + ":costCentre")).isPresent());

    ResourceValidator validator = new ResourceValidator(TYPE);
    JsonObject user =
        validator.validate(
            json(
                "{\"userName\": \"a\", \""
                    + ACME
                    + "\": {\"CostCentre\": \"CC-1\", \"badges\": \"blue\", \"clearance\": 3}}"));
    assertEquals(
        "{\"costCentre\":\"CC-1\",\"badges\":[\"blue\"],\"clearance\":3}",
        user.getJsonObject(ACME).toString(),
        "the schema's spelling, a list of one");
    ScimException wrongType =
        assertThrows(
            ScimException.class,
            () ->
                validator.validate(
                    json("{\"userName\": \"a\", \"" + ACME + "\": {\"clearance\": \"top\"}}")));
    assertTrue(wrongType.detail().contains(ACME + ":clearance"), wrongType.detail());
    ScimException missing =
        assertThrows(
            ScimException.class,
            () ->
                validator.validate(
                    json("{\"userName\": \"a\", \"" + ACME + "\": {\"costCentre\": \"x\"}}")));
    assertTrue(missing.detail().contains("required"), missing.detail());
  }

  @Test
  void attributesNoSchemaDefinesAreIgnoredAndNamed() {
    List<String> dropped = new ArrayList<>();
    JsonObject user =
        new ResourceValidator(TYPE)
            .validate(
                json(
                    """
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "x",
                     "userName": "a", "nickname2": "b", "groups": [],
                     "urn:ietf:params:scim:schemas:extension:other:2.0:User": {"x": 1, "y": 2},
                     "%s": {"clearance": 1, "unknown": true}}
                    """
                        .formatted(ACME)),
                dropped::add);
    assertEquals(
        List.of(
            "nickname2",
            "urn:ietf:params:scim:schemas:extension:other:2.0:User:x",
            "urn:ietf:params:scim:schemas:extension:other:2.0:User:y",
            ACME + ":unknown"),
        dropped,
        "schemas, id and read-only groups are not data that was lost");
    assertEquals("{\"clearance\":1}", user.getJsonObject(ACME).toString());
  }

  @Test
  void entrasPatchesOfACustomAttributeByItsUrnPath() {
    PatchEngine engine = new PatchEngine(TYPE);
    JsonObject user =
        new ResourceValidator(TYPE)
            .validate(json("{\"userName\": \"a\", \"" + ACME + "\": {\"clearance\": 1}}"));
    JsonObject after =
        engine.apply(
            user,
            PatchOperation.listOf(
                json(
                    """
                    {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations": [
                       {"op": "Add", "path": "%1$s:costCentre", "value": "CC-1"},
                       {"op": "Replace", "path": "%1$s:clearance", "value": 2},
                       {"op": "Add", "path": "%1$s:badges", "value": ["a", "b"]}]}
                    """
                        .formatted(ACME))));
    assertEquals(
        "{\"clearance\":2,\"costCentre\":\"CC-1\",\"badges\":[\"a\",\"b\"]}",
        after.getJsonObject(ACME).toString());
    JsonObject removed =
        engine.apply(
            after,
            PatchOperation.listOf(
                json(
                    """
                    {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations": [{"op": "Remove", "path": "%s:costCentre"}]}
                    """
                        .formatted(ACME))));
    assertFalse(removed.getJsonObject(ACME).containsKey("costCentre"));
    // a defined attribute's path that is wrong is an error, not an attribute to ignore
    ScimException filterOnSimple =
        assertThrows(
            ScimException.class,
            () ->
                engine.apply(
                    after,
                    PatchOperation.listOf(
                        json(
                            """
                            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                             "Operations": [{"op": "Remove", "path": "%s:badges[value eq \\"a\\"]"}]}
                            """
                                .formatted(ACME)))));
    assertEquals(400, filterOnSimple.status());
  }
}
