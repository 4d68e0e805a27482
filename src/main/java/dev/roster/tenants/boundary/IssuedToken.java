package dev.roster.tenants.boundary;

import dev.roster.tenants.entity.ApiToken;

/**
 * A token just issued: what is stored, and the plaintext, which exists only in this object. Show it
 * once and drop it.
 */
public record IssuedToken(ApiToken token, String plaintext) {
  @Override
  public String toString() {
    return "IssuedToken[" + token.getPrefix() + "]";
  }
}
