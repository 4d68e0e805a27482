package dev.roster.apikeys.boundary;

import dev.roster.apikeys.entity.ApiKey;
import dev.roster.runtime.TokenSecrets;
import dev.roster.scim.ScimException;
import dev.roster.storage.ApiKeyQueries;
import dev.roster.tenants.boundary.Tenants;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API keys (docs/api-keys.md): issued and revoked by admins, checked on every admin API request
 * that presents one. A key's plaintext exists only in the answer that issues it; revocation takes
 * effect on every instance at the next request, since keys are not cached.
 */
@Stateless
public class ApiKeys {

  /** What marks an API key, and tells it apart from a SCIM token ({@code rst_}). */
  public static final String MARK = "rk_";

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  /** A key just issued: its plaintext, shown this once, and the key. */
  public record Issued(String plaintext, ApiKeyView key) {}

  /** Who presented a valid key, and what it may do. */
  public record Grant(String prefix, Set<Scope> scopes) {}

  /**
   * Issues a key.
   *
   * @throws ScimException invalidValue for no scopes, a bad label or an expiry not in the future
   */
  public Issued issue(String label, Set<Scope> scopes, Instant expiresAt, String createdBy) {
    if (scopes == null || scopes.isEmpty()) {
      throw ScimException.invalidValue(
          "An API key needs at least one scope: \"directory\", \"admin\" or both.");
    }
    Tenants.requireLabel("An API key's", label);
    Instant now = clock.instant();
    Tenants.requireExpiry("An API key's", expiresAt, now);
    TokenSecrets.Generated secret = TokenSecrets.generate(MARK);
    ApiKey key =
        new ApiKey(label, scopes, secret.prefix(), secret.hash(), createdBy, now, expiresAt);
    em.persist(key);
    em.flush();
    return new Issued(secret.plaintext(), ApiKeyView.of(key, now));
  }

  public List<ApiKeyView> list() {
    Instant now = clock.instant();
    return ApiKeyQueries.all(em).stream().map(key -> ApiKeyView.of(key, now)).toList();
  }

  public Optional<ApiKeyView> find(String id) {
    return stored(id).map(key -> ApiKeyView.of(key, clock.instant()));
  }

  public ApiKeyView revoke(String id) {
    ApiKey key =
        stored(id).orElseThrow(() -> ScimException.notFound("There is no API key '" + id + "'."));
    Instant now = clock.instant();
    key.revoke(now);
    return ApiKeyView.of(key, now);
  }

  private Optional<ApiKey> stored(String id) {
    return Optional.ofNullable(id).map(i -> em.find(ApiKey.class, i));
  }

  /** The grant of a presented key, or why it is refused. Notes the use (at most once a minute). */
  public Optional<Grant> authenticate(String presented) {
    if (presented == null || !presented.startsWith(MARK)) {
      return Optional.empty();
    }
    Optional<ApiKey> found = ApiKeyQueries.byHash(em, TokenSecrets.hash(presented));
    Instant now = clock.instant();
    if (found.isEmpty() || found.get().refusalAt(now).isPresent()) {
      return Optional.empty();
    }
    ApiKey key = found.get();
    key.usedAt(now);
    return Optional.of(new Grant(key.getPrefix(), key.getScopes()));
  }
}
