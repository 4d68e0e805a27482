package dev.roster.scim;

import static dev.roster.scim.JsonProviders.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads a SCIM request body: exactly one JSON object in UTF-8, or a 400 {@code invalidSyntax}. */
public final class JsonBodies {

  private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());

  private JsonBodies() {}

  public static JsonObject parseObject(byte[] body) {
    return parseObject(new ByteArrayInputStream(body));
  }

  /**
   * Exactly one JSON value: unlike {@code JsonReader}, content after the first value is an error,
   * so that {@code {"a":1}{"b":2}} is not read as {@code {"a":1}}.
   *
   * @throws JsonParsingException for malformed JSON or content after the value
   * @throws JsonException for an empty input, or input the parser refuses otherwise (Parsson
   *     refuses nesting deeper than 1000 levels with a plain RuntimeException)
   */
  public static JsonValue parseValue(Reader json) {
    try (JsonParser parser = PARSERS.createParser(json)) {
      if (!parser.hasNext()) {
        throw new JsonException("The request body is empty.");
      }
      parser.next();
      JsonValue value = parser.getValue();
      if (parser.hasNext()) {
        throw new JsonParsingException("content after the JSON value", parser.getLocation());
      }
      return value;
    } catch (JsonException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new JsonException("The request body is not JSON Roster can read: " + e.getMessage(), e);
    }
  }

  /**
   * The body as a JSON object.
   *
   * @throws ScimException invalidSyntax, saying where the JSON broke, for an empty body, for
   *     anything that is not JSON, and for JSON that is not an object
   */
  public static JsonObject parseObject(InputStream body) {
    JsonValue value;
    try {
      value = parseValue(new InputStreamReader(body, StandardCharsets.UTF_8));
    } catch (JsonParsingException e) {
      throw ScimException.invalidSyntax(
          "The request body is not valid JSON (line "
              + e.getLocation().getLineNumber()
              + ", column "
              + e.getLocation().getColumnNumber()
              + ").");
    } catch (JsonException e) {
      throw ScimException.invalidSyntax(e.getMessage());
    }
    if (!(value instanceof JsonObject object)) {
      throw ScimException.invalidSyntax("The request body must be a JSON object.");
    }
    return object;
  }
}
