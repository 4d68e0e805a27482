package dev.roster.storage;

import dev.roster.provisioning.entity.ProvisioningRecord;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every statement on the provisioning log ({@code PROVISIONING_LOG}): its search, the console's
 * look-ups and figures, and the purge. Writing is {@code em.persist} and needs no statement.
 *
 * <p>One style, as for users and groups: JPQL strings with positional parameters. The search is
 * dynamic only in which of its optional conditions it joins with AND, which a string and {@link
 * JpqlParameters} write as plainly as the Criteria API would, and read more plainly.
 *
 * <p>Its text search uses the one LIKE rule of the storage layer ({@link
 * JpqlParameters#escapeLike}): wildcards escaped with a backslash, H2's and PostgreSQL's default
 * escape character, and no {@code ESCAPE} clause, because with one EclipseLink writes the values
 * into the statement instead of binding them.
 *
 * <p>Each ORDER BY names the columns of the index that delivers the order, the constant tenant
 * included, so that H2 reads one page through it instead of sorting every match.
 */
public final class LogQueries {

  private final EntityManager em;

  /**
   * What a search of the log asks for; every criterion may be {@code null}. The provisioning log's
   * {@code LogQuery} is one: this layer does not depend on the feature's boundary.
   */
  public interface Search {
    String tenantId();

    Instant from();

    Instant to();

    Integer statusMin();

    Integer statusMax();

    String method();

    String resourceType();

    String correlationId();

    String action();

    String text();

    /** Continue after the record with this time and {@link #afterId()}. */
    Instant afterTime();

    Long afterId();

    /**
     * The records just before (newer than) the record with this time and {@link #beforeId()}, read
     * backwards, oldest first; null unless a page goes back.
     */
    Instant beforeTime();

    Long beforeId();
  }

  public LogQueries(EntityManager em) {
    this.em = em;
  }

  /**
   * The records matching the query, newest first, by (time, id).
   *
   * @param rows how many at most: one more than a page, to learn whether another follows
   */
  public List<ProvisioningRecord> search(Search query, int rows) {
    JpqlParameters parameters = new JpqlParameters();
    String where = where(query, parameters);
    TypedQuery<ProvisioningRecord> select =
        em.createQuery(
            "SELECT r FROM ProvisioningRecord r" + where + order(query), ProvisioningRecord.class);
    List<Object> values = parameters.values();
    for (int i = 0; i < values.size(); i++) {
      select.setParameter(i + 1, values.get(i));
    }
    return select.setMaxResults(rows).getResultList();
  }

  /** The WHERE clause of a search (or "" for none), its values added to the parameters. */
  private static String where(Search query, JpqlParameters parameters) {
    List<String> where = new ArrayList<>();
    if (query.tenantId() != null) {
      where.add("r.tenantId = " + parameters.add(query.tenantId()));
    }
    if (query.from() != null) {
      where.add("r.time >= " + parameters.add(Timestamps.stored(query.from())));
    }
    if (query.to() != null) {
      where.add("r.time < " + parameters.add(Timestamps.stored(query.to())));
    }
    if (query.statusMin() != null) {
      where.add("r.status >= " + parameters.add(query.statusMin()));
    }
    if (query.statusMax() != null) {
      where.add("r.status <= " + parameters.add(query.statusMax()));
    }
    if (query.method() != null) {
      where.add("r.method = " + parameters.add(query.method().toUpperCase(Locale.ROOT)));
    }
    if (query.resourceType() != null) {
      where.add("r.resourceType = " + parameters.add(query.resourceType()));
    }
    if (query.correlationId() != null) {
      // the hash's index finds the few candidates; the id itself decides
      where.add(
          "r.correlationHash = "
              + parameters.add(ProvisioningRecord.correlationHash(query.correlationId()))
              + " AND r.correlationId = "
              + parameters.add(query.correlationId()));
    }
    if (query.action() != null) {
      where.add("r.action = " + parameters.add(query.action()));
    }
    if (query.text() != null && !query.text().isBlank()) {
      String pattern =
          parameters.add(
              "%" + JpqlParameters.escapeLike(query.text().strip().toLowerCase(Locale.ROOT)) + "%");
      where.add(
          "(LOWER(r.subject) LIKE "
              + pattern
              + " OR LOWER(r.path) LIKE "
              + pattern
              + " OR LOWER(r.query) LIKE "
              + pattern
              + " OR LOWER(r.resourceId) LIKE "
              + pattern
              + " OR LOWER(r.detail) LIKE "
              + pattern
              + " OR LOWER(r.correlationId) LIKE "
              + pattern
              + " OR LOWER(r.requestBody) LIKE "
              + pattern
              + ")");
    }
    if (query.afterTime() != null) {
      String time = parameters.add(Timestamps.stored(query.afterTime()));
      String id = parameters.add(query.afterId());
      // The plain bound is implied by the OR, but only it lets the database start its index scan
      // at the cursor; without it a deep page reads every newer record first.
      where.add("r.time <= " + time);
      where.add("(r.time < " + time + " OR (r.time = " + time + " AND r.id < " + id + "))");
    }
    if (query.beforeTime() != null) {
      String time = parameters.add(Timestamps.stored(query.beforeTime()));
      String id = parameters.add(query.beforeId());
      where.add("r.time >= " + time);
      where.add("(r.time > " + time + " OR (r.time = " + time + " AND r.id > " + id + "))");
    }
    return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
  }

  /**
   * With a tenant, named first so that the (tenant, time desc, id desc) index gives the order. A
   * page read backwards goes oldest first: the database sorts the records newer than the cursor,
   * which are the pages before it, as many as the reader has paged through.
   *
   * <p>Not with a correlation id: its hash's index finds the few records there are, which are
   * sorted. Named first, the tenant made H2 walk the tenant's index for its order instead, through
   * every record of the tenant (7 s at a million records; {@code LogQueriesIT}).
   */
  private static String order(Search query) {
    String direction = query.beforeTime() != null ? " ASC" : " DESC";
    boolean byTenant = query.tenantId() != null && query.correlationId() == null;
    return (byTenant ? " ORDER BY r.tenantId," : " ORDER BY")
        + " r.time"
        + direction
        + ", r.id"
        + direction;
  }

  /**
   * How many records match the query, counted up to {@code cap}: the ids of at most {@code cap + 1}
   * matches are read through the same index as a page, so a total costs at most that many rows.
   */
  public int count(Search query, int cap) {
    JpqlParameters parameters = new JpqlParameters();
    String where = where(query, parameters);
    TypedQuery<Long> select =
        em.createQuery("SELECT r.id FROM ProvisioningRecord r" + where + order(query), Long.class);
    List<Object> values = parameters.values();
    for (int i = 0; i < values.size(); i++) {
      select.setParameter(i + 1, values.get(i));
    }
    return select.setMaxResults(cap + 1).getResultList().size();
  }

  public Optional<ProvisioningRecord> find(long id) {
    return Optional.ofNullable(em.find(ProvisioningRecord.class, id));
  }

  /**
   * The latest records about one resource of a tenant, newest first, through the (tenant, resource,
   * time desc, id desc) index.
   */
  public List<ProvisioningRecord> latestAbout(
      String tenantId, String resourceType, String resourceId, int limit) {
    return em.createQuery(
            "SELECT r FROM ProvisioningRecord r WHERE r.tenantId = ?1 AND r.resourceId = ?2"
                + " AND r.resourceType = ?3"
                + " ORDER BY r.tenantId, r.resourceId, r.time DESC, r.id DESC",
            ProvisioningRecord.class)
        .setParameter(1, tenantId)
        .setParameter(2, resourceId)
        .setParameter(3, resourceType)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * The time of a tenant's latest request, read backwards through the (tenant, time) index.
   *
   * @param errorsSince when not null, only requests answered 400 or above since that time count
   */
  public Optional<Instant> latestTime(String tenantId, Instant errorsSince) {
    TypedQuery<LocalDateTime> query =
        em.createQuery(
                "SELECT r.time FROM ProvisioningRecord r WHERE r.tenantId = ?1"
                    + (errorsSince != null ? " AND r.status >= 400 AND r.time >= ?2" : "")
                    + " ORDER BY r.tenantId, r.time DESC, r.id DESC",
                LocalDateTime.class)
            .setParameter(1, tenantId)
            .setMaxResults(1);
    if (errorsSince != null) {
      query.setParameter(2, Timestamps.stored(errorsSince));
    }
    return query.getResultList().stream().findFirst().map(Timestamps::instant);
  }

  /**
   * Deletes up to {@code max} records older than the cutoff.
   *
   * @return how many were deleted
   */
  public int purgeOlderThan(Instant cutoff, int max) {
    List<Long> ids =
        em.createQuery("SELECT r.id FROM ProvisioningRecord r WHERE r.time < ?1", Long.class)
            .setParameter(1, Timestamps.stored(cutoff))
            .setMaxResults(max)
            .getResultList();
    if (ids.isEmpty()) {
      return 0;
    }
    return em.createQuery("DELETE FROM ProvisioningRecord r WHERE r.id IN ?1")
        .setParameter(1, ids)
        .executeUpdate();
  }
}
