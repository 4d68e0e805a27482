package dev.roster.users.control;

import dev.roster.events.boundary.ChangeEvents;
import dev.roster.scim.LogActions;
import dev.roster.scim.ScimException;
import dev.roster.scim.boundary.RequestSubject;
import dev.roster.scim.patch.PatchEngine;
import dev.roster.scim.patch.PatchOperation;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.ResourceValidator;
import dev.roster.storage.DeprovisioningRows;
import dev.roster.storage.IndexedValues;
import dev.roster.storage.PageAnchors;
import dev.roster.storage.ProductAccountRows;
import dev.roster.storage.ResourceRows;
import dev.roster.storage.Timestamps;
import dev.roster.users.boundary.DirectoryUser;
import dev.roster.users.boundary.ImportOutcome;
import dev.roster.users.control.UserIndex.Slot;
import dev.roster.users.entity.StoredUser;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The users of one tenant in one persistence context: every read and write of {@code /Users},
 * without transactions or injection, so that it runs in the container (through {@code Users}) and
 * against a plain H2 in tests alike.
 *
 * <p>Writes to one user are serialised by a row lock ({@code SELECT … FOR UPDATE}), so concurrent
 * PATCHes apply one after the other and lose nothing. {@code userName} uniqueness is checked first
 * and then enforced by the unique index at {@code flush()}, inside the transaction, so that a race
 * ends in 409, not in a failed commit.
 *
 * <p>Imported product accounts (docs/account-import.md) are users that await a link: the identity
 * provider's lookup that finds one, a POST that matches one (by userName, or by email when the
 * tenant has such accounts), and its first PUT or PATCH link it, with a {@code user.linked} event.
 */
public class UserStore {

  private static final ResourceValidator USER_VALIDATOR = new ResourceValidator(ResourceType.USER);
  private static final PatchEngine USER_PATCH = new PatchEngine(ResourceType.USER);

  /** Above this many changed index entries, a write replaces them all in one batch. */
  private static final int INCREMENTAL_INDEX_LIMIT = 8;

  private final EntityManager em;
  private final String tenantId;
  private final ResourceRows<StoredUser> rows;
  private final IndexedValues index;
  private final ChangeEvents events;
  private final ProductAccountRows accounts;
  private final DeprovisioningHold hold;
  private final boolean awaitingLinks;
  private final ResourceType type;
  private final ResourceValidator validator;
  private final PatchEngine patchEngine;
  private Consumer<String> dropped = name -> {};
  private RequestSubject subject = new RequestSubject();

  /** {@link StoredUser#hold()} of a user whose deactivation awaits review. */
  public static final String HELD = "held";

  /** {@link StoredUser#hold()} of a user whose deactivation was rejected. */
  public static final String KEPT = "kept";

  public UserStore(EntityManager em, String tenantId) {
    this(em, tenantId, ResourceType.USER, false);
  }

  /**
   * @param awaitingLinks whether the tenant may have imported accounts not yet linked: then a POST
   *     whose userName is free looks for one with the same email
   */
  public UserStore(EntityManager em, String tenantId, ResourceType type, boolean awaitingLinks) {
    this.em = em;
    this.tenantId = tenantId;
    this.type = type;
    this.validator = type == ResourceType.USER ? USER_VALIDATOR : new ResourceValidator(type);
    this.patchEngine = type == ResourceType.USER ? USER_PATCH : new PatchEngine(type);
    this.rows = ResourceRows.users(em, tenantId, type);
    this.index = new IndexedValues(em);
    this.events = new ChangeEvents(em, tenantId);
    this.accounts = new ProductAccountRows(em);
    this.hold = new DeprovisioningHold(new DeprovisioningRows(em), events, tenantId);
    this.awaitingLinks = awaitingLinks;
  }

  /**
   * Where the names of attributes no schema of the tenant defines go (the provisioning log): they
   * are ignored, not refused (docs/custom-attributes.md).
   */
  public UserStore reportingDropped(Consumer<String> dropped) {
    this.dropped = dropped;
    return this;
  }

