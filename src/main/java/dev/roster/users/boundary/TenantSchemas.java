package dev.roster.users.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.runtime.AfterTransaction;
import dev.roster.scim.ScimException;
import dev.roster.scim.schema.ExtensionDefinition;
import dev.roster.scim.schema.Schema;
import dev.roster.storage.TenantSchemaRows;
import dev.roster.storage.Timestamps;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.StringReader;
import java.util.List;

/**
 * A tenant's user extension schemas (docs/custom-attributes.md): defined, replaced and removed by
 * an admin, and read by {@link UserTypes}, which every request of the tenant uses.
 */
@Stateless
public class TenantSchemas {

  @PersistenceContext EntityManager em;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject UserTypes types;

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Schema> list(String tenantId) {
    return new TenantSchemaRows(em)
        .definitions(tenantId).stream()
            .map(
                json -> {
                  JsonObject definition = JSON.createReader(new StringReader(json)).readObject();
                  return ExtensionDefinition.parse(definition.getString("id"), definition);
                })
            .toList();
  }

  /**
   * Defines or replaces the extension {@code urn} (compared without case, as SCIM compares schema
   * URNs). Values users have already stay in their documents; those of attributes the new
   * definition lacks are no longer validated or filterable and go at each user's next write.
   */
  public Schema put(String tenantId, String urn, JsonObject definition) {
    Schema schema = ExtensionDefinition.parse(urn, definition);
    TenantSchemaRows rows = new TenantSchemaRows(em);
    List<Schema> existing = list(tenantId);
    existing.stream()
        .filter(s -> s.id().equalsIgnoreCase(urn))
        .forEach(s -> rows.delete(tenantId, s.id()));
    if (existing.stream().noneMatch(s -> s.id().equalsIgnoreCase(urn))
        && existing.size() >= ExtensionDefinition.MAX_EXTENSIONS) {
      throw ScimException.invalidValue(
          "A tenant has at most " + ExtensionDefinition.MAX_EXTENSIONS + " extension schemas.");
    }
    rows.put(tenantId, urn, ExtensionDefinition.toJson(schema).toString(), Timestamps.now());
    changed(tenantId);
    return schema;
  }

  /**
   * @return whether the tenant had it
   */
  public boolean delete(String tenantId, String urn) {
    TenantSchemaRows rows = new TenantSchemaRows(em);
    boolean deleted = false;
    for (Schema schema : list(tenantId)) {
      if (schema.id().equalsIgnoreCase(urn)) {
        deleted |= rows.delete(tenantId, schema.id());
      }
    }
    changed(tenantId);
    return deleted;
  }

  private void changed(String tenantId) {
    AfterTransaction.run(transactions, () -> types.forget(tenantId));
  }
}
