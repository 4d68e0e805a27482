package dev.roster.users.boundary;

import dev.roster.storage.PageAnchors;
import dev.roster.storage.ProductAccountRows;
import dev.roster.storage.ResourceRows;
import dev.roster.storage.ResourceTable;
import dev.roster.users.control.ProductAccount;
import dev.roster.users.control.UserStore;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The product's accounts in a tenant (docs/account-import.md): a part of an import in one
 * transaction, and the counts the console shows. {@link AccountImport} reads an import and calls
 * {@link #importPart} for each part, so that no transaction holds all of it.
 */
@Stateless
public class ImportedAccounts {

  @PersistenceContext EntityManager em;

  @Inject PageAnchors anchors;

  /** Imports these accounts, all or none: a failure rolls the part back. */
  public List<ImportOutcome> importPart(String tenantId, List<ProductAccount> accounts) {
    UserStore store = new UserStore(em, tenantId);
    Map<String, Long> known =
        new ProductAccountRows(em)
            .usersOf(tenantId, accounts.stream().map(ProductAccount::accountId).toList());
    List<ImportOutcome> outcomes = new ArrayList<>(accounts.size());
    for (ProductAccount account : accounts) {
      outcomes.add(
          store.importAccount(
              account.accountId(), known.get(account.accountId()), account.asScimUser()));
    }
    store.flush();
    anchors.changedAfterTransaction(ResourceRows.anchorScope(ResourceTable.USERS, tenantId));
    return outcomes;
  }

  /** The tenant's users by where they came from. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public ProductAccountRows.Counts counts(String tenantId) {
    return new ProductAccountRows(em).counts(tenantId);
  }
}
