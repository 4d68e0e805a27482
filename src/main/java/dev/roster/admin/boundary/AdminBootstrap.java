package dev.roster.admin.boundary;

import dev.roster.admin.control.PasswordHashing;
import dev.roster.runtime.RefuseToStart;
import dev.roster.runtime.TrustedProxySetting;
import dev.roster.scim.ScimException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure the console has an admin. On a start with no admin account, it creates one: from
 * ROSTER_ADMIN_USER and ROSTER_ADMIN_PASSWORD when both are set, otherwise {@code admin} with a
 * random password, which it prints once to the server log. Once an admin exists, these settings
 * change nothing: passwords are changed in the console. Instances starting together on an empty
 * database may all try; the one that comes second finds the admin made and goes on.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // the schema is migrated before anything uses it
public class AdminBootstrap {

  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

  @Inject
  @ConfigProperty(name = "roster.admin.user")
  Optional<String> user;

  @Inject
  @ConfigProperty(name = "roster.admin.password")
  Optional<String> password;

  @Inject Admins admins;

  @Inject TrustedProxySetting trustedProxies;

  /** Outside a transaction: the first admin's password is hashed here ({@link Passwords}). */
  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void bootstrap() {
    trustedProxies
        .problem()
        .ifPresent(
            problem -> {
              throw RefuseToStart.because(problem);
            });
    if (admins.count() > 0) {
      return;
    }
    if (user.isPresent() && password.isPresent()) {
      try {
        admins.create(user.get(), password.get().toCharArray());
      } catch (RuntimeException e) {
        if (madeByAnotherInstance()) {
          return;
        }
        if (e instanceof ScimException refused) {
          throw RefuseToStart.because(
              "ROSTER_ADMIN_USER/ROSTER_ADMIN_PASSWORD: " + refused.detail());
        }
        throw e;
      }
      LOG.info(() -> "Created the admin '" + user.get() + "' from ROSTER_ADMIN_USER.");
      return;
    }
    String generated = PasswordHashing.randomPassword();
    try {
      admins.create("admin", generated.toCharArray());
    } catch (RuntimeException e) {
      if (madeByAnotherInstance()) {
        return;
      }
      throw e;
    }
    LOG.warning(
        "\n\n  Roster created the first admin account of its console.\n"
            + "    user:     admin\n"
            + "    password: "
            + generated
            + "\n  Sign in at /admin/ and change this password. It is shown only this once;\n"
            + "  set ROSTER_ADMIN_USER and ROSTER_ADMIN_PASSWORD to choose your own instead.\n");
  }

  /** Whether the first admin exists after all: another instance created it at the same moment. */
  private boolean madeByAnotherInstance() {
    if (admins.count() == 0) {
      return false;
    }
    LOG.info("Another instance created the first admin at the same moment.");
    return true;
  }
}
