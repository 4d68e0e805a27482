package dev.roster.tenants.control;

import dev.roster.runtime.TokenSecrets;
import dev.roster.tenants.entity.Tenant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ROSTER_BOOTSTRAP_TOKENS ({@code roster.bootstrap.tokens}): comma-separated {@code
 * tenant=token} pairs, such as {@code acme=s3cret-token-0001,globex=other-token-0002}. Error
 * messages name the pair by position and tenant, never by its token.
 */
public final class BootstrapTokens {

  /** The shortest token accepted, in characters. */
  public static final int MIN_TOKEN_LENGTH = 16;

  /** One pair: the tenant id and the token that is to be valid for it. */
  public record Entry(String tenantId, String token) {
    @Override
    public String toString() {
      return "Entry[" + tenantId + "=" + TokenSecrets.prefixOf(token) + "]";
    }
  }

  private BootstrapTokens() {}

  /**
   * The pairs, in order.
   *
   * @throws IllegalArgumentException with a message that an operator can act on
   */
  public static List<Entry> parse(String setting) {
    List<Entry> entries = new ArrayList<>();
    if (setting == null || setting.isBlank()) {
      return entries;
    }
    Map<String, String> tenantOfToken = new HashMap<>();
    String[] pairs = setting.split(",");
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i].strip();
      String where = "ROSTER_BOOTSTRAP_TOKENS, pair " + (i + 1);
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(where + ": expected tenant=token, but there is no '='.");
      }
      String tenantId = pair.substring(0, equals).strip();
      String token = pair.substring(equals + 1).strip();
      if (!tenantId.matches(Tenant.ID_PATTERN)) {
        throw new IllegalArgumentException(
            where
                + ": '"
                + tenantId
                + "' is not a valid tenant id (1 to 64 letters, digits, '.', '-' or '_',"
                + " starting with a letter or digit).");
      }
      if (token.length() < MIN_TOKEN_LENGTH) {
        throw new IllegalArgumentException(
            where
                + " (tenant '"
                + tenantId
                + "'): the token has "
                + token.length()
                + " characters; at least "
                + MIN_TOKEN_LENGTH
                + " are required.");
      }
      if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new IllegalArgumentException(
            where
                + " (tenant '"
                + tenantId
                + "'): the token contains whitespace or control characters.");
      }
      String earlier = tenantOfToken.putIfAbsent(token, tenantId);
      if (earlier != null && !earlier.equals(tenantId)) {
        throw new IllegalArgumentException(
            where
                + ": the same token is given for tenants '"
                + earlier
                + "' and '"
                + tenantId
                + "'; a token belongs to one tenant.");
      }
      Entry entry = new Entry(tenantId, token);
      if (!entries.contains(entry)) {
        entries.add(entry);
      }
    }
    return entries;
  }
}
