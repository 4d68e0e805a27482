package dev.roster.users.control;

import dev.roster.events.boundary.ChangeEvents;
import dev.roster.scim.patch.PatchEngine;
import dev.roster.scim.patch.PatchOperation;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.ResourceValidator;
import dev.roster.storage.IndexedValues;
import dev.roster.storage.PageAnchors;
import dev.roster.storage.ResourceRows;
import dev.roster.storage.Timestamps;
import dev.roster.users.boundary.DirectoryUser;
import dev.roster.users.control.UserIndex.Slot;
import dev.roster.users.entity.StoredUser;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The users of one tenant in one persistence context: every read and write of {@code /Users},
 * without transactions or injection, so that it runs in the container (through {@code Users}) and
 * against a plain H2 in tests alike.
 *
 * <p>Writes to one user are serialised by a row lock ({@code SELECT … FOR UPDATE}), so concurrent
 * PATCHes apply one after the other and lose nothing. {@code userName} uniqueness is checked first
 * and then enforced by the unique index at {@code flush()}, inside the transaction, so that a race
 * ends in 409, not in a failed commit.
 */
public class UserStore {

  private static final ResourceValidator VALIDATOR = new ResourceValidator(ResourceType.USER);
  private static final PatchEngine PATCH = new PatchEngine(ResourceType.USER);

  /** Above this many changed index entries, a write replaces them all in one batch. */
  private static final int INCREMENTAL_INDEX_LIMIT = 8;

  private final EntityManager em;
  private final String tenantId;
  private final ResourceRows<StoredUser> rows;
  private final IndexedValues index;
  private final ChangeEvents events;

  public UserStore(EntityManager em, String tenantId) {
    this.em = em;
    this.tenantId = tenantId;
    this.rows = ResourceRows.users(em, tenantId);
    this.index = new IndexedValues(em);
    this.events = new ChangeEvents(em, tenantId);
  }

  public StoredUser create(JsonObject body) {
    UserDocuments.State state = UserDocuments.state(VALIDATOR.validate(body));
    rows.requireFree(state.userNameKey(), null);
    StoredUser user = new StoredUser(UUID.randomUUID().toString(), tenantId, Timestamps.now());
    setState(user, state);
    em.persist(user);
    UserIndex.entriesOf(state.document()).forEach((slot, key) -> insert(user, slot, key));
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
    StoredUser user = rows.lockForWrite(id, ifMatch);
    return change(user, UserDocuments.state(user), VALIDATOR.validate(body));
  }

  /** PATCH: the operations apply in order to the current state, all or none. */
  public StoredUser patch(String id, JsonObject body, String ifMatch) {
    List<PatchOperation> operations = PatchOperation.listOf(body);
    StoredUser user = rows.lockForWrite(id, ifMatch);
    UserDocuments.State current = UserDocuments.state(user);
    return change(user, current, PATCH.apply(current.canonical(), operations));
  }

  public void delete(String id, String ifMatch) {
    StoredUser user = rows.lockForWrite(id, ifMatch);
    DirectoryUser gone = DirectoryUser.of(user.scimId(), UserDocuments.state(user));
    index.deleteAll(user.id());
    rows.delete(user);
    events.userDeleted(gone);
    events.append();
  }

  /**
   * One page of the users that match, in the query's order, with the exact total; with {@link
   * PageAnchors} (or {@code null}) for walks through the whole list.
   */
  public UserPage search(ListQuery query, PageAnchors anchors) {
    ResourceRows.Page<StoredUser> page = rows.search(query, anchors);
    return new UserPage(page.total(), page.rows());
  }

  private StoredUser change(StoredUser user, UserDocuments.State before, JsonObject next) {
    UserDocuments.State after = UserDocuments.state(next);
    if (after.equals(before)) {
      return user; // nothing changed: same version, same ETag
    }
    String userNameKey = after.userNameKey();
    if (!userNameKey.equals(user.userNameKey())) {
      rows.requireFree(userNameKey, user.id());
    }
    setState(user, after);
    user.touch(Timestamps.now());
    reindex(user, UserIndex.entriesOf(before.document()), UserIndex.entriesOf(after.document()));
    rows.flush();
    events.userChanged(
        DirectoryUser.of(user.scimId(), before),
        DirectoryUser.of(user.scimId(), after),
        DirectoryUser.changedAttributes(before, after));
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