  /** Where whom each write was about, and what it did, go (the provisioning log). */
  public UserStore reportingTo(RequestSubject subject) {
    this.subject = subject;
    return this;
  }

  /**
   * POST: a new user, or an imported account the body matches, linked and given the body's
   * attributes (still 201: for the identity provider it is the user it created).
   */
  public StoredUser create(JsonObject body) {
    UserDocuments.State state = UserDocuments.state(validator.validate(body, dropped));
    subject.named(userName(state));
    subject.did(LogActions.CREATE);
    Optional<StoredUser> imported = importedMatch(state);
    if (imported.isPresent()) {
      StoredUser user = imported.get();
      UserDocuments.State before = UserDocuments.state(user);
      link(user, before, "create");
      return change(user, before, state.canonical(), "POST /Users");
    }
    StoredUser user = new StoredUser(UUID.randomUUID().toString(), tenantId, Timestamps.now());
    setState(user, state);
    em.persist(user);
    UserIndex.entriesOf(type, state.document()).forEach((slot, key) -> insert(user, slot, key));
    rows.flush();
    events.userCreated(DirectoryUser.of(user.scimId(), state));
    events.append();
    return user;
  }

  public StoredUser find(String id) {
    return rows.get(id);
  }

  /** PUT: the body replaces every writable attribute. */
  public StoredUser replace(String id, JsonObject body, String ifMatch) {
    StoredUser user = named(rows.lockForWrite(id, ifMatch));
    return change(
        user, UserDocuments.state(user), validator.validate(body, dropped), request("PUT", id));
  }

  /** PATCH: the operations apply in order to the current state, all or none. */
  public StoredUser patch(String id, JsonObject body, String ifMatch) {
    List<PatchOperation> operations = PatchOperation.listOf(body);
    StoredUser user = named(rows.lockForWrite(id, ifMatch));
    UserDocuments.State current = UserDocuments.state(user);
    return change(
        user,
        current,
        patchEngine.apply(current.canonical(), operations, dropped),
        request("PATCH", id));
  }

  /**
   * DELETE: the user is gone for SCIM at once. For the product it is gone too, unless the deletion
   * is held (docs/deprovisioning-hold.md): then the hold keeps the user as the product saw it, and
   * its {@code user.deleted} until the hold is released.
   */
  public void delete(String id, String ifMatch) {
    StoredUser user = named(rows.lockForWrite(id, ifMatch));
    subject.did(LogActions.DELETE);
    DirectoryUser gone = DirectoryUser.seenByProduct(user, UserDocuments.state(user));
    if (user.productAccountId() != null) {
      accounts.delete(tenantId, user.productAccountId());
    }
    index.deleteAll(user.id());
    rows.delete(user);
    if (HELD.equals(user.hold())) {
      hold.deletionJoinsHold(user, gone, () -> events.userDeleted(gone));
    } else {
      hold.deprovision(
          user,
          DeprovisioningRows.DELETE,
          request("DELETE", id),
          gone,
          () -> events.userDeleted(gone));
    }
    events.append();
  }

  private StoredUser named(StoredUser user) {
    subject.named(userName(UserDocuments.state(user)));
    return user;
  }

  private static String userName(UserDocuments.State state) {
    return state.document().getString("userName");
  }

  private static boolean isActive(UserDocuments.State state) {
    return !Boolean.FALSE.equals(state.active());
  }

  /** The SCIM request a deprovisioning came with, as the hold shows it: {@code PATCH /Users/…}. */
  private static String request(String method, String id) {
    return method + " /Users/" + id;
  }

