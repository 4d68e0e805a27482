package dev.roster.tenants.control;

import java.util.Optional;

/**
 * Reads the token from an {@code Authorization} header: {@code Bearer <token>} with the scheme in
 * any case (RFC 9110 §11.1), or a bare {@code <token>}, which some header-auth clients (Okta's
 * "Header Auth" template among them) send.
 */
public final class BearerCredentials {

  private BearerCredentials() {}

  /**
   * The token, or empty when the header is missing, blank, or uses another scheme (such as {@code
   * Basic}).
   */
  public static Optional<String> tokenFrom(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Optional.empty();
    }
    String value = authorization.strip();
    int space = indexOfWhitespace(value);
    if (space < 0) {
      // "Bearer" alone is a scheme without credentials, not a token
      return value.equalsIgnoreCase("Bearer") || value.equalsIgnoreCase("Basic")
          ? Optional.empty()
          : Optional.of(value);
    }
    String scheme = value.substring(0, space);
    String token = value.substring(space + 1).strip();
    if (!scheme.equalsIgnoreCase("Bearer") || token.isEmpty() || indexOfWhitespace(token) >= 0) {
      return Optional.empty();
    }
    return Optional.of(token);
  }

  private static int indexOfWhitespace(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isWhitespace(value.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
