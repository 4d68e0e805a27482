package dev.roster.tenants.control;

import dev.roster.scim.ScimException;

/**
 * A 401 for a token that is stored but may not be used now (revoked, expired, or of a disabled
 * tenant). Unlike a token nobody issued, it names the stored token's prefix, so that the
 * provisioning log can say which token was refused. A made-up token is never logged under the
 * prefix it claims.
 */
public class TokenRefused extends ScimException {

  private static final long serialVersionUID = 1L;

  private final String prefix;

  public TokenRefused(String detail, String prefix) {
    super(401, null, detail);
    this.prefix = prefix;
  }

  /** The refused token's stored prefix. */
  public String prefix() {
    return prefix;
  }
}