  /**
   * One page of the users that match, in the query's order, with the exact total; with {@link
   * PageAnchors} (or {@code null}) for walks through the whole list.
   */
  public UserPage search(ListQuery query, PageAnchors anchors) {
    ResourceRows.Page<StoredUser> page = rows.search(query, anchors);
    if (query.filter() != null
        && page.total() == 1
        && page.rows().size() == 1 // count=0 asks for the total alone
        && page.rows().get(0).awaitsLink()) {
      // the identity provider's match query found an imported account: it links to it now
      StoredUser user = page.rows().get(0);
      link(user, UserDocuments.state(user), "lookup");
      events.append();
    }
    return new UserPage(page.total(), page.rows());
  }

  /**
   * Imports one product account (docs/account-import.md) as a user that awaits its link, without
   * events: the product has the account already.
   *
   * @param existingRow the row of the account's user if the tenant imported it before, else null
   * @param body the account as a SCIM user
   * @throws ScimException uniqueness when its userName belongs to another imported account
   */
  public ImportOutcome importAccount(String accountId, Long existingRow, JsonObject body) {
    UserDocuments.State state = UserDocuments.state(validator.validate(body));
    LocalDateTime now = Timestamps.now();
    if (existingRow != null) {
      StoredUser user = rows.lockRow(existingRow);
      if (!user.awaitsLink()) {
        return ImportOutcome.LINKED_ALREADY;
      }
      UserDocuments.State before = UserDocuments.state(user);
      if (state.equals(before)) {
        return ImportOutcome.UNCHANGED;
      }
      if (!state.userNameKey().equals(user.userNameKey())) {
        rows.requireFree(state.userNameKey(), user.id());
      }
      setState(user, state);
      user.touch(now);
      reindex(
          user,
          UserIndex.entriesOf(type, before.document()),
          UserIndex.entriesOf(type, state.document()));
      return ImportOutcome.UPDATED;
    }
    Optional<Long> holder = rows.holder(state.userNameKey());
    if (holder.isPresent()) {
      StoredUser user = rows.lockRow(holder.get());
      if (user.productAccountId() != null) {
        throw ScimException.uniqueness(
            "This userName is the product account '" + user.productAccountId() + "' already.");
      }
      user.importedAs(accountId);
      user.linked(now);
      accounts.insert(tenantId, accountId, user.id(), now, now);
      events.userLinked(
          DirectoryUser.of(user.scimId(), UserDocuments.state(user)), accountId, "import");
      events.append();
      return ImportOutcome.MATCHED;
    }
    StoredUser user = new StoredUser(UUID.randomUUID().toString(), tenantId, now);
    setState(user, state);
    user.importedAs(accountId);
    em.persist(user);
    UserIndex.entriesOf(type, state.document()).forEach((slot, key) -> insert(user, slot, key));
    accounts.insert(tenantId, accountId, user.id(), now, null);
    return ImportOutcome.CREATED;
  }

  /** Writes what this store changed so far: a unique-index violation becomes a 409 here. */
  public void flush() {
    rows.flush();
  }

  /**
   * The imported account a POST means: the one with its userName (any other holder is a 409), else,
   * when the tenant may have accounts awaiting a link, the only one with one of its emails.
   */
  private Optional<StoredUser> importedMatch(UserDocuments.State state) {
    Optional<Long> holder = rows.holder(state.userNameKey());
    if (holder.isPresent()) {
      // locked only when it is the account to link: a conflict waits for no one's write
      StoredUser found = em.find(StoredUser.class, holder.get());
      if (found == null || !found.awaitsLink()) {
        throw rows.taken();
      }
      StoredUser user = rows.lockRow(holder.get());
      if (user != null && user.awaitsLink()) {
        return Optional.of(user);
      }
      throw rows.taken();
    }
    if (!awaitingLinks) {
      return Optional.empty();
    }
    List<Long> byEmail = accounts.unlinkedWithEmail(tenantId, emailKeys(state.document()));
    if (byEmail.size() != 1) {
      return Optional.empty(); // none, or several accounts share it: nothing to choose by
    }
    StoredUser user = rows.lockRow(byEmail.get(0));
    return user != null && user.awaitsLink() ? Optional.of(user) : Optional.empty();
  }

