package dev.roster.scim;

import java.util.Locale;
import java.util.Optional;

/**
 * The media types of RFC 7644 §3.1 and the rule for request bodies: a body is JSON, labelled {@code
 * application/scim+json} or {@code application/json}, in UTF-8.
 */
public final class ScimMediaType {

  /** What every response of the SCIM API is labelled with. */
  public static final String SCIM_JSON = "application/scim+json";

  public static final String JSON = "application/json";

  private ScimMediaType() {}

  /**
   * Why a request body with this {@code Content-Type} cannot be read, or empty when it can. A
   * missing header is read as JSON: some clients leave it out, and the body tells soon enough. Type
   * names and parameter names are case-insensitive (RFC 9110 §8.3.1); a {@code charset} must be
   * UTF-8, the only encoding JSON has (RFC 8259 §8.1); other parameters are ignored.
   */
  public static Optional<String> rejectionOf(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return Optional.empty();
    }
    String[] parts = contentType.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals(SCIM_JSON) && !type.equals(JSON)) {
      return Optional.of(
          "Content-Type '"
              + contentType.strip()
              + "' is not supported; send the body as "
              + SCIM_JSON
              + " or "
              + JSON
              + ".");
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      int equals = parameter.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = parameter.substring(0, equals).trim();
      String value = unquote(parameter.substring(equals + 1).trim());
      if (name.equalsIgnoreCase("charset")
          && !value.equalsIgnoreCase("utf-8")
          && !value.equalsIgnoreCase("utf8")) {
        return Optional.of(
            "Charset '" + value + "' is not supported; JSON request bodies must be UTF-8.");
      }
    }
    return Optional.empty();
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
