package dev.roster.groups.entity;

import dev.roster.scim.schema.ResourceValidator;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDateTime;

/**
 * A group (a department, in the products our customers build) as Roster stores it. A group has only
 * two writable attributes besides its members, so both are columns: {@code displayName} as sent,
 * with its lower-cased key unique per tenant (Entra ID needs group names unique, and concurrent
 * creates must end in one 201 and 409s), and {@code externalId}. The members are rows of {@link
 * Membership}, never part of this row: a change to a 100,000-member group touches only the rows it
 * changes.
 *
 * <p>{@code ID}, from a sequence, is the default order of listings, as for users.
 */
@Entity
@Table(
    name = "SCIM_GROUPS",
    uniqueConstraints =
        @UniqueConstraint(
            name = "SCIM_GROUPS_DISPLAY_NAME",
            columnNames = {"TENANT_ID", "DISPLAY_NAME_KEY"}),
    indexes = {
      @Index(name = "SCIM_GROUPS_SCIM_ID", columnList = "SCIM_ID", unique = true),
      @Index(name = "SCIM_GROUPS_TENANT_ORDER", columnList = "TENANT_ID, ID"),
      @Index(name = "SCIM_GROUPS_EXTERNAL_ID", columnList = "TENANT_ID, EXTERNAL_ID"),
      @Index(name = "SCIM_GROUPS_LAST_MODIFIED", columnList = "TENANT_ID, LAST_MODIFIED"),
      @Index(name = "SCIM_GROUPS_CREATED", columnList = "TENANT_ID, CREATED")
    })
public class StoredGroup {

  @Id
  // one id at a time, so that ids follow creation order across instances (migration V3)
  @SequenceGenerator(name = "SCIM_GROUPS_SEQ", sequenceName = "SCIM_GROUPS_SEQ", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "SCIM_GROUPS_SEQ")
  private Long id;

  @Column(name = "SCIM_ID", nullable = false, length = 36)
  private String scimId;

  @Column(name = "TENANT_ID", nullable = false, length = 64)
  private String tenantId;

  @Column(name = "DISPLAY_NAME", nullable = false, length = ResourceValidator.MAX_STORED_LENGTH)
  private String displayName;

  @Column(name = "DISPLAY_NAME_KEY", nullable = false, length = ResourceValidator.MAX_STORED_LENGTH)
  private String displayNameKey;

  @Column(name = "EXTERNAL_ID", length = ResourceValidator.MAX_STORED_LENGTH)
  private String externalId;

  @Column(name = "CREATED", nullable = false)
  private LocalDateTime created;

  @Column(name = "LAST_MODIFIED", nullable = false)
  private LocalDateTime lastModified;

  @Column(name = "VERSION", nullable = false)
  private long version;

  protected StoredGroup() {}

  public StoredGroup(String scimId, String tenantId, LocalDateTime now) {
    this.scimId = scimId;
    this.tenantId = tenantId;
    this.created = now;
    this.lastModified = now;
    this.version = 1;
  }

  /** Takes new attributes; the version and lastModified change only with {@link #touch}. */
  public void setAttributes(String displayName, String displayNameKey, String externalId) {
    this.displayName = displayName;
    this.displayNameKey = displayNameKey;
    this.externalId = externalId;
  }

  /** Records a change: a new version (and ETag) and lastModified. */
  public void touch(LocalDateTime now) {
    version++;
    lastModified = now.isAfter(lastModified) ? now : lastModified;
  }

  public Long id() {
    return id;
  }

  public String scimId() {
    return scimId;
  }

  public String tenantId() {
    return tenantId;
  }

  public String displayName() {
    return displayName;
  }

  public String displayNameKey() {
    return displayNameKey;
  }

  public String externalId() {
    return externalId;
  }

  public LocalDateTime created() {
    return created;
  }

  public LocalDateTime lastModified() {
    return lastModified;
  }

  public long version() {
    return version;
  }
}
