package dev.roster.tenants.boundary;

/**
 * A token just issued: what is stored, and the plaintext, which exists only in this object. Show it
 * once and drop it.
 */
public record IssuedToken(TokenView token, String plaintext) {
  @Override
  public String toString() {
    return "IssuedToken[" + token.getPrefix() + "]";
  }
}
