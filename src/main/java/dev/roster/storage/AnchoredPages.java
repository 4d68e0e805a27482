package dev.roster.storage;

import dev.roster.scim.query.ListQuery;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Reads one page of a tenant's unfiltered list in the default order (by row id), starting from its
 * {@link PageAnchors anchor} when one is known and from the offset otherwise, and remembers where
 * it and the next page start. The rows come through JPA ({@link #jpa}) or plain JDBC ({@link
 * JdbcUserLookups}); both read them in the same order.
 */
final class AnchoredPages {

  /**
   * Row order, spelled with the tenant first although it is fixed: H2 reads a {@code (TENANT_ID,
   * ID)} index in order only for an ORDER BY that starts with the index's columns. With {@code
   * ORDER BY e.id} alone it sorted every row of the tenant after the anchor, 2 s a page at
   * 1,000,000 users instead of 3 ms. Only for lists without a filter: with one, H2 would prefer
   * this index, for its order, to the filter's own.
   */
  static final String IN_ROW_ORDER = " ORDER BY e.tenantId, e.id";

  /** How a page's rows are read, in row order: from a row id on, or after skipping some. */
  interface Rows<T> {
    List<T> from(long fromId, int count);

    List<T> at(int offset, int count);
  }

  private AnchoredPages() {}

  /**
   * @param countAll counts the tenant's rows, when the page does not tell
   */
  static <T> ResourceRows.Page<T> read(
      PageAnchors anchors,
      String scope,
      ListQuery query,
      Rows<T> reader,
      ToLongFunction<T> rowId,
      LongSupplier countAll) {
    long generation = anchors.generation(scope); // before the query: see PageAnchors
    Optional<PageAnchors.Anchor> anchor = anchors.find(scope, generation, query.offset());
    List<T> rows;
    long total;
    if (anchor.isPresent()) {
      rows = reader.from(anchor.get().fromId(), query.count());
      total = anchor.get().total();
    } else {
      rows = reader.at(query.offset(), query.count());
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
    return new ResourceRows.Page<>(total, rows);
  }

  /** The rows of an entity with fields {@code tenantId} and {@code id}, through JPA. */
  static <T> Rows<T> jpa(EntityManager em, Class<T> entity, String tenantId) {
    String select = "SELECT e FROM " + entity.getSimpleName() + " e WHERE e.tenantId = ?1";
    return new Rows<>() {
      @Override
      public List<T> from(long fromId, int count) {
        return em.createQuery(select + " AND e.id >= ?2" + IN_ROW_ORDER, entity)
            .setParameter(1, tenantId)
            .setParameter(2, fromId)
            .setMaxResults(count)
            .getResultList();
      }

      @Override
      public List<T> at(int offset, int count) {
        return em.createQuery(select + IN_ROW_ORDER, entity)
            .setParameter(1, tenantId)
            .setFirstResult(offset)
            .setMaxResults(count)
            .getResultList();
      }
    };
  }
}