  private static Set<String> emailKeys(JsonObject document) {
    Set<String> keys = new TreeSet<>();
    if (document.get("emails") instanceof JsonArray emails) {
      for (var email : emails) {
        if (email instanceof JsonObject e && e.get("value") instanceof JsonString value) {
          keys.add(value.getString().toLowerCase(Locale.ROOT));
        }
      }
    }
    return keys;
  }

  /**
   * The identity provider has found or is writing an imported account: it is linked, once, with a
   * {@code user.linked} event that shows the account as it was.
   */
  private void link(StoredUser user, UserDocuments.State state, String how) {
    LocalDateTime now = Timestamps.now();
    if (accounts.link(tenantId, user.productAccountId(), now)) {
      events.userLinked(DirectoryUser.of(user.scimId(), state), user.productAccountId(), how);
    }
    user.linked(now);
  }

  private StoredUser change(
      StoredUser user, UserDocuments.State before, JsonObject next, String request) {
    if (user.awaitsLink()) {
      link(user, before, "update");
    }
    UserDocuments.State after = UserDocuments.state(next);
    subject.named(userName(after));
    subject.did(LogActions.ofUserChange(isActive(before), isActive(after)));
    if (after.equals(before)) {
      events.append(); // a link, if this was the first write
      return user; // nothing changed: same version, same ETag
    }
    String userNameKey = after.userNameKey();
    if (!userNameKey.equals(user.userNameKey())) {
      rows.requireFree(userNameKey, user.id());
    }
    setState(user, after);
    user.touch(Timestamps.now());
    reindex(
        user,
        UserIndex.entriesOf(type, before.document()),
        UserIndex.entriesOf(type, after.document()));
    rows.flush();
    DirectoryUser was = DirectoryUser.seenByProduct(user, before);
    DirectoryUser now = DirectoryUser.of(user.scimId(), after);
    Set<String> changed = DirectoryUser.changedAttributes(before, after);
    if (user.hold() != null) {
      if (now.active()) {
        hold.reactivated(user); // the identity provider took the deactivation back
      }
      // held or kept: the product goes on seeing the user active
      events.userChanged(was, now.active(true), changed);
    } else if (was.active() && !now.active()) {
      boolean held =
          hold.deprovision(
              user,
              DeprovisioningRows.DEACTIVATE,
              request,
              was,
              () -> events.userChanged(was, now, changed));
      if (held) {
        user.setHold(HELD);
      }
    } else {
      events.userChanged(was, now, changed);
    }
    events.append();
    return user;
  }

  private void reindex(StoredUser user, Map<Slot, String> before, Map<Slot, String> after) {
    long changes =
        before.keySet().stream().filter(slot -> !after.containsKey(slot)).count()
            + after.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey())))
                .count();
    if (changes > INCREMENTAL_INDEX_LIMIT) {
      index.deleteAll(user.id());
      after.forEach((slot, key) -> insert(user, slot, key));
      return;
    }
    for (Slot slot : before.keySet()) {
      if (!after.containsKey(slot)) {
        index.delete(user.id(), slot.path(), slot.element());
      }
    }
    for (Map.Entry<Slot, String> entry : after.entrySet()) {
      String old = before.get(entry.getKey());
      if (old == null) {
        insert(user, entry.getKey(), entry.getValue());
      } else if (!old.equals(entry.getValue())) {
        index.update(user.id(), entry.getKey().path(), entry.getKey().element(), entry.getValue());
      }
    }
  }

  private void insert(StoredUser user, Slot slot, String key) {
    index.insert(user.id(), user.tenantId(), slot.path(), slot.element(), key);
  }

  private static void setState(StoredUser user, UserDocuments.State state) {
    user.setState(
        state.document().toString(),
        state.userNameKey(),
        state.externalId(),
        state.displayNameKey(),
        state.active());
    user.rememberParsed(state.document());
  }
}
