package dev.roster.tenants.boundary;

import dev.roster.tenants.entity.ApiToken;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token as other features see it: a read-only copy taken inside {@link Tenants}, without its
 * hash, and with its {@link TokenStatus} at the moment it was taken. The getters are bean
 * properties, for the console's pages.
 */
public final class TokenView {

  private final String id;
  private final String tenantId;
  private final String label;
  private final String prefix;
  private final Instant createdAt;
  private final Instant expiresAt;
  private final Instant lastUsedAt;
  private final Instant revokedAt;
  private final TokenStatus status;

  private TokenView(ApiToken token, String tenantId, Instant now) {
    this.id = token.getId();
    this.tenantId = tenantId;
    this.label = token.getLabel();
    this.prefix = token.getPrefix();
    this.createdAt = token.getCreatedAt();
    this.expiresAt = token.getExpiresAt().orElse(null);
    this.lastUsedAt = token.getLastUsedAt().orElse(null);
    this.revokedAt = token.getRevokedAt().orElse(null);
    this.status = TokenStatus.of(token, now);
  }

  /**
   * The token as it is at {@code now}.
   *
   * @param tenantId its tenant's id, which the caller knows (the relation is lazy)
   */
  static TokenView of(ApiToken token, String tenantId, Instant now) {
    return new TokenView(token, tenantId, now);
  }

  public String getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getLabel() {
    return label;
  }

  /** The first characters of the token: not secret, they identify it in lists and logs. */
  public String getPrefix() {
    return prefix;
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

  /** Active, revoked or expired, at the moment this view was taken. */
  public TokenStatus getStatus() {
    return status;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenView view
        && id.equals(view.id)
        && tenantId.equals(view.tenantId)
        && label.equals(view.label)
        && prefix.equals(view.prefix)
        && createdAt.equals(view.createdAt)
        && Objects.equals(expiresAt, view.expiresAt)
        && Objects.equals(lastUsedAt, view.lastUsedAt)
        && Objects.equals(revokedAt, view.revokedAt)
        && status == view.status;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id, tenantId, label, prefix, createdAt, expiresAt, lastUsedAt, revokedAt, status);
  }

  @Override
  public String toString() {
    return "TokenView[" + prefix + "]";
  }
}
