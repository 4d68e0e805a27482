package dev.roster.users.boundary;

import dev.roster.scim.query.ListQuery;
import dev.roster.storage.JdbcUserLookups;
import dev.roster.storage.PageAnchors;
import dev.roster.tenants.boundary.CurrentTenant;
import dev.roster.users.control.UserPage;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The current tenant's users found by an identity provider's match query or on a page of its
 * import, read without a transaction ({@link JdbcUserLookups}); {@link Users#search} answers every
 * query this does not.
 */
@ApplicationScoped
public class UserLookups {

  @Resource(lookup = "jdbc/roster")
  DataSource database;

  @Inject CurrentTenant tenant;

  @Inject UserTypes types;

  @Inject PageAnchors anchors;

  /** The page, or empty when {@link Users#search} must answer the query. */
  public Optional<UserPage> search(ListQuery query, boolean withGroups) {
    String tenantId = tenant.id();
    try {
      return JdbcUserLookups.find(
              database, tenantId, types.of(tenantId), query, anchors, withGroups)
          .map(found -> new UserPage(found.total(), found.users(), found.groups()));
    } catch (SQLException e) {
      // answered as any database failure is: 503 when the database is down or too slow
      throw new PersistenceException("A user lookup failed", e);
    }
  }
}
