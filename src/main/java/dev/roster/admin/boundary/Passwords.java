package dev.roster.admin.boundary;

import dev.roster.admin.control.HashingGate;
import dev.roster.admin.control.PasswordHashing;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;

/**
 * Where admin passwords are hashed and checked: at most a few at once ({@link
 * HashingGate#forThisMachine}), and never inside a transaction. A transaction may hold a pooled
 * database connection, and a slow hash held it for its whole length: a burst of sign-ins took the
 * pool from the SCIM API. So a call inside a transaction is a programming error here, and fails.
 */
@ApplicationScoped
public class Passwords {

  /** Checked against when the account does not exist, so that both cases take as long. */
  private static final String DUMMY_HASH = PasswordHashing.hash("not a password".toCharArray());

  private final HashingGate gate = HashingGate.forThisMachine();

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * Whether the password matches the stored hash (or, for no hash, a dummy one, which it never
   * matches); empty when the server is too busy to check it now.
   */
  public Optional<Boolean> matches(char[] password, String storedHash) {
    requireNoTransaction();
    return gate.run(
        () ->
            PasswordHashing.verify(password, storedHash == null ? DUMMY_HASH : storedHash)
                && storedHash != null);
  }

  /** A new hash of the password; empty when the server is too busy to hash it now. */
  public Optional<String> hash(char[] password) {
    requireNoTransaction();
    return gate.run(() -> PasswordHashing.hash(password));
  }

  private void requireNoTransaction() {
    if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
      throw new IllegalStateException(
          "A password is hashed inside a transaction, which may hold a database connection"
              + " meanwhile: hash before or after it.");
    }
  }
}
