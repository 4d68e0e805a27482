package dev.roster.scim;

import static dev.roster.scim.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Reads a SCIM request body: exactly one JSON object in UTF-8, of whole characters and without
 * U+0000, or a 400 {@code invalidSyntax} ({@code invalidValue} for a lone surrogate or U+0000),
 * saying what is wrong and where.
 */
public final class JsonBodies {

  private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());

  /**
   * How deeply a request body may nest objects and arrays. SCIM bodies nest five or six levels (a
   * PatchOp's operation's value's members); every reader after the parser then walks a bounded
   * tree. JSON-P's own parser stops at 1,000.
   */
  public static final int MAX_DEPTH = 32;

  private JsonBodies() {}

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
   *     anything that is not JSON in UTF-8, for JSON that is not an object and for JSON nested
   *     deeper than {@value #MAX_DEPTH} levels; invalidValue for a string that is not whole
   *     characters or holds U+0000 (invalidFilter in a SearchRequest's {@code filter})
   */
  public static JsonObject parseObject(byte[] body) {
    JsonValue value;
    try {
      value = parseValue(new StringReader(utf8(body)));
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
    requireWholeCharacters(object);
    return object;
  }

  /** The same, read from a stream to its end. */
  public static JsonObject parseObject(InputStream body) {
    try {
      return parseObject(body.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body", e);
    }
  }

  /**
   * The body as text. Bytes that are not UTF-8 (RFC 3629), including overlong forms and surrogates
   * encoded as characters (CESU-8), are refused: decoding them as U+FFFD would store something the
   * client did not send, and say nothing.
   */
  private static String utf8(byte[] body) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(body.length); // UTF-8 never decodes to more chars
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw ScimException.invalidSyntax(
          "The request body is not valid UTF-8: the "
              + result.length()
              + " byte(s) at offset "
              + in.position()
              + " do not encode a character.");
    }
    return out.flip().toString();
  }

  /**
   * Refuses a member name or string that holds a lone surrogate (see {@link Unicode#loneSurrogate})
   * or U+0000 (see {@link Unicode#NUL}), and nesting deeper than {@value #MAX_DEPTH}, walking the
   * tree without recursion.
   */
  private static void requireWholeCharacters(JsonObject body) {
    Deque<Object[]> pending = new ArrayDeque<>();
    pending.push(new Object[] {"", body, 1});
    while (!pending.isEmpty()) {
      Object[] next = pending.pop();
      String pointer = (String) next[0];
      JsonValue value = (JsonValue) next[1];
      int depth = (int) next[2];
      if (value instanceof JsonString s) {
        requireWhole(s.getString(), "The string at " + pointer);
        requireNoNul(s.getString(), pointer);
      } else if (value instanceof JsonStructure) {
        if (depth > MAX_DEPTH) {
          throw ScimException.invalidSyntax(
              "The request body nests more than "
                  + MAX_DEPTH
                  + " levels of objects and arrays (at "
                  + pointer
                  + "); the limit is "
                  + MAX_DEPTH
                  + ".");
        }
        if (value instanceof JsonObject object) {
          for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            String path = pointer + "/" + escape(member.getKey());
            requireWhole(member.getKey(), "The member name at " + pointer);
            requireNoNul(member.getKey(), pointer);
            pending.push(new Object[] {path, member.getValue(), depth + 1});
          }
        } else {
          JsonArray array = (JsonArray) value;
          for (int i = 0; i < array.size(); i++) {
            pending.push(new Object[] {pointer + "/" + i, array.get(i), depth + 1});
          }
        }
      }
    }
  }

  private static void requireWhole(String text, String where) {
    int lone = Unicode.loneSurrogate(text);
    if (lone >= 0) {
      throw ScimException.invalidValue(
          where
              + " holds a lone surrogate escape (\\u"
              + Integer.toHexString(text.charAt(lone))
              + "), which is not a character; a character outside the Basic Multilingual Plane is"
              + " escaped as a surrogate pair.");
    }
  }

  /**
   * Refuses U+0000 anywhere: no database Roster supports stores it in text the same way (PostgreSQL
   * refuses it), so it is refused on every one. The top-level {@code filter} is a SearchRequest's
   * (RFC 7644 §3.4.3), and a filter's error is invalidFilter.
   */
  private static void requireNoNul(String text, String pointer) {
    if (text.indexOf(Unicode.NUL) >= 0) {
      String detail =
          "The "
              + (pointer.isEmpty()
                  ? "member name or string at the top level"
                  : "text at " + pointer)
              + " holds U+0000 (\\u0000), which Roster does not accept in any value.";
      throw pointer.equals("/filter")
          ? ScimException.invalidFilter(detail)
          : ScimException.invalidValue(detail);
    }
  }

  /** A member name as a JSON Pointer segment (RFC 6901), cut short when it is long. */
  private static String escape(String name) {
    String shown = name.length() <= 60 ? name : name.substring(0, 60) + "…";
    return shown.replace("~", "~0").replace("/", "~1");
  }
}
