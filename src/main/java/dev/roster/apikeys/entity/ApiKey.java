package dev.roster.apikeys.entity;

import dev.roster.apikeys.boundary.Scope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A credential of the product for the admin API. Only the SHA-256 hash of its secret is stored; the
 * prefix ({@code rk_…}) is not secret and names the key in lists.
 */
@Entity
@Table(name = "API_KEY")
public class ApiKey {

  /** A key's last use is written at most this often, so that using it is not a write each time. */
  public static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = 200)
  private String label;

  @Column(nullable = false, length = 32)
  private String prefix;

  @Column(name = "SECRET_HASH", nullable = false, length = 64)
  private String secretHash;

  @Column(nullable = false, length = 64)
  private String scopes;

  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "CREATED_BY", nullable = false, length = 64)
  private String createdBy;

  @Column(name = "EXPIRES_AT")
  private LocalDateTime expiresAt;

  @Column(name = "LAST_USED_AT")
  private LocalDateTime lastUsedAt;

  @Column(name = "REVOKED_AT")
  private LocalDateTime revokedAt;

  protected ApiKey() {}

  public ApiKey(
      String label,
      Set<Scope> scopes,
      String prefix,
      String secretHash,
      String createdBy,
      Instant createdAt,
      Instant expiresAt) {
    this.id = UUID.randomUUID().toString();
    this.label = label == null || label.isBlank() ? "API key" : label.strip();
    this.scopes = Scope.stored(scopes);
    this.prefix = Objects.requireNonNull(prefix);
    this.secretHash = Objects.requireNonNull(secretHash);
    this.createdBy = Objects.requireNonNull(createdBy);
    this.createdAt = utc(createdAt);
    this.expiresAt = expiresAt == null ? null : utc(expiresAt);
  }

  /** Why the key cannot be used at that moment, or empty when it can. */
  public Optional<String> refusalAt(Instant now) {
    if (revokedAt != null) {
      return Optional.of("The API key has been revoked.");
    }
    if (expiresAt != null && !now.isBefore(getExpiresAt().orElseThrow())) {
      return Optional.of("The API key has expired.");
    }
    return Optional.empty();
  }

  /** Notes a use; true when that changed the stored time (at most once a minute). */
  public boolean usedAt(Instant now) {
    if (lastUsedAt != null
        && now.isBefore(getLastUsedAt().orElseThrow().plus(LAST_USE_PRECISION))) {
      return false;
    }
    lastUsedAt = utc(now);
    return true;
  }

  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = utc(now);
    }
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

  public Set<Scope> getScopes() {
    return Scope.parseStored(scopes);
  }

  public String getCreatedBy() {
    return createdBy;
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

  /** {@code active}, {@code expired} or {@code revoked}. */
  public String statusAt(Instant now) {
    return revokedAt != null ? "revoked" : refusalAt(now).isPresent() ? "expired" : "active";
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
