package dev.roster.tenants.boundary;

import dev.roster.runtime.RefuseToStart;
import dev.roster.storage.SqlStates;
import dev.roster.tenants.control.BootstrapTokens;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At startup, makes the tenants and tokens of ROSTER_BOOTSTRAP_TOKENS ({@code
 * roster.bootstrap.tokens}) exist: how scripts, CI and a first-time user get going without a
 * browser. A malformed setting stops the server with a message that says what to fix: a server that
 * runs without the tokens it was told to accept would only fail later and less clearly.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // the schema is migrated before anything uses it
// Each call to Tenants is a transaction of its own, so that a try that collides with another
// instance rolls back alone and the second try starts afresh (see bootstrapOnce).
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TenantBootstrap {

  private static final Logger LOG = Logger.getLogger(TenantBootstrap.class.getName());

  @Inject
  @ConfigProperty(name = "roster.bootstrap.tokens")
  Optional<String> setting;

  @Inject Tenants tenants;

  // on the method too: Payara runs a singleton's @PostConstruct in a transaction unless the
  // callback itself says otherwise, and a retry inside a transaction the collision marked for
  // rollback fails with "Client's transaction aborted" (TwoInstancesIT saw it)
  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void bootstrap() {
    List<BootstrapTokens.Entry> entries;
    try {
      entries = BootstrapTokens.parse(setting.orElse(""));
      bootstrapOnce(entries).forEach(line -> LOG.info("ROSTER_BOOTSTRAP_TOKENS: " + line));
    } catch (IllegalArgumentException e) {
      throw RefuseToStart.because(e.getMessage());
    } catch (EJBException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw RefuseToStart.because(cause.getMessage());
    }
    if (entries.isEmpty() && tenants.listTenants().isEmpty()) {
      LOG.info(
          "Roster has no tenants yet. Set ROSTER_BOOTSTRAP_TOKENS=<tenant>=<token of 16+"
              + " characters> to create one with a token at startup.");
    }
  }

  /**
   * Several instances starting together on an empty database all find the tenants missing and
   * create them; all but one then collide on the tenant's key (or its event counter's). Trying
   * again, in a new transaction, finds them made, as a later start would.
   */
  private List<String> bootstrapOnce(List<BootstrapTokens.Entry> entries) {
    try {
      return tenants.bootstrap(entries);
    } catch (EJBException e) {
      if (!SqlStates.isUniqueViolation(e)) {
        throw e;
      }
      LOG.info("ROSTER_BOOTSTRAP_TOKENS: another instance was creating them too; trying again");
      return tenants.bootstrap(entries);
    }
  }
}
