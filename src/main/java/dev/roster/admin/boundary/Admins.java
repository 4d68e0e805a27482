package dev.roster.admin.boundary;

import dev.roster.admin.control.AdminNames;
import dev.roster.admin.entity.AdminAccount;
import dev.roster.scim.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * The admin accounts: who may use the console and the admin API. Names compare without regard to
 * case or surrounding space ({@link AdminNames}). There is always at least one account once the
 * server has started ({@link AdminBootstrap}), and the last one cannot be removed.
 *
 * <p>Not a transactional bean on purpose: passwords are hashed here ({@link Passwords}), between
 * the short transactions of {@link AdminAccounts}, never inside one.
 */
@ApplicationScoped
public class Admins {

  public static final int MIN_PASSWORD_LENGTH = 12;

  /** Longer passwords are refused: hashing them would cost more and protect no better. */
  public static final int MAX_PASSWORD_LENGTH = 1024;

  @Inject AdminAccounts accounts;

  @Inject Passwords passwords;

  public long count() {
    return accounts.count();
  }

  public List<AdminAccount> list() {
    return accounts.list();
  }

  /**
   * Creates an account.
   *
   * @throws ScimException invalidValue for a bad name or password, uniqueness when taken, 503 when
   *     the server is too busy hashing other passwords
   */
  public AdminAccount create(String userName, char[] password) {
    String name = AdminNames.normalise(userName);
    if (!AdminNames.valid(name)) {
      throw ScimException.invalidValue(
          "An admin name is 1 to "
              + AdminNames.MAX_LENGTH
              + " letters, digits, '.', '_', '@' or '-', starting with a letter or digit.");
    }
    requireAcceptable(password);
    if (accounts.exists(name)) {
      throw ScimException.uniqueness("There is already an admin '" + name + "'.");
    }
    return accounts.create(name, passwords.hash(password).orElseThrow(Admins::busy));
  }

  /**
   * Changes an account's password, given its current one.
   *
   * @throws ScimException invalidValue when the current password is wrong or the new one is not
   *     acceptable, 503 when the server is too busy hashing other passwords
   */
  public void changePassword(String userName, char[] current, char[] replacement) {
    String name = AdminNames.normalise(userName);
    requireAcceptable(replacement);
    String stored =
        accounts
            .passwordHashOf(name)
            .orElseThrow(() -> ScimException.notFound("There is no admin '" + name + "'."));
    if (!passwords.matches(current, stored).orElseThrow(Admins::busy)) {
      throw ScimException.invalidValue("The current password is not right.");
    }
    accounts.replacePasswordHash(
        name, stored, passwords.hash(replacement).orElseThrow(Admins::busy));
  }

  /**
   * Removes an account. An admin cannot remove itself, and the last admin stays.
   *
   * @throws ScimException notFound, or mutability for oneself or the last admin
   */
  public void remove(String userName, String signedInAs) {
    String name = AdminNames.normalise(userName);
    if (!AdminNames.valid(name)) {
      throw ScimException.notFound("There is no such admin.");
    }
    accounts.remove(name, AdminNames.normalise(signedInAs));
  }

  private static void requireAcceptable(char[] password) {
    if (password == null || password.length < MIN_PASSWORD_LENGTH) {
      throw ScimException.invalidValue(
          "A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
    }
    if (password.length > MAX_PASSWORD_LENGTH) {
      throw ScimException.invalidValue(
          "A password has at most " + MAX_PASSWORD_LENGTH + " characters.");
    }
  }

  static ScimException busy() {
    return ScimException.unavailable(
        "The server is busy checking other passwords. Try again in a moment.",
        Duration.ofSeconds(1));
  }
}
