package dev.roster.storage;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

/** A tenant's user extension schemas (migration V11, docs/custom-attributes.md), as JSON. */
public final class TenantSchemaRows {

  private final EntityManager em;

  public TenantSchemaRows(EntityManager em) {
    this.em = em;
  }

  /** The tenant's definitions, in the order of their URNs. */
  public List<String> definitions(String tenantId) {
    @SuppressWarnings("unchecked")
    List<Object> rows =
        sql("SELECT DEFINITION FROM TENANT_SCHEMA WHERE TENANT_ID = ?1 ORDER BY URN")
            .setParameter(1, tenantId)
            .getResultList();
    return rows.stream().map(Object::toString).toList();
  }

  /** Creates or replaces the definition of {@code urn}. */
  public void put(String tenantId, String urn, String definition, LocalDateTime now) {
    delete(tenantId, urn);
    sql("INSERT INTO TENANT_SCHEMA (TENANT_ID, URN, DEFINITION, UPDATED_AT)"
            + " VALUES (?1, ?2, ?3, ?4)")
        .setParameter(1, tenantId)
        .setParameter(2, urn)
        .setParameter(3, definition)
        .setParameter(4, Timestamp.valueOf(now))
        .executeUpdate();
  }

  /**
   * @return whether there was one
   */
  public boolean delete(String tenantId, String urn) {
    return sql("DELETE FROM TENANT_SCHEMA WHERE TENANT_ID = ?1 AND URN = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, urn)
            .executeUpdate()
        > 0;
  }

  private Query sql(String sql) {
    return em.createNativeQuery(sql);
  }
}
