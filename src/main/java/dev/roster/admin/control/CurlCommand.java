package dev.roster.admin.control;

/**
 * A logged request as a curl command for a POSIX shell, with the token left for the reader to fill
 * in ({@code $ROSTER_TOKEN}): the console's "copy as curl". The body is the log's, already
 * redacted; every argument is single-quoted, so nothing in it is run by the shell.
 */
public final class CurlCommand {

  private CurlCommand() {}

  /**
   * @param origin scheme, host and port of this server
   * @param path the path as logged, from the root
   * @param query the query as logged (decoded), or null
   * @param body the logged body, or null
   */
  public static String of(String method, String origin, String path, String query, String body) {
    StringBuilder curl = new StringBuilder("curl -i -X ").append(quote(method)).append(' ');
    String url = origin + path + (query == null || query.isEmpty() ? "" : "?" + encode(query));
    curl.append(quote(url));
    curl.append(" \\\n  -H \"Authorization: Bearer $ROSTER_TOKEN\"");
    if (body != null && !body.isBlank()) {
      curl.append(" \\\n  -H 'Content-Type: application/scim+json'");
      curl.append(" \\\n  --data-binary ").append(quote(body));
    }
    return curl.toString();
  }

  /** Single-quoted for a POSIX shell: a quote inside becomes {@code '\''}. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /** The logged (decoded) query encoded again for a URL, keeping its = and &amp; separators. */
  static String encode(String query) {
    StringBuilder encoded = new StringBuilder();
    for (String pair : query.split("&", -1)) {
      if (encoded.length() > 0) {
        encoded.append('&');
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        encoded.append(component(pair));
      } else {
        encoded
            .append(component(pair.substring(0, eq)))
            .append('=')
            .append(component(pair.substring(eq + 1)));
      }
    }
    return encoded.toString();
  }

  private static String component(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
