package dev.roster.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.scim.schema.Attribute.Mutability;
import dev.roster.scim.schema.Attribute.Returned;
import dev.roster.scim.schema.Attribute.Type;
import dev.roster.scim.schema.Attribute.Uniqueness;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeTest {

  @Test
  void defaultsAreTheRfcs() {
    Attribute nickName = Attribute.string("nickName");

    assertEquals("nickName", nickName.name());
    assertEquals(Type.STRING, nickName.type());
    assertFalse(nickName.multiValued());
    assertFalse(nickName.required());
    assertFalse(nickName.caseExact());
    assertEquals(Mutability.READ_WRITE, nickName.mutability());
    assertEquals(Returned.DEFAULT, nickName.returned());
    assertEquals(Uniqueness.NONE, nickName.uniqueness());
    assertEquals(List.of(), nickName.canonicalValues());
    assertEquals(List.of(), nickName.referenceTypes());
    assertEquals(List.of(), nickName.subAttributes());
  }

  @Test
  void modifiersReturnChangedCopies() {
    Attribute plain = Attribute.string("id");
    Attribute changed =
        plain
            .asRequired()
            .asCaseExact()
            .readOnly()
            .returned(Returned.ALWAYS)
            .unique()
            .describedAs("x");

    assertFalse(plain.required());
    assertFalse(plain.caseExact());
    assertEquals(Mutability.READ_WRITE, plain.mutability());
    assertTrue(changed.required());
    assertTrue(changed.caseExact());
    assertEquals(Mutability.READ_ONLY, changed.mutability());
    assertEquals(Returned.ALWAYS, changed.returned());
    assertEquals(Uniqueness.SERVER, changed.uniqueness());
    assertEquals("x", changed.description());
  }

  @Test
  void writeOnlyIsNeverReturned() {
    Attribute secret = Attribute.string("secret").writeOnly();

    assertEquals(Mutability.WRITE_ONLY, secret.mutability());
    assertEquals(Returned.NEVER, secret.returned());
  }

  @Test
  void rendersKeywordsAsTheRfcSpellsThem() {
    JsonObject json =
        Attribute.string("externalId")
            .asCaseExact()
            .immutable()
            .returned(Returned.REQUEST)
            .toJson();

    assertEquals("string", json.getString("type"));
    assertTrue(json.getBoolean("caseExact"));
    assertEquals("immutable", json.getString("mutability"));
    assertEquals("request", json.getString("returned"));
    assertEquals("none", json.getString("uniqueness"));
    assertFalse(json.containsKey("canonicalValues"));
  }

  @Test
  void rendersDateTimeWithoutCaseExact() {
    JsonObject json = Attribute.dateTime("lastModified").toJson();

    assertEquals("dateTime", json.getString("type"));
    assertFalse(json.containsKey("caseExact"));
  }

  @Test
  void subAttributeIgnoresCase() {
    Attribute manager =
        Attribute.complex(
            "manager", Attribute.string("value"), Attribute.reference("$ref", "User"));

    assertEquals("$ref", manager.subAttribute("$REF").orElseThrow().name());
    assertEquals("value", manager.subAttribute("VALUE").orElseThrow().name());
    assertTrue(manager.subAttribute("display").isEmpty());
  }

  @Test
  void listsAreImmutable() {
    Attribute complex = Attribute.complex("c", Attribute.string("a"));

    assertThrows(UnsupportedOperationException.class, () -> complex.subAttributes().clear());
    assertThrows(UnsupportedOperationException.class, () -> complex.canonicalValues().add("x"));
  }
}
