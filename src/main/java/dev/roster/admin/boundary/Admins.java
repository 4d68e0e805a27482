package dev.roster.admin.boundary;

import dev.roster.admin.control.PasswordHashing;
import dev.roster.admin.entity.AdminAccount;
import dev.roster.scim.ScimException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The admin accounts: who may use the console and the admin API. Names compare without regard to
 * case. There is always at least one account once the server has started ({@link AdminBootstrap}),
 * and the last one cannot be removed.
 */
@Stateless
public class Admins {

  public static final int MIN_PASSWORD_LENGTH = 12;
  private static final String NAME_PATTERN = "[a-z0-9][a-z0-9._@-]{0,63}";

  /** Verified against when the account does not exist, so that both cases take as long. */
  private static final String DUMMY_HASH = PasswordHashing.hash("not a password".toCharArray());

  @PersistenceContext EntityManager em;

  public long count() {
    return em.createQuery("SELECT COUNT(a) FROM AdminAccount a", Long.class).getSingleResult();
  }

  public List<AdminAccount> list() {
    return em.createQuery("SELECT a FROM AdminAccount a ORDER BY a.userName", AdminAccount.class)
        .getResultList();
  }

  /**
   * Creates an account.
   *
   * @throws ScimException invalidValue for a bad name or a short password, uniqueness when taken
   */
  public AdminAccount create(String userName, char[] password) {
    String name = normalise(userName);
    if (!name.matches(NAME_PATTERN)) {
      throw ScimException.invalidValue(
          "An admin name is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter"
              + " or digit.");
    }
    requireStrong(password);
    if (em.find(AdminAccount.class, name) != null) {
      throw ScimException.uniqueness("There is already an admin '" + name + "'.");
    }
    AdminAccount account = new AdminAccount(name, PasswordHashing.hash(password), now());
    em.persist(account);
    return account;
  }

  /** Whether the name and password belong to an account; takes as long for unknown names. */
  public boolean verify(String userName, char[] password) {
    AdminAccount account =
        userName == null ? null : em.find(AdminAccount.class, normalise(userName));
    boolean matches =
        PasswordHashing.verify(password, account == null ? DUMMY_HASH : account.passwordHash());
    return account != null && matches;
  }

  /**
   * Changes an account's password, given its current one.
   *
   * @throws ScimException invalidValue when the current password is wrong or the new one too short
   */
  public void changePassword(String userName, char[] current, char[] replacement) {
    if (!verify(userName, current)) {
      throw ScimException.invalidValue("The current password is not right.");
    }
    requireStrong(replacement);
    em.find(AdminAccount.class, normalise(userName))
        .changePassword(PasswordHashing.hash(replacement), now());
  }

  /**
   * Removes an account. An admin cannot remove itself, and the last admin stays.
   *
   * @throws ScimException notFound, or mutability for oneself or the last admin
   */
  public void remove(String userName, String signedInAs) {
    String name = normalise(userName);
    if (name.equals(normalise(signedInAs))) {
      throw ScimException.mutability("You cannot remove the account you are signed in with.");
    }
    // Locks every account, so that two admins removing each other cannot leave none.
    List<AdminAccount> all =
        em.createQuery("SELECT a FROM AdminAccount a", AdminAccount.class)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
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

  private static void requireStrong(char[] password) {
    if (password == null || password.length < MIN_PASSWORD_LENGTH) {
      throw ScimException.invalidValue(
          "A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
    }
  }

  static String normalise(String userName) {
    return userName == null ? "" : userName.strip().toLowerCase(Locale.ROOT);
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }
}
