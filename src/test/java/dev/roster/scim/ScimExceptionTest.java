package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScimExceptionTest {

  static Stream<Arguments> factories() {
    return Stream.of(
        factory("invalidFilter", ScimException::invalidFilter, 400, "invalidFilter"),
        factory("tooMany", ScimException::tooMany, 400, "tooMany"),
        factory("uniqueness", ScimException::uniqueness, 409, "uniqueness"),
        factory("mutability", ScimException::mutability, 400, "mutability"),
        factory("invalidSyntax", ScimException::invalidSyntax, 400, "invalidSyntax"),
        factory("invalidPath", ScimException::invalidPath, 400, "invalidPath"),
        factory("noTarget", ScimException::noTarget, 400, "noTarget"),
        factory("invalidValue", ScimException::invalidValue, 400, "invalidValue"),
        factory("invalidVers", ScimException::invalidVers, 400, "invalidVers"),
        factory("sensitive", ScimException::sensitive, 403, "sensitive"),
        factory("unauthorized", ScimException::unauthorized, 401, null),
        factory("forbidden", ScimException::forbidden, 403, null),
        factory("notFound", ScimException::notFound, 404, null),
        factory("methodNotAllowed", ScimException::methodNotAllowed, 405, null),
        factory("conflict", ScimException::conflict, 409, null),
        factory("preconditionFailed", ScimException::preconditionFailed, 412, null),
        factory("payloadTooLarge", ScimException::payloadTooLarge, 413, null),
        factory("uriTooLong", ScimException::uriTooLong, 414, null),
        factory("unsupportedMediaType", ScimException::unsupportedMediaType, 415, null),
        factory("headersTooLarge", ScimException::headersTooLarge, 431, null),
        factory("internalError", ScimException::internalError, 500, null),
        factory("notImplemented", ScimException::notImplemented, 501, null));
  }

  private static Arguments factory(
      String name, Function<String, ScimException> factory, int status, String keyword) {
    return Arguments.of(name, factory, status, keyword);
  }

  @ParameterizedTest(name = "{0} -> {2} {3}")
  @MethodSource("factories")
  void factoryGivesStatusAndScimType(
      String name, Function<String, ScimException> factory, int status, String keyword) {
    ScimException e = factory.apply("detail of " + name);

    assertEquals(status, e.status());
    assertEquals(Optional.ofNullable(keyword), e.scimType().map(ScimType::keyword));
    assertEquals("detail of " + name, e.detail());
    assertEquals("detail of " + name, e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("factories")
  void toJsonIsTheErrorBodyOfRfc7644(
      String name, Function<String, ScimException> factory, int status, String keyword) {
    JsonObject body = factory.apply("Something about " + name + ".").toJson();

    assertEquals(
        List.of("urn:ietf:params:scim:api:messages:2.0:Error"),
        body.getJsonArray("schemas").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals(JsonValue.ValueType.STRING, body.get("status").getValueType());
    assertEquals(Integer.toString(status), body.getString("status"));
    assertEquals("Something about " + name + ".", body.getString("detail"));
    if (keyword == null) {
      assertFalse(body.containsKey("scimType"), "no scimType member without a keyword");
    } else {
      assertEquals(keyword, body.getString("scimType"));
    }
    body.values()
        .forEach(value -> assertFalse(value.getValueType() == JsonValue.ValueType.NULL, name));
  }

  @Test
  void uniquenessBodyMatchesTheRfcExample() {
    JsonObject body = ScimException.uniqueness("userName bjensen is already in use.").toJson();

    assertEquals("409", body.getString("status"));
    assertEquals("uniqueness", body.getString("scimType"));
    assertEquals(4, body.size());
  }

  @Test
  void everyScimTypeKeywordIsTheRfcSpelling() {
    List<String> keywords = Stream.of(ScimType.values()).map(ScimType::keyword).toList();

    assertEquals(
        List.of(
            "invalidFilter",
            "tooMany",
            "uniqueness",
            "mutability",
            "invalidSyntax",
            "invalidPath",
            "noTarget",
            "invalidValue",
            "invalidVers",
            "sensitive"),
        keywords);
  }

  @Test
  void rejectsMissingDetail() {
    assertThrows(NullPointerException.class, () -> ScimException.notFound(null));
  }

  @Test
  void isUnchecked() {
    assertTrue(RuntimeException.class.isAssignableFrom(ScimException.class));
  }
}
