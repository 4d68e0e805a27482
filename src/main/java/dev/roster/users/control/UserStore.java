package dev.roster.users.control;

import dev.roster.scim.ETags;
import dev.roster.scim.ScimException;
import dev.roster.scim.patch.PatchEngine;
import dev.roster.scim.patch.PatchOperation;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.ResourceValidator;
import dev.roster.storage.IndexedValues;
import dev.roster.storage.Memberships;
import dev.roster.storage.PageAnchors;
import dev.roster.storage.ResourceRows;
import dev.roster.storage.ResourceTable;
import dev.roster.storage.Timestamps;
import dev.roster.users.control.UserIndex.Slot;
import dev.roster.users.entity.StoredUser;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  public UserStore(EntityManager em, String tenantId) {
    this.em = em;
    this.tenantId = tenantId;
    this.rows = ResourceRows.users(em, tenantId);
    this.index = new IndexedValues(em);
  }

  public StoredUser create(JsonObject body) {
    UserDocuments.State state = UserDocuments.state(VALIDATOR.validate(body));
    requireFreeUserName(state.userNameKey(), null);
    StoredUser user = new StoredUser(UUID.randomUUID().toString(), tenantId, Timestamps.now());
    setState(user, state);
    em.persist(user);
    UserIndex.entriesOf(state.document()).forEach((slot, key) -> insert(user, slot, key));
    flush();
    return user;
  }

  public StoredUser find(String id) {
    return rows.find(id).orElseThrow(() -> notFound(id));
  }

  /** The tenant's user with that id, if there is one. */
  public Optional<StoredUser> lookup(String id) {
    return rows.find(id);
  }

  /** PUT: the body replaces every writable attribute. */
  public StoredUser replace(String id, JsonObject body, String ifMatch) {
    StoredUser user = lock(id, ifMatch);
    return change(user, UserDocuments.state(user), VALIDATOR.validate(body));
  }

  /** PATCH: the operations apply in order to the current state, all or none. */
  public StoredUser patch(String id, JsonObject body, String ifMatch) {
    List<PatchOperation> operations = PatchOperation.listOf(body);
    StoredUser user = lock(id, ifMatch);
    UserDocuments.State current = UserDocuments.state(user);
    return change(user, current, PATCH.apply(current.canonical(), operations));
  }

  public void delete(String id, String ifMatch) {
    StoredUser user = lock(id, ifMatch);
    new Memberships(em).removeEverywhere(user.scimId(), Timestamps.now());
    index.deleteAll(user.id());
    em.remove(user);
  }

  /** One page of the users that match, in the query's order, with the exact total. */
  public UserPage search(ListQuery query) {
    return search(query, null);
  }

  /** The same, with {@link PageAnchors} for walks through the whole tenant. */
  public UserPage search(ListQuery query, PageAnchors anchors) {
    ResourceRows.Page<StoredUser> page = rows.search(query, anchors);
    return new UserPage(page.total(), page.rows());
  }

  /** The scope of a tenant's users in {@link PageAnchors}. */
  public static String anchorScope(String tenantId) {
    return ResourceRows.anchorScope(ResourceTable.USERS, tenantId);
  }

  private StoredUser lock(String id, String ifMatch) {
    StoredUser user = rows.lock(id).orElseThrow(() -> notFound(id));
    if (ifMatch != null && !ETags.matches(ifMatch, user.version())) {
      throw ScimException.preconditionFailed(
          "The user has changed: its version is "
              + ETags.of(user.version())
              + ", not "
              + ifMatch
              + ".");
    }
    return user;
  }

  private StoredUser change(StoredUser user, UserDocuments.State before, JsonObject next) {
    UserDocuments.State after = UserDocuments.state(next);
    if (after.equals(before)) {
      return user; // nothing changed: same version, same ETag
    }
    String userNameKey = after.userNameKey();
    if (!userNameKey.equals(user.userNameKey())) {
      requireFreeUserName(userNameKey, user.id());
    }
    setState(user, after);
    user.touch(Timestamps.now());
    reindex(user, UserIndex.entriesOf(before.document()), UserIndex.entriesOf(after.document()));
    flush();
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
  }

  private void requireFreeUserName(String userNameKey, Long self) {
    if (rows.isTaken(userNameKey, self)) {
      throw userNameTaken();
    }
  }

  /** Writes now, so that a unique-index violation (a concurrent create) becomes a 409 here. */
  private void flush() {
    rows.flush(UserStore::userNameTaken);
  }

  private static ScimException userNameTaken() {
    return ScimException.uniqueness("Another user of this tenant already has this userName.");
  }

  private static ScimException notFound(String id) {
    return ScimException.notFound("There is no user '" + id + "'.");
  }
}
