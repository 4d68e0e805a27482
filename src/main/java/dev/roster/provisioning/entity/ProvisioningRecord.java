package dev.roster.provisioning.entity;

import dev.roster.provisioning.control.LogEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One SCIM request as the provisioning log keeps it. Times are UTC. Strings are cut to their
 * column's length; the body is redacted before it gets here.
 */
@Entity
@Table(
    name = "PROVISIONING_LOG",
    indexes = {
      // Descending, as the log is read newest first: H2 cannot walk an index backwards.
      @Index(name = "PROVISIONING_LOG_TIME", columnList = "LOG_TIME DESC, ID DESC"),
      @Index(
          name = "PROVISIONING_LOG_TENANT_TIME",
          columnList = "TENANT_ID, LOG_TIME DESC, ID DESC"),
      // an int hash, not the id itself: a quarter of the cost to keep (V16, docs/benchmark.md)
      @Index(name = "PROVISIONING_LOG_CORRELATION_HASH", columnList = "CORRELATION_HASH"),
      // a user's or group's recent entries, on its console page
      @Index(
          name = "PROVISIONING_LOG_RESOURCE",
          columnList = "TENANT_ID, RESOURCE_ID, LOG_TIME DESC, ID DESC")
    })
public class ProvisioningRecord {

  /** The longest body text stored, marker included. */
  public static final int BODY_COLUMN_LENGTH = 16_384;

  @Id
  @SequenceGenerator(
      name = "PROVISIONING_LOG_SEQ",
      sequenceName = "PROVISIONING_LOG_SEQ",
      allocationSize = 500)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "PROVISIONING_LOG_SEQ")
  private Long id;

  @Column(name = "LOG_TIME", nullable = false)
  private LocalDateTime time;

  @Column(name = "TENANT_ID", length = 64)
  private String tenantId;

  @Column(name = "TOKEN_PREFIX", length = 32)
  private String tokenPrefix;

  @Column(length = 300)
  private String client;

  @Column(nullable = false, length = 16)
  private String method;

  @Column(nullable = false, length = 1000)
  private String path;

  @Column(name = "QUERY_STRING", length = 2000)
  private String query;

  @Column(name = "RESOURCE_TYPE", length = 40)
  private String resourceType;

  @Column(name = "RESOURCE_ID", length = 200)
  private String resourceId;

  @Column(nullable = false)
  private int status;

  @Column(name = "SCIM_TYPE", length = 40)
  private String scimType;

  @Column(length = 2000)
  private String detail;

  @Column(name = "DURATION_MS", nullable = false)
  private long durationMillis;

  @Column(name = "CORRELATION_ID", length = 128)
  private String correlationId;

  /** {@link #correlationHash} of the correlation id, for its index; null without one. */
  @Column(name = "CORRELATION_HASH")
  private Integer correlationHash;

  @Column(name = "REQUEST_BODY", length = BODY_COLUMN_LENGTH)
  private String requestBody;

  /** Whom the request was about: a userName or group displayName, as it was then. */
  @Column(length = 300)
  private String subject;

  /** What it did: {@code dev.roster.scim.LogActions}. */
  @Column(length = 40)
  private String action;

  protected ProvisioningRecord() {}

  /**
   * @param redactedBody the entry's body, already redacted and capped, or null
   * @param redactedQuery the entry's query string, already redacted, or null
   */
  public ProvisioningRecord(LogEntry entry, String redactedQuery, String redactedBody) {
    this.time = LocalDateTime.ofInstant(entry.time(), ZoneOffset.UTC);
    this.tenantId = cut(entry.tenantId(), 64);
    this.tokenPrefix = cut(entry.tokenPrefix(), 32);
    this.client = cut(entry.client(), 300);
    this.method = cut(entry.method(), 16);
    this.path = cut(entry.path(), 1000);
    this.query = cut(redactedQuery, 2000);
    this.resourceType = cut(entry.target().resourceType(), 40);
    this.resourceId = cut(entry.target().resourceId(), 200);
    this.status = entry.status();
    this.scimType = cut(entry.scimType(), 40);
    this.detail = cut(entry.detail(), 2000);
    this.durationMillis = entry.durationMillis();
    this.correlationId = cut(entry.correlationId(), 128);
    this.correlationHash = correlationHash(correlationId);
    this.requestBody = cut(redactedBody, BODY_COLUMN_LENGTH);
    this.subject = cut(entry.subject(), 300);
    this.action = cut(entry.action(), 40);
  }

  /**
   * What the log indexes of a correlation id: its {@link String#hashCode()}, which the Java
   * specification fixes, so that records written by any build, and the migration that filled in the
   * older ones (V16), agree. A search reads the hash's index and then compares the id itself.
   * Indexing a random 36-character id cost four times as much per record (docs/benchmark.md).
   */
  public static Integer correlationHash(String correlationId) {
    return correlationId == null ? null : correlationId.hashCode();
  }

  /** Names the subject when the request did not: resolved by the writer from the resource id. */
  public void nameSubject(String name) {
    this.subject = cut(name, 300);
  }

  private static String cut(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }

  public Long getId() {
    return id;
  }

  public Instant getTime() {
    return time.toInstant(ZoneOffset.UTC);
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getTokenPrefix() {
    return tokenPrefix;
  }

  public String getClient() {
    return client;
  }

  public String getMethod() {
    return method;
  }

  public String getPath() {
    return path;
  }

  public String getQuery() {
    return query;
  }

  public String getResourceType() {
    return resourceType;
  }

  public String getResourceId() {
    return resourceId;
  }

  public int getStatus() {
    return status;
  }

  public String getScimType() {
    return scimType;
  }

  public String getDetail() {
    return detail;
  }

  public long getDurationMillis() {
    return durationMillis;
  }

  public String getCorrelationId() {
    return correlationId;
  }

  public String getRequestBody() {
    return requestBody;
  }

  public String getSubject() {
    return subject;
  }

  public String getAction() {
    return action;
  }

  @Override
  public String toString() {
    return "ProvisioningRecord[" + id + " " + method + " " + path + " " + status + "]";
  }
}
