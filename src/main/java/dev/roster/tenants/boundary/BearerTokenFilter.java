package dev.roster.tenants.boundary;

import dev.roster.runtime.TokenSecrets;
import dev.roster.scim.ScimException;
import dev.roster.scim.boundary.ScimRequestProperties;
import dev.roster.tenants.control.BearerCredentials;
import dev.roster.tenants.control.TokenCache;
import dev.roster.tenants.control.TokenGrant;
import dev.roster.tenants.control.TokenRefused;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Clock;
import java.time.Instant;

/**
 * Authenticates every SCIM request, discovery included, by its bearer token, and makes its tenant
 * the {@link CurrentTenant}. A refusal is a 401 SCIM error with {@code WWW-Authenticate: Bearer}.
 * It runs before matching, so that an unknown path or method tells nothing to a caller without a
 * token.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class BearerTokenFilter implements ContainerRequestFilter {

  @Inject Tenants tenants;

  @Inject TokenCache tokenCache;

  @Inject CurrentTenant currentTenant;

  @Inject Clock clock;

  @Override
  public void filter(ContainerRequestContext request) {
    String token =
        BearerCredentials.tokenFrom(request.getHeaderString(HttpHeaders.AUTHORIZATION))
            .orElseThrow(
                () ->
                    ScimException.unauthorized(
                        "A bearer token is required: send 'Authorization: Bearer <token>'."));
    // Most requests come with a token cached moments ago: let them in without entering the bean
    // (and its transaction). Anything else, including a refusal, is the bean's decision.
    Instant now = clock.instant();
    TokenGrant grant;
    try {
      grant =
          tokenCache
              .get(TokenSecrets.hash(token), now)
              .filter(cached -> cached.sufficesAt(now))
              .orElseGet(() -> tenants.authenticate(token));
    } catch (TokenRefused refused) {
      // A stored token, refused: the log may say which, and whose. An unknown token is logged
      // without a prefix, whatever prefix it claims to have; under the tenant of a token whose
      // prefix it carries, with a note that says so.
      if (refused.prefix() != null) {
        request.setProperty(ScimRequestProperties.TOKEN_PREFIX, refused.prefix());
      }
      request.setProperty(ScimRequestProperties.REFUSED_TENANT_ID, refused.tenantId());
      if (refused.note() != null) {
        request.setProperty(ScimRequestProperties.NOTE, refused.note());
      }
      throw refused;
    }
    currentTenant.authenticated(grant);
    request.setProperty(ScimRequestProperties.TOKEN_PREFIX, grant.prefix());
    request.setProperty(ScimRequestProperties.TENANT_ID, grant.tenantId());
  }
}
