package dev.roster.runtime;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must wait until the current transaction has ended. */
public final class AfterTransaction {

  private AfterTransaction() {}

  /**
   * Runs the action once the current transaction has ended, committed or rolled back, so that no
   * reader who starts afterwards sees the state from before it (used to outdate caches).
   */
  public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            action.run();
          }
        });
  }
}
