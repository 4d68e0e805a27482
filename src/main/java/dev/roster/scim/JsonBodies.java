package dev.roster.scim;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads a SCIM request body: one JSON object in UTF-8, or a 400 {@code invalidSyntax}. */
public final class JsonBodies {

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private JsonBodies() {}

  public static JsonObject parseObject(byte[] body) {
    return parseObject(new ByteArrayInputStream(body));
  }

  /**
   * The body as a JSON object.
   *
   * @throws ScimException invalidSyntax, saying where the JSON broke, for an empty body, for
   *     anything that is not JSON, and for JSON that is not an object
   */
  public static JsonObject parseObject(InputStream body) {
    JsonStructure value;
    try (JsonReader reader =
        READERS.createReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      value = reader.read();
    } catch (JsonParsingException e) {
      throw ScimException.invalidSyntax(
          "The request body is not valid JSON (line "
              + e.getLocation().getLineNumber()
              + ", column "
              + e.getLocation().getColumnNumber()
              + ").");
    } catch (JsonException e) {
      throw ScimException.invalidSyntax("The request body is empty or not JSON.");
    }
    if (!(value instanceof JsonObject object)) {
      throw ScimException.invalidSyntax("The request body must be a JSON object.");
    }
    return object;
  }
}
