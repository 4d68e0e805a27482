package dev.roster.groups.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.groups.control.GroupPage;
import dev.roster.groups.control.GroupStore;
import dev.roster.groups.entity.Membership;
import dev.roster.groups.entity.StoredGroup;
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
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The groups as the admin console reads them, outside any SCIM request: every method takes the
 * tenant, and every answer is a read-only view, never the stored entity. A search goes through
 * {@link GroupStore}'s filter translation, so it finds what {@code GET /Groups?filter=} would;
 * member counts are one grouped query per page of groups; a group's members come in keyset pages of
 * its membership rows.
 */
@Stateless
public class GroupDirectory {

  /**
   * Longest search text taken, in characters (code points); longer text is cut. The search is a
   * {@code co} term, so it takes what such a term may hold.
   */
  public static final int MAX_SEARCH_LENGTH = FilterLimits.MAX_SUBSTRING_LENGTH;

  /** A group as stored. */
  public record GroupView(
      String id, String displayName, String externalId, Instant created, Instant lastModified) {}

  /** A group in a list, with how many direct members it has. */
  public record GroupSummary(String id, String displayName, String externalId, long members) {}

  /**
   * One page of a search.
   *
   * @param startIndex the 1-based index of the first group on it
   */
  public record GroupListing(long total, int startIndex, List<GroupSummary> groups) {}

  /**
   * A direct member of a group.
   *
   * @param row the membership row's id: the key of member pages
   * @param value the member's SCIM id
   * @param type {@code User} or {@code Group}
   * @param display the {@code display} the client sent, or null
   */
  public record Member(long row, String value, String type, String display) {}

  /**
   * One group with one page of its direct members, in the order they were added.
   *
   * @param memberCount how many direct members it has in all
   * @param after the row after which this page starts (0 for the first page)
   * @param previousAfter where the previous page starts, or null on the first page
   * @param nextAfter where the next page starts, or null on the last page
   */
  public record MemberPage(
      GroupView group,
      long memberCount,
      long after,
      List<Member> members,
      Long previousAfter,
      Long nextAfter) {}

  @PersistenceContext EntityManager em;

  /**
   * A page of the tenant's groups whose {@code displayName} contains the text (ignoring case), by
   * name, with their member counts.
   *
   * @param text the search; null or blank for all groups
   * @param startIndex 1-based; below 1 is 1
   */
  public GroupListing search(String tenantId, String text, int startIndex, int count) {
    String search = ConsoleDirectoryQueries.searchText(text, MAX_SEARCH_LENGTH);
    ListQuery query =
        new ListQuery(
            search == null
                ? null
                : new Filter.Comparison(
                    AttributePath.of("displayName"), Operator.CO, JSON.createValue(search)),
            ResourceType.GROUP.resolve(AttributePath.of("displayName")).orElseThrow(),
            false,
            Math.max(1, startIndex),
            count,
            AttributeSelection.DEFAULT);
    GroupPage page = new GroupStore(em, tenantId).search(query, null);
    Map<Long, Long> counts =
        new ConsoleDirectoryQueries(em)
            .memberCounts(page.groups().stream().map(StoredGroup::id).toList());
    List<GroupSummary> groups =
        page.groups().stream()
            .map(
                g ->
                    new GroupSummary(
                        g.scimId(),
                        g.displayName(),
                        g.externalId(),
                        counts.getOrDefault(g.id(), 0L)))
            .toList();
    return new GroupListing(page.totalResults(), query.startIndex(), groups);
  }

  /**
   * The id of the tenant's group with that displayName (ignoring case), if any: for the log's
   * "conflicts with" link. One indexed lookup.
   */
  public Optional<String> idOfDisplayName(String tenantId, String displayName) {
    if (tenantId == null || displayName == null) {
      return Optional.empty();
    }
    ListQuery query = ListQuery.firstWhere("displayName", displayName);
    return new GroupStore(em, tenantId)
        .search(query, null).groups().stream().findFirst().map(StoredGroup::scimId);
  }

  /**
   * One group of the tenant with the page of up to {@code pageSize} members after the membership
   * row {@code after}, or empty for an id that is not one.
   */
  public Optional<MemberPage> group(String tenantId, String id, long after, int pageSize) {
    if (tenantId == null || id == null) {
      return Optional.empty();
    }
    Optional<StoredGroup> found = ResourceRows.groups(em, tenantId).find(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredGroup group = found.get();
    ConsoleDirectoryQueries queries = new ConsoleDirectoryQueries(em);
    long start = Math.max(0, after);
    List<Membership> rows = new Memberships(em).page(group.id(), start, pageSize + 1);
    Long nextAfter = null;
    if (rows.size() > pageSize) {
      rows = rows.subList(0, pageSize);
      nextAfter = rows.get(pageSize - 1).id();
    }
    return Optional.of(
        new MemberPage(
            new GroupView(
                group.scimId(),
                group.displayName(),
                group.externalId(),
                Timestamps.instant(group.created()),
                Timestamps.instant(group.lastModified())),
            queries.memberCount(group.id()),
            start,
            rows.stream()
                .map(m -> new Member(m.id(), m.memberId(), m.memberType(), m.display()))
                .toList(),
            start == 0 ? null : queries.previousPageStart(group.id(), start, pageSize),
            nextAfter));
  }

  /** The {@code displayName} of each of the tenant's groups with one of these ids, by id. */
  public Map<String, String> displayNames(String tenantId, Collection<String> ids) {
    return new ConsoleDirectoryQueries(em).groupNames(tenantId, ids);
  }

  /** Whether the tenant has a group with that id. */
  public boolean exists(String tenantId, String id) {
    return tenantId != null && id != null && ResourceRows.groups(em, tenantId).exists(id);
  }

  /** How many groups every tenant has, by tenant id; tenants without groups are absent. */
  public Map<String, Long> countsByTenant() {
    return new ConsoleDirectoryQueries(em).groupCountsByTenant();
  }
}
