package dev.roster.storage;

import dev.roster.admin.entity.AdminAccount;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;

/**
 * The statements on the console's admin accounts ({@code ADMIN_ACCOUNTS}) beyond look-ups by name,
 * which are {@code em.find}. JPQL strings, the storage layer's one style; none takes a parameter.
 */
public final class AdminAccountQueries {

  private final EntityManager em;

  public AdminAccountQueries(EntityManager em) {
    this.em = em;
  }

  public long count() {
    return em.createQuery("SELECT COUNT(a) FROM AdminAccount a", Long.class).getSingleResult();
  }

  /** Every account, by name. */
  public List<AdminAccount> byName() {
    return em.createQuery("SELECT a FROM AdminAccount a ORDER BY a.userName", AdminAccount.class)
        .getResultList();
  }

  /**
   * Every account, each locked for update until the transaction ends, so that two transactions that
   * each remove an account cannot together remove the last two.
   */
  public List<AdminAccount> lockAll() {
    return em.createQuery("SELECT a FROM AdminAccount a", AdminAccount.class)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }
}
