package dev.roster.users.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.filter.FilterLimits;
import dev.roster.scim.filter.Operator;
import dev.roster.scim.query.AttributeSelection;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.storage.ConsoleDirectoryQueries;
import dev.roster.storage.Memberships;
import dev.roster.storage.ResourceRows;
import dev.roster.storage.Timestamps;
import dev.roster.users.control.UserDocuments;
import dev.roster.users.control.UserPage;
import dev.roster.users.control.UserStore;
import dev.roster.users.entity.StoredUser;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users as the admin console reads them, outside any SCIM request: every method takes the
 * tenant, and every answer is a read-only view, never the stored entity. A search goes through
 * {@link UserStore}'s filter translation, so it finds what {@code GET /Users?filter=} would.
 */
@Stateless
public class UserDirectory {

  /**
   * Longest search text taken, in characters (code points); longer text is cut. The search is a
   * filter of {@code co} terms, so it takes what such a term may hold.
   */
  public static final int MAX_SEARCH_LENGTH = FilterLimits.MAX_SUBSTRING_LENGTH;

  /** The attributes a search looks in, each for the text as a substring. */
  private static final List<AttributePath> SEARCHED =
      List.of(
          AttributePath.of("userName"),
          AttributePath.of("displayName"),
          AttributePath.of("emails", "value"),
          AttributePath.of("name", "formatted"),
          AttributePath.of("name", "givenName"),
          AttributePath.of("name", "familyName"));

  /** Active users, and those without {@code active}: {@code active ne false}. */
  private static final Filter ACTIVE_USERS =
      new Filter.Comparison(AttributePath.of("active"), Operator.NE, JsonValue.FALSE);

  private static final Filter INACTIVE_USERS =
      new Filter.Comparison(AttributePath.of("active"), Operator.EQ, JsonValue.FALSE);

  /** Which users a search finds. */
  public enum Activity {
    ALL,
    /** Active users, and those without {@code active}, as the dashboard counts them. */
    ACTIVE,
    INACTIVE
  }

  /**
   * A user as stored.
   *
   * @param userName as the client wrote it
   * @param document the stored attributes (no {@code id}, {@code meta} or {@code groups})
   */
  public record UserView(
      String id,
      String userName,
      String externalId,
      Instant created,
      Instant lastModified,
      JsonObject document) {}

  /**
   * One page of a search.
   *
   * @param startIndex the 1-based index of the first user on it
   */
  public record UserListing(long total, int startIndex, List<UserView> users) {}

  /**
   * A group a user is in.
   *
   * @param type {@code direct}, or {@code indirect} through nested groups
   */
  public record GroupMembership(String id, String displayName, String type) {}

  /**
   * One user with its groups.
   *
   * @param groups its groups, direct and indirect
   * @param representation what {@code GET /Users/{id}} returns
   */
  public record UserDetail(
      UserView user, List<GroupMembership> groups, JsonObject representation) {}

  /**
   * A tenant's users by activity.
   *
   * @param active users whose {@code active} is true or missing
   * @param inactive users whose {@code active} is false
   */
  public record ActivityCounts(long active, long inactive) {

    public static final ActivityCounts NONE = new ActivityCounts(0, 0);
  }

  @PersistenceContext EntityManager em;

  /**
   * A page of the tenant's users whose {@code userName}, {@code displayName}, name or an email
   * address contains the text (ignoring case), by {@code userName}.
   *
   * @param text the search; null or blank for all users
   * @param startIndex 1-based; below 1 is 1
   */
  public UserListing search(
      String tenantId, String text, Activity activity, int startIndex, int count) {
    ListQuery query =
        new ListQuery(
            filter(text, activity),
            ResourceType.USER.resolve(AttributePath.of("userName")).orElseThrow(),
            false,
            Math.max(1, startIndex),
            count,
            AttributeSelection.DEFAULT);
    UserPage page = new UserStore(em, tenantId).search(query, null);
    return new UserListing(
        page.totalResults(),
        query.startIndex(),
        page.users().stream().map(UserDirectory::view).toList());
  }

