package dev.roster.scim;

/**
 * Weak entity tags from a resource's version (RFC 7644 §3.14, RFC 7232). Roster's tags are weak
 * ({@code W/"3"}) because the representation may vary with {@code attributes}.
 */
public final class ETags {

  private ETags() {}

  public static String of(long version) {
    return "W/\"" + version + "\"";
  }

  /**
   * Whether an {@code If-Match} or {@code If-None-Match} header matches the version: {@code *}, or
   * one of a comma-separated list of tags, compared weakly (RFC 7232 §2.3.2), so {@code "3"} and
   * {@code W/"3"} both match version 3.
   */
  public static boolean matches(String header, long version) {
    String expected = Long.toString(version);
    for (String tag : header.split(",")) {
      String t = tag.trim();
      if (t.equals("*")) {
        return true;
      }
      if (t.startsWith("W/") || t.startsWith("w/")) {
        t = t.substring(2);
      }
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
        t = t.substring(1, t.length() - 1);
      }
      if (t.equals(expected)) {
        return true;
      }
    }
    return false;
  }
}
