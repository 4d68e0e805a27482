package dev.roster.platform.paging;

import dev.roster.scim.query.ListQuery;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Reads one page of a tenant's unfiltered list in the default order (by row id), starting from its
 * {@link PageAnchors anchor} when one is known and from the offset otherwise, and remembers where
 * it and the next page start. The entity needs fields {@code tenantId} and {@code id}.
 */
public final class AnchoredPages {

  /** The rows of a page and the total number of rows. */
  public record Page<T>(long total, List<T> rows) {}

  private AnchoredPages() {}

  /**
   * @param countAll counts the tenant's rows, when the page does not tell
   */
  public static <T> Page<T> read(
      EntityManager em,
      PageAnchors anchors,
      String scope,
      Class<T> entity,
      String tenantId,
      ListQuery query,
      ToLongFunction<T> rowId,
      LongSupplier countAll) {
    long generation = anchors.generation(scope); // before the query: see PageAnchors
    Optional<PageAnchors.Anchor> anchor = anchors.find(scope, generation, query.offset());
    String select = "SELECT e FROM " + entity.getSimpleName() + " e WHERE e.tenantId = ?1";
    List<T> rows;
    long total;
    if (anchor.isPresent()) {
      rows =
          em.createQuery(select + " AND e.id >= ?2 ORDER BY e.id", entity)
              .setParameter(1, tenantId)
              .setParameter(2, anchor.get().fromId())
              .setMaxResults(query.count())
              .getResultList();
      total = anchor.get().total();
    } else {
      rows =
          em.createQuery(select + " ORDER BY e.id", entity)
              .setParameter(1, tenantId)
              .setFirstResult(query.offset())
              .setMaxResults(query.count())
              .getResultList();
      total = query.holdsAll(rows.size()) ? rows.size() : countAll.getAsLong();
    }
    if (!rows.isEmpty()) {
      anchors.remember(
          scope,
          generation,
          query.offset(),
          rows.size(),
          rowId.applyAsLong(rows.get(0)),
          rowId.applyAsLong(rows.get(rows.size() - 1)),
          total);
    }
    return new Page<>(total, rows);
  }
}
