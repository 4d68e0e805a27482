package dev.roster.tenants.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A bearer token of one tenant. Only the SHA-256 hash of its secret is stored; the short prefix is
 * not secret and lets an admin recognise the token in lists and logs.
 */
@Entity
@Table(
    name = "API_TOKEN",
    indexes = {
      @Index(name = "API_TOKEN_HASH", columnList = "SECRET_HASH", unique = true),
      @Index(name = "API_TOKEN_TENANT", columnList = "TENANT_ID")
    })
public class ApiToken {

  @Id
  @Column(length = 36)
  private String id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "TENANT_ID", nullable = false)
  private Tenant tenant;

  @Column(nullable = false, length = 200)
  private String label;

  @Column(nullable = false, length = 32)
  private String prefix;

  /** Lower-case hex SHA-256 of the whole token string. */
  @Column(name = "SECRET_HASH", nullable = false, length = 64)
  private String secretHash;

  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "EXPIRES_AT")
  private LocalDateTime expiresAt;

  @Column(name = "LAST_USED_AT")
  private LocalDateTime lastUsedAt;

  @Column(name = "REVOKED_AT")
  private LocalDateTime revokedAt;

  protected ApiToken() {}

  public ApiToken(
      Tenant tenant,
      String label,
      String prefix,
      String secretHash,
      Instant createdAt,
      Instant expiresAt) {
    this.id = UUID.randomUUID().toString();
    this.tenant = Objects.requireNonNull(tenant);
    this.label = label == null || label.isBlank() ? "token" : label.strip();
    this.prefix = Objects.requireNonNull(prefix);
    this.secretHash = Objects.requireNonNull(secretHash);
    this.createdAt = utc(createdAt);
    this.expiresAt = expiresAt == null ? null : utc(expiresAt);
  }

  /** Why the token cannot be used at that moment, or empty when it can. */
  public Optional<String> refusalAt(Instant now) {
    if (revokedAt != null) {
      return Optional.of("The bearer token has been revoked.");
    }
    if (expiresAt != null && !now.isBefore(getExpiresAt().orElseThrow())) {
      return Optional.of("The bearer token has expired.");
    }
    if (!tenant.isEnabled()) {
      return Optional.of("The tenant of this bearer token is disabled.");
    }
    return Optional.empty();
  }

  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = utc(now);
    }
  }

  /** Makes a revoked or expired token valid again: what ROSTER_BOOTSTRAP_TOKENS asks for. */
  public void reinstate() {
    revokedAt = null;
    expiresAt = null;
  }

  public String getId() {
    return id;
  }

  public Tenant getTenant() {
    return tenant;
  }

  public String getLabel() {
    return label;
  }

  public String getPrefix() {
    return prefix;
  }

  public Instant getCreatedAt() {
    return createdAt.toInstant(ZoneOffset.UTC);
  }

  public Optional<Instant> getExpiresAt() {
    return Optional.ofNullable(expiresAt).map(t -> t.toInstant(ZoneOffset.UTC));
  }

  public Optional<Instant> getLastUsedAt() {
    return Optional.ofNullable(lastUsedAt).map(t -> t.toInstant(ZoneOffset.UTC));
  }

  public Optional<Instant> getRevokedAt() {
    return Optional.ofNullable(revokedAt).map(t -> t.toInstant(ZoneOffset.UTC));
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiToken token && Objects.equals(id, token.id);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(id);
  }

  @Override
  public String toString() {
    return "ApiToken[" + prefix + "]";
  }
}
