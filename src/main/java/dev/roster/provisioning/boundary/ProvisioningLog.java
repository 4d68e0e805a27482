package dev.roster.provisioning.boundary;

import dev.roster.provisioning.control.LogCursor;
import dev.roster.provisioning.control.LogPage;
import dev.roster.provisioning.control.LogQuery;
import dev.roster.provisioning.entity.ProvisioningRecord;
import dev.roster.storage.JpqlParameters;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads and purges the provisioning log. Writing is {@link ProvisioningLogWriter}'s job. */
@Stateless
public class ProvisioningLog {

  @PersistenceContext EntityManager em;

  /** One page of records matching the query, newest first, paged by (time, id). */
  public LogPage search(LogQuery query) {
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<ProvisioningRecord> select = cb.createQuery(ProvisioningRecord.class);
    Root<ProvisioningRecord> log = select.from(ProvisioningRecord.class);
    Path<LocalDateTime> time = log.get("time");
    Path<Long> id = log.get("id");

    List<Predicate> where = new ArrayList<>();
    if (query.tenantId() != null) {
      where.add(cb.equal(log.get("tenantId"), query.tenantId()));
    }
    if (query.from() != null) {
      where.add(cb.greaterThanOrEqualTo(time, utc(query.from())));
    }
    if (query.to() != null) {
      where.add(cb.lessThan(time, utc(query.to())));
    }
    if (query.statusMin() != null) {
      where.add(cb.greaterThanOrEqualTo(log.get("status"), query.statusMin()));
    }
    if (query.statusMax() != null) {
      where.add(cb.lessThanOrEqualTo(log.get("status"), query.statusMax()));
    }
    if (query.method() != null) {
      where.add(cb.equal(log.get("method"), query.method().toUpperCase(Locale.ROOT)));
    }
    if (query.resourceType() != null) {
      where.add(cb.equal(log.get("resourceType"), query.resourceType()));
    }
    if (query.correlationId() != null) {
      where.add(cb.equal(log.get("correlationId"), query.correlationId()));
    }
    if (query.text() != null && !query.text().isBlank()) {
      String pattern =
          "%" + JpqlParameters.escapeLike(query.text().strip().toLowerCase(Locale.ROOT)) + "%";
      where.add(
          cb.or(
              contains(cb, log.get("path"), pattern),
              contains(cb, log.get("query"), pattern),
              contains(cb, log.get("resourceId"), pattern),
              contains(cb, log.get("detail"), pattern),
              contains(cb, log.get("correlationId"), pattern),
              contains(cb, log.get("requestBody"), pattern)));
    }
    LogCursor after = query.after();
    if (after != null) {
      LocalDateTime afterTime = utc(after.time());
      // Implied by the OR below, but only a plain bound lets the database start its index scan
      // at the cursor; without it a deep page reads every newer record first.
      where.add(cb.lessThanOrEqualTo(time, afterTime));
      where.add(
          cb.or(
              cb.lessThan(time, afterTime),
              cb.and(cb.equal(time, afterTime), cb.lessThan(id, after.id()))));
    }
    List<Order> order = new ArrayList<>();
    if (query.tenantId() != null) {
      // A constant under the filter, but named so that H2 sees the (tenant, time desc, id desc)
      // index deliver the order, and stops after one page instead of sorting the tenant's log.
      order.add(cb.asc(log.get("tenantId")));
    }
    order.add(cb.desc(time));
    order.add(cb.desc(id));
    select.where(where.toArray(Predicate[]::new)).orderBy(order);

    List<ProvisioningRecord> rows =
        em.createQuery(select).setMaxResults(query.limit() + 1).getResultList();
    if (rows.size() <= query.limit()) {
      return new LogPage(rows, null);
    }
    List<ProvisioningRecord> page = rows.subList(0, query.limit());
    ProvisioningRecord last = page.get(page.size() - 1);
    return new LogPage(page, new LogCursor(last.getTime(), last.getId()));
  }

  /**
   * Deletes up to {@code max} records older than the cutoff, in this transaction.
   *
   * @return how many were deleted; call again while it returns {@code max}
   */
  public int purgeOlderThan(Instant cutoff, int max) {
    List<Long> ids =
        em.createQuery("SELECT r.id FROM ProvisioningRecord r WHERE r.time < :cutoff", Long.class)
            .setParameter("cutoff", utc(cutoff))
            .setMaxResults(max)
            .getResultList();
    if (ids.isEmpty()) {
      return 0;
    }
    return em.createQuery("DELETE FROM ProvisioningRecord r WHERE r.id IN :ids")
        .setParameter("ids", ids)
        .executeUpdate();
  }

  private static Predicate contains(CriteriaBuilder cb, Path<String> column, String pattern) {
    Expression<String> lower = cb.lower(column);
    return cb.like(lower, pattern, '\\');
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
