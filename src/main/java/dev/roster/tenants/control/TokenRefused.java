package dev.roster.tenants.control;

import dev.roster.scim.ScimException;

/**
 * A 401 that the provisioning log can attribute to a tenant: a token that is stored but may not be
 * used now (revoked, expired, or of a disabled tenant), which names the stored token's prefix; or a
 * token nobody issued that carries a stored token's prefix (cut short or mistyped when it was
 * copied), which names that token's tenant but never the prefix it claims. The caller sees the same
 * 401 either way.
 */
public class TokenRefused extends ScimException {

  private static final long serialVersionUID = 1L;

  private final String prefix;
  private final String tenantId;
  private final String note;

  /** A stored token refused: its prefix and tenant. */
  public TokenRefused(String detail, String prefix, String tenantId) {
    this(detail, prefix, tenantId, null);
  }

  private TokenRefused(String detail, String prefix, String tenantId, String note) {
    super(401, null, detail);
    this.prefix = prefix;
    this.tenantId = tenantId;
    this.note = note;
  }

  /** A token nobody issued whose prefix is that of a token of the tenant. */
  public static TokenRefused claimingPrefix(String detail, String claimed, String tenantId) {
    return new TokenRefused(
        detail,
        null,
        tenantId,
        "The token began with "
            + claimed
            + ", the prefix of a token of this tenant, but the rest did not match: it was"
            + " probably cut short or mistyped when it was copied into the identity provider."
            + " Paste the whole token again, or generate a new one.");
  }

  /** The refused token's stored prefix, or null when the token was not a stored one. */
  public String prefix() {
    return prefix;
  }

  /** The tenant the refusal belongs to. */
  public String tenantId() {
    return tenantId;
  }

  /** What the log adds to the detail the caller sees, or null. */
  public String note() {
    return note;
  }
}
