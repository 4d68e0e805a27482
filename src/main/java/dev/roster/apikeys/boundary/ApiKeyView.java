package dev.roster.apikeys.boundary;

import dev.roster.apikeys.entity.ApiKey;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An API key as other features see it: a read-only copy without its hash, with its status at the
 * moment it was taken. The getters are bean properties, for the console's page.
 */
public final class ApiKeyView {

  private final String id;
  private final String label;
  private final String prefix;
  private final Set<Scope> scopes;
  private final String createdBy;
  private final Instant createdAt;
  private final Instant expiresAt;
  private final Instant lastUsedAt;
  private final Instant revokedAt;
  private final String status;

  private ApiKeyView(ApiKey key, Instant now) {
    this.id = key.getId();
    this.label = key.getLabel();
    this.prefix = key.getPrefix();
    this.scopes = Set.copyOf(key.getScopes());
    this.createdBy = key.getCreatedBy();
    this.createdAt = key.getCreatedAt();
    this.expiresAt = key.getExpiresAt().orElse(null);
    this.lastUsedAt = key.getLastUsedAt().orElse(null);
    this.revokedAt = key.getRevokedAt().orElse(null);
    this.status = key.statusAt(now);
  }

  static ApiKeyView of(ApiKey key, Instant now) {
    return new ApiKeyView(key, now);
  }

  public String getId() {
    return id;
  }

  public String getLabel() {
    return label;
  }

  public String getPrefix() {
    return prefix;
  }

  /** The scopes, in declaration order. */
  public Set<Scope> getScopes() {
    return Scope.parseStored(Scope.stored(scopes));
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Optional<Instant> getExpiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  public Optional<Instant> getLastUsedAt() {
    return Optional.ofNullable(lastUsedAt);
  }

  public Optional<Instant> getRevokedAt() {
    return Optional.ofNullable(revokedAt);
  }

  /** {@code active}, {@code expired} or {@code revoked}. */
  public String getStatus() {
    return status;
  }
}