  /**
   * One user of the tenant with its groups, or empty for an id that is not one.
   *
   * @param scimBaseUrl the SCIM base URL, for {@code meta.location} and the groups' {@code $ref}
   */
  public Optional<UserDetail> user(String tenantId, String id, String scimBaseUrl) {
    if (tenantId == null || id == null) {
      return Optional.empty();
    }
    return ResourceRows.users(em, tenantId)
        .find(id)
        .map(
            user -> {
              List<Memberships.GroupRef> groups =
                  new Memberships(em)
                      .groupsOf(List.of(user.scimId()))
                      .getOrDefault(user.scimId(), List.of());
              return new UserDetail(
                  view(user),
                  groups.stream()
                      .map(g -> new GroupMembership(g.id(), g.displayName(), g.type()))
                      .toList(),
                  UserDocuments.representation(user, scimBaseUrl, groups));
            });
  }

  /**
   * The tenant's users with one of these ids, by id, in one query on the {@code SCIM_ID} index; ids
   * of no user of the tenant are absent. The ids come from one page of the console (a page of a
   * group's members, a user's manager), so the list stays short.
   */
  public Map<String, UserView> users(String tenantId, Collection<String> ids) {
    Map<String, UserView> found = new HashMap<>();
    for (StoredUser user : new ConsoleDirectoryQueries(em).users(tenantId, ids)) {
      found.put(user.scimId(), view(user));
    }
    return found;
  }

  /**
   * The id of the tenant's user with that userName (compared ignoring case, as SCIM does), if any:
   * for the log's "conflicts with" link. One indexed lookup.
   */
  public Optional<String> idOfUserName(String tenantId, String userName) {
    if (tenantId == null || userName == null) {
      return Optional.empty();
    }
    ListQuery query = ListQuery.firstWhere("userName", userName);
    return new UserStore(em, tenantId)
        .search(query, null).users().stream().findFirst().map(StoredUser::scimId);
  }

  /** Whether the tenant has a user with that id. */
  public boolean exists(String tenantId, String id) {
    return tenantId != null && id != null && ResourceRows.users(em, tenantId).exists(id);
  }

  /** Every tenant's users by activity, by tenant id; tenants without users are absent. */
  public Map<String, ActivityCounts> countsByTenant() {
    Map<String, long[]> counts = new HashMap<>();
    for (ConsoleDirectoryQueries.UserCount row :
        new ConsoleDirectoryQueries(em).userCountsByTenantAndActive()) {
      long[] tenant = counts.computeIfAbsent(row.tenantId(), k -> new long[2]);
      tenant[Boolean.FALSE.equals(row.active()) ? 1 : 0] += row.users();
    }
    Map<String, ActivityCounts> result = new HashMap<>();
    counts.forEach((tenant, c) -> result.put(tenant, new ActivityCounts(c[0], c[1])));
    return result;
  }

  /** The filter of a search: the text in any searched attribute, and the activity; or null. */
  static Filter filter(String text, Activity activity) {
    Filter filter = null;
    String search = ConsoleDirectoryQueries.searchText(text, MAX_SEARCH_LENGTH);
    if (search != null) {
      JsonString value = JSON.createValue(search);
      for (AttributePath path : SEARCHED) {
        Filter term = new Filter.Comparison(path, Operator.CO, value);
        filter = filter == null ? term : new Filter.Or(filter, term);
      }
    }
    Filter active =
        switch (activity) {
          case ACTIVE -> ACTIVE_USERS;
          case INACTIVE -> INACTIVE_USERS;
          case ALL -> null;
        };
    if (active == null) {
      return filter;
    }
    return filter == null ? active : new Filter.And(filter, active);
  }

  private static UserView view(StoredUser user) {
    JsonObject document = UserDocuments.state(user).document();
    return new UserView(
        user.scimId(),
        document.get("userName") instanceof JsonString s ? s.getString() : null,
        user.externalId(),
        Timestamps.instant(user.created()),
        Timestamps.instant(user.lastModified()),
        document);
  }
}
