package dev.roster.provisioning.boundary;

import dev.roster.provisioning.entity.ProvisioningRecord;
import java.time.Instant;

/**
 * One request as the log's readers see it: a read-only copy of a stored record, so that the console
 * and the admin API never hold the entity. Its getters keep the entity's names: the console's pages
 * read it through Faces EL, which reads bean properties (EL 5 has no resolver for record
 * components), and every reader stays as it was.
 */
public final class LogRecord {

  private final Long id;
  private final Instant time;
  private final String tenantId;
  private final String tokenPrefix;
  private final String client;
  private final String method;
  private final String path;
  private final String query;
  private final String resourceType;
  private final String resourceId;
  private final int status;
  private final String scimType;
  private final String detail;
  private final long durationMillis;
  private final String correlationId;
  private final String requestBody;
  private final String subject;
  private final String action;

  /**
   * A record as read from the log; every string may be null but method and path.
   *
   * @param id the record's key, the second part of the log's paging key
   * @param query the query string, already redacted
   * @param requestBody the body, already redacted and capped
   */
  public LogRecord(
      Long id,
      Instant time,
      String tenantId,
      String tokenPrefix,
      String client,
      String method,
      String path,
      String query,
      String resourceType,
      String resourceId,
      int status,
      String scimType,
      String detail,
      long durationMillis,
      String correlationId,
      String requestBody,
      String subject,
      String action) {
    this.id = id;
    this.time = time;
    this.tenantId = tenantId;
    this.tokenPrefix = tokenPrefix;
    this.client = client;
    this.method = method;
    this.path = path;
    this.query = query;
    this.resourceType = resourceType;
    this.resourceId = resourceId;
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
    this.durationMillis = durationMillis;
    this.correlationId = correlationId;
    this.requestBody = requestBody;
    this.subject = subject;
    this.action = action;
  }

  static LogRecord of(ProvisioningRecord stored) {
    return new LogRecord(
        stored.getId(),
        stored.getTime(),
        stored.getTenantId(),
        stored.getTokenPrefix(),
        stored.getClient(),
        stored.getMethod(),
        stored.getPath(),
        stored.getQuery(),
        stored.getResourceType(),
        stored.getResourceId(),
        stored.getStatus(),
        stored.getScimType(),
        stored.getDetail(),
        stored.getDurationMillis(),
        stored.getCorrelationId(),
        stored.getRequestBody(),
        stored.getSubject(),
        stored.getAction());
  }

  public Long getId() {
    return id;
  }

  public Instant getTime() {
    return time;
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

  /** Whom the request was about (userName or group displayName), or null. */
  public String getSubject() {
    return subject;
  }

  /** What it did ({@code create}, {@code deactivate}, ...), or null. */
  public String getAction() {
    return action;
  }

  public boolean isError() {
    return status >= 400;
  }

  @Override
  public String toString() {
    return "LogRecord[" + id + " " + method + " " + path + " " + status + "]";
  }
}
