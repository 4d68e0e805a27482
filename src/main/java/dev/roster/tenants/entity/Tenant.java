package dev.roster.tenants.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A customer organisation. All SCIM data belongs to exactly one tenant, named by its id: a short,
 * stable slug such as {@code acme}. The name can change; the id cannot.
 */
@Entity
@Table(name = "TENANT")
public class Tenant {

  /**
   * Letters, digits, dot, dash and underscore; 1 to 64 characters, starting with a letter or digit.
   */
  public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  @Id
  @Column(length = 64)
  private String id;

  @Column(nullable = false, length = 200)
  private String name;

  /** UTC. Times are stored as UTC date-times, whatever the JVM's zone. */
  @Column(name = "CREATED_AT", nullable = false)
  private LocalDateTime createdAt;

  @Column(nullable = false)
  private boolean enabled;

  /**
   * Where the product's departments come from: {@code attribute}, {@code groups} or {@code both}.
   */
  @Column(name = "DEPARTMENT_SOURCE", nullable = false, length = 16)
  private String departmentSource = "attribute";

  /** The deprovisioning hold's threshold (migration V10, docs/deprovisioning-hold.md). */
  @Column(name = "HOLD_ENABLED", nullable = false)
  private boolean holdEnabled = true;

  @Column(name = "HOLD_PERCENT", nullable = false)
  private int holdPercent = 10;

  @Column(name = "HOLD_MINIMUM", nullable = false)
  private int holdMinimum = 50;

  protected Tenant() {}

  public Tenant(String id, String name, Instant createdAt) {
    if (id == null || !id.matches(ID_PATTERN)) {
      throw new IllegalArgumentException("invalid tenant id: " + id);
    }
    this.id = id;
    rename(name);
    this.createdAt = LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC);
    this.enabled = true;
  }

  public void rename(String newName) {
    if (newName == null || newName.isBlank()) {
      throw new IllegalArgumentException("a tenant needs a name");
    }
    this.name = newName.strip();
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public void setDepartmentSource(String departmentSource) {
    this.departmentSource = departmentSource;
  }

  public String getDepartmentSource() {
    return departmentSource;
  }

  public void setHold(boolean enabled, int percent, int minimum) {
    this.holdEnabled = enabled;
    this.holdPercent = percent;
    this.holdMinimum = minimum;
  }

  public boolean isHoldEnabled() {
    return holdEnabled;
  }

  public int getHoldPercent() {
    return holdPercent;
  }

  public int getHoldMinimum() {
    return holdMinimum;
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public Instant getCreatedAt() {
    return createdAt.toInstant(ZoneOffset.UTC);
  }

  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tenant tenant && Objects.equals(id, tenant.id);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(id);
  }

  @Override
  public String toString() {
    return "Tenant[" + id + "]";
  }
}
