package dev.roster.admin.boundary;

import dev.roster.admin.entity.AdminAccount;
import dev.roster.scim.ScimException;
import dev.roster.storage.AdminAccountQueries;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The stored admin accounts. Each method is one short transaction, and none hashes a password:
 * {@link Admins} and {@link SignInGuard} hash outside any transaction, so that a database
 * connection is never held while a slow hash runs. Names are given normalised ({@code
 * dev.roster.admin.control.AdminNames}).
 */
@Stateless
public class AdminAccounts {

  @PersistenceContext EntityManager em;

  public long count() {
    return new AdminAccountQueries(em).count();
  }

  public List<AdminAccount> list() {
    return new AdminAccountQueries(em).byName();
  }

  public boolean exists(String name) {
    return em.find(AdminAccount.class, name) != null;
  }

  /** The account's stored password hash, or empty when there is no such account. */
  public Optional<String> passwordHashOf(String name) {
    return Optional.ofNullable(em.find(AdminAccount.class, name)).map(AdminAccount::passwordHash);
  }

  /**
   * @throws ScimException uniqueness when the name is taken
   */
  public AdminAccount create(String name, String passwordHash) {
    if (exists(name)) {
      throw taken(name);
    }
    AdminAccount account = new AdminAccount(name, passwordHash, now());
    em.persist(account);
    try {
      em.flush();
    } catch (PersistenceException e) {
      throw taken(name); // created by another request meanwhile
    }
    return account;
  }

  /**
   * Replaces the password hash, if it is still the one the caller checked the current password
   * against.
   *
   * @throws ScimException notFound, or conflict when the password changed meanwhile
   */
  public void replacePasswordHash(String name, String checkedHash, String replacement) {
    AdminAccount account = em.find(AdminAccount.class, name, LockModeType.PESSIMISTIC_WRITE);
    if (account == null) {
      throw ScimException.notFound("There is no admin '" + name + "'.");
    }
    if (!account.passwordHash().equals(checkedHash)) {
      throw ScimException.conflict("The password was changed meanwhile. Try again.");
    }
    account.changePassword(replacement, now());
  }

  /**
   * Removes an account. An admin cannot remove itself, and the last admin stays.
   *
   * @throws ScimException notFound, or mutability for oneself or the last admin
   */
  public void remove(String name, String signedInAs) {
    if (name.equals(signedInAs)) {
      throw ScimException.mutability("You cannot remove the account you are signed in with.");
    }
    // Locks every account, so that two admins removing each other cannot leave none.
    List<AdminAccount> all = new AdminAccountQueries(em).lockAll();
    AdminAccount account =
        all.stream()
            .filter(a -> a.userName().equals(name))
            .findFirst()
            .orElseThrow(() -> ScimException.notFound("There is no admin '" + name + "'."));
    if (all.size() == 1) {
      throw ScimException.mutability("The last admin cannot be removed.");
    }
    em.remove(account);
  }

  private static ScimException taken(String name) {
    return ScimException.uniqueness("There is already an admin '" + name + "'.");
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }
}
