package dev.roster.provisioning.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes a request body fit to store: secrets replaced by {@value #REDACTED}, and the text cut to a
 * maximum length.
 *
 * <p>A secret is the value of a member named {@code password}, {@code secret}, {@code token} and
 * the like (in any case, also URN-qualified), wherever it stands; and the {@code value} of a PATCH
 * operation whose {@code path} ends in such a name. A body that is not JSON gets the same names
 * redacted by pattern, so that a malformed request does not leak its password into the log.
 */
public final class BodyRedactor {

  public static final String REDACTED = "[REDACTED]";

  private static final Set<String> SECRET_NAMES =
      Set.of(
          "password",
          "secret",
          "token",
          "accesstoken",
          "refreshtoken",
          "clientsecret",
          "apikey",
          "bearer");

  private static final String NAMES =
      "password|secret|token|access_?token|refresh_?token|client_?secret|api_?key|bearer";

  /** {@code "password": "..."}, also unterminated at the end of a cut body. */
  private static final Pattern JSON_MEMBER =
      Pattern.compile(
          "(\"(?:[^\"]*:)?(?:" + NAMES + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)",
          Pattern.CASE_INSENSITIVE);

  /** {@code "path": "password", "value": "..."} in a PATCH operation that is not valid JSON. */
  private static final Pattern PATCH_VALUE =
      Pattern.compile(
          "(\"path\"\\s*:\\s*\"[^\"]*(?:"
              + NAMES
              + ")\"\\s*,\\s*\"value\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)",
          Pattern.CASE_INSENSITIVE);

  /** {@code password=...} in a form-encoded or otherwise textual body. */
  private static final Pattern FORM_FIELD =
      Pattern.compile("((?:^|[&?\\s])(?:" + NAMES + ")=)[^&\\s]*", Pattern.CASE_INSENSITIVE);

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private BodyRedactor() {}

  /** The body as text, redacted, and cut to at most {@code maxChars} plus a short marker. */
  public static String redact(byte[] body, int maxChars) {
    String text = new String(body, StandardCharsets.UTF_8);
    String redacted;
    try (JsonReader reader = READERS.createReader(new StringReader(text))) {
      redacted = redact(reader.readValue()).toString();
    } catch (JsonException e) {
      redacted = redactText(text);
    }
    return cap(redacted, maxChars);
  }

  /** Pattern-based redaction, for text that is not JSON (a malformed body, a query string). */
  public static String redactText(String text) {
    String result = JSON_MEMBER.matcher(text).replaceAll("$1\"" + REDACTED + "\"");
    result = PATCH_VALUE.matcher(result).replaceAll("$1\"" + REDACTED + "\"");
    return FORM_FIELD.matcher(result).replaceAll("$1" + REDACTED);
  }

  static String cap(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    return text.substring(0, maxChars) + "…[truncated; " + text.length() + " characters in all]";
  }

  private static JsonValue redact(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT -> redactObject(value.asJsonObject());
      case ARRAY -> {
        JsonArrayBuilder array = Json.createArrayBuilder();
        value.asJsonArray().forEach(element -> array.add(redact(element)));
        yield array.build();
      }
      default -> value;
    };
  }

  private static JsonObject redactObject(JsonObject object) {
    boolean secretPath =
        object.get("path") instanceof JsonString path && isSecretName(lastName(path.getString()));
    JsonObjectBuilder copy = Json.createObjectBuilder();
    object.forEach(
        (name, member) -> {
          boolean secret =
              isSecretName(lastName(name)) || (secretPath && name.equalsIgnoreCase("value"));
          copy.add(name, secret ? Json.createValue(REDACTED) : redact(member));
        });
    return copy.build();
  }

  /** The attribute a name or PATCH path ends in: {@code urn:...:User:password} gives password. */
  private static String lastName(String nameOrPath) {
    String name = nameOrPath.replaceAll("\\[.*?]", "");
    int cut = Math.max(name.lastIndexOf(':'), name.lastIndexOf('.'));
    return name.substring(cut + 1);
  }

  private static boolean isSecretName(String name) {
    return SECRET_NAMES.contains(name.toLowerCase(Locale.ROOT).replace("_", ""));
  }
}
