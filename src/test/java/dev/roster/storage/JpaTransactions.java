package dev.roster.storage;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Function;

/** Work in a transaction of its own, for the JPA-only ITs: committed, or rolled back if marked. */
public final class JpaTransactions {

  private JpaTransactions() {}

  public static <T> T in(EntityManagerFactory factory, Function<EntityManager, T> work) {
    EntityManager em = factory.createEntityManager();
    try {
      em.getTransaction().begin();
      T result = work.apply(em);
      if (em.getTransaction().getRollbackOnly()) {
        em.getTransaction().rollback();
      } else {
        em.getTransaction().commit();
      }
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }
}
