package dev.roster.admin.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.groups.control.GroupPage;
import dev.roster.groups.control.GroupStore;
import dev.roster.groups.entity.Membership;
import dev.roster.groups.entity.StoredGroup;
import dev.roster.provisioning.entity.ProvisioningRecord;
import dev.roster.scim.JsonBodies;
import dev.roster.scim.SchemaUris;
import dev.roster.scim.filter.FilterLimits;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.storage.Memberships;
import dev.roster.users.control.UserDocuments;
import dev.roster.users.control.UserPage;
import dev.roster.users.control.UserStore;
import dev.roster.users.entity.StoredUser;
import jakarta.ejb.Stateless;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the console's directory pages show of a tenant's users and groups (departments). The pages
 * run outside SCIM requests, so the tenant is always passed in, never taken from {@code
 * CurrentTenant}. Every list is paged in the database: searching users is a SCIM filter through
 * {@link UserStore}, so it finds what {@code GET /Users?filter=} would; member counts are one
 * grouped query per page of groups; a group's members come in keyset pages of its membership rows.
 */
@Stateless
public class Directory {

  /** Rows per page of users, groups and members. */
  public static final int PAGE_SIZE = 50;

  /** How many of a user's latest log records its page shows. */
  public static final int LOG_ENTRIES = 20;

  /**
   * Longest search text taken, in characters (code points); longer text is cut. The search is a
   * filter of {@code co} terms, so it takes what such a term may hold.
   */
  static final int MAX_SEARCH_LENGTH = FilterLimits.MAX_SUBSTRING_LENGTH;

  /** Which users a list shows. */
  public enum Activity {
    ALL,
    /** Active users, and those without {@code active}, as the dashboard counts them. */
    ACTIVE,
    INACTIVE;

    /** From a URL parameter: {@code true}, {@code false}, or anything else for all. */
    public static Activity of(String parameter) {
      if ("true".equalsIgnoreCase(parameter)) {
        return ACTIVE;
      }
      if ("false".equalsIgnoreCase(parameter)) {
        return INACTIVE;
      }
      return ALL;
    }
  }

  /**
   * The attributes of a user that a product cares about, read from its SCIM document.
   *
   * @param name {@code name.formatted}, or given and family name, or {@code displayName}, or null
   * @param email the work email, else the primary one, else the first, else {@code userName}
   * @param emailIsUserName whether {@code email} is the {@code userName} for want of an email
   * @param department the enterprise extension's {@code department}, or null
   * @param active false only when {@code active} is false
   */
  public record Profile(
      String name,
      String email,
      boolean emailIsUserName,
      String department,
      String title,
      boolean active) {

    public static Profile of(JsonObject document) {
      String userName = text(document, "userName");
      String email = email(document);
      JsonObject enterprise =
          document.get(SchemaUris.ENTERPRISE_USER) instanceof JsonObject o ? o : null;
      return new Profile(
          name(document),
          email == null ? userName : email,
          email == null,
          enterprise == null ? null : text(enterprise, "department"),
          text(document, "title"),
          document.get("active") != JsonValue.FALSE);
    }

    private static String name(JsonObject document) {
      if (document.get("name") instanceof JsonObject name) {
        String formatted = text(name, "formatted");
        if (formatted != null) {
          return formatted;
        }
        String joined =
            String.join(
                    " ",
                    Optional.ofNullable(text(name, "givenName")).orElse(""),
                    Optional.ofNullable(text(name, "familyName")).orElse(""))
                .strip();
        if (!joined.isEmpty()) {
          return joined;
        }
      }
      return text(document, "displayName");
    }

    /** As the products built on Roster choose: work, else primary, else first. */
    private static String email(JsonObject document) {
      if (!(document.get("emails") instanceof JsonArray emails)) {
        return null;
      }
      String primary = null;
      String first = null;
      for (JsonValue element : emails) {
        if (!(element instanceof JsonObject email) || text(email, "value") == null) {
          continue;
        }
        String value = text(email, "value");
        if ("work".equalsIgnoreCase(text(email, "type"))) {
          return value;
        }
        if (primary == null && email.get("primary") == JsonValue.TRUE) {
          primary = value;
        }
        if (first == null) {
          first = value;
        }
      }
      return primary != null ? primary : first;
    }

    private static String text(JsonObject object, String name) {
      return object.get(name) instanceof JsonString s && !s.getString().isBlank()
          ? s.getString()
          : null;
    }
  }

  /** A user in a list. */
  public record UserRow(String id, String userName, Profile profile) {}

  /**
   * One page of users.
   *
   * @param startIndex 1-based index of the first row
   */
  public record UserList(long total, int startIndex, List<UserRow> users) {

    public boolean hasPrevious() {
      return startIndex > 1;
    }

    public boolean hasNext() {
      return startIndex - 1 + users.size() < total;
    }

    public int last() {
      return startIndex - 1 + users.size();
    }
  }

  /** A group in a list, with how many direct members it has. */
  public record GroupRow(String id, String displayName, String externalId, long members) {}

  /** One page of groups. */
  public record GroupList(long total, int startIndex, List<GroupRow> groups) {

    public boolean hasPrevious() {
      return startIndex > 1;
    }

    public boolean hasNext() {
      return startIndex - 1 + groups.size() < total;
    }

    public int last() {
      return startIndex - 1 + groups.size();
    }
  }

  /**
   * One user as its page shows it.
   *
   * @param groups its groups, direct and indirect
   * @param json its SCIM representation, pretty-printed
   * @param log its latest provisioning-log records, newest first
   */
  public record UserDetail(
      String id,
      String userName,
      String externalId,
      Instant created,
      Instant lastModified,
      Profile profile,
      List<Memberships.GroupRef> groups,
      String json,
      List<ProvisioningRecord> log) {}

  /**
   * A member of a group.
   *
   * @param row the membership row's id: the keyset of member pages
   * @param type {@code User} or {@code Group}
   * @param display the {@code display} the client sent, or null
   * @param name the member user's {@code userName} or the member group's {@code displayName}, or
   *     null when the member no longer exists
   */
  public record Member(long row, String value, String type, String display, String name) {

    public boolean user() {
      return "User".equals(type);
    }
  }

  /**
   * One group with one page of its members, in the order they were added.
   *
   * @param after the row after which this page starts (0 for the first page)
   * @param previousAfter where the previous page starts, or null on the first page
   * @param nextAfter where the next page starts, or null on the last page
   */
  public record GroupDetail(
      String id,
      String displayName,
      String externalId,
      Instant created,
      Instant lastModified,
      long memberCount,
      long after,
      List<Member> members,
      Long previousAfter,
      Long nextAfter) {}

  @PersistenceContext EntityManager em;

  /** A page of the tenant's users that match the text, by {@code userName}. */
  public UserList users(String tenantId, String text, Activity activity, int startIndex) {
    ListQuery query =
        ListQuery.of(
            ResourceType.USER,
            PAGE_SIZE,
            userFilter(text, activity),
            "userName",
            "ascending",
            String.valueOf(Math.max(1, startIndex)),
            String.valueOf(PAGE_SIZE),
            null,
            null);
    UserPage page = new UserStore(em, tenantId).search(query);
    List<UserRow> rows = new ArrayList<>();
    for (StoredUser user : page.users()) {
      JsonObject document = document(user);
      rows.add(new UserRow(user.scimId(), text(document, "userName"), Profile.of(document)));
    }
    return new UserList(page.totalResults(), query.startIndex(), rows);
  }

  /** A page of the tenant's groups whose name contains the text, by name, with member counts. */
  public GroupList groups(String tenantId, String text, int startIndex) {
    String search = searchText(text);
    ListQuery query =
        ListQuery.of(
            ResourceType.GROUP,
            PAGE_SIZE,
            search == null ? null : "displayName co " + literal(search),
            "displayName",
            "ascending",
            String.valueOf(Math.max(1, startIndex)),
            String.valueOf(PAGE_SIZE),
            null,
            null);
    GroupPage page = new GroupStore(em, tenantId).search(query);
    Map<Long, Long> counts = new HashMap<>();
    List<Long> ids = page.groups().stream().map(StoredGroup::id).toList();
    if (!ids.isEmpty()) {
      for (Object[] row :
          em.createQuery(
                  "SELECT m.groupId, COUNT(m) FROM Membership m WHERE m.groupId IN ?1"
                      + " GROUP BY m.groupId",
                  Object[].class)
              .setParameter(1, ids)
              .getResultList()) {
        counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
      }
    }
    List<GroupRow> rows =
        page.groups().stream()
            .map(
                g ->
                    new GroupRow(
                        g.scimId(),
                        g.displayName(),
                        g.externalId(),
                        counts.getOrDefault(g.id(), 0L)))
            .toList();
    return new GroupList(page.totalResults(), query.startIndex(), rows);
  }

  /**
   * One user of the tenant, or empty for an id that is not one.
   *
   * @param scimBaseUrl the SCIM base URL, for {@code meta.location} and the groups' {@code $ref}
   */
  public Optional<UserDetail> user(String tenantId, String id, String scimBaseUrl) {
    if (tenantId == null || id == null) {
      return Optional.empty();
    }
    Optional<StoredUser> found = new UserStore(em, tenantId).lookup(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredUser user = found.get();
    List<Memberships.GroupRef> groups =
        new Memberships(em).groupsOf(List.of(user.scimId())).getOrDefault(user.scimId(), List.of());
    JsonObject document = document(user);
    return Optional.of(
        new UserDetail(
            user.scimId(),
            text(document, "userName"),
            user.externalId(),
            instant(user.created()),
            instant(user.lastModified()),
            Profile.of(document),
            groups,
            pretty(UserDocuments.representation(user, scimBaseUrl, groups)),
            log(tenantId, user.scimId())));
  }

  /**
   * The latest log records about one user: those whose resource is the user (its create, reads,
   * changes and deletion). Changes of groups that name the user in their body are found by the
   * log's text search, which the user's page links to.
   */
  private List<ProvisioningRecord> log(String tenantId, String userId) {
    return em.createQuery(
            "SELECT r FROM ProvisioningRecord r WHERE r.tenantId = ?1 AND r.resourceType = 'User'"
                + " AND r.resourceId = ?2"
                + " ORDER BY r.tenantId, r.resourceId, r.time DESC, r.id DESC",
            ProvisioningRecord.class)
        .setParameter(1, tenantId)
        .setParameter(2, userId)
        .setMaxResults(LOG_ENTRIES)
        .getResultList();
  }

  /**
   * One group of the tenant with the page of members after the membership row {@code after}, or
   * empty for an id that is not one.
   */
  public Optional<GroupDetail> group(String tenantId, String id, long after) {
    if (tenantId == null || id == null) {
      return Optional.empty();
    }
    Optional<StoredGroup> found = new GroupStore(em, tenantId).lookup(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredGroup group = found.get();
    long start = Math.max(0, after);
    long count =
        em.createQuery("SELECT COUNT(m) FROM Membership m WHERE m.groupId = ?1", Long.class)
            .setParameter(1, group.id())
            .getSingleResult();
    List<Membership> rows = new Memberships(em).page(group.id(), start, PAGE_SIZE + 1);
    Long nextAfter = null;
    if (rows.size() > PAGE_SIZE) {
      rows = rows.subList(0, PAGE_SIZE);
      nextAfter = rows.get(PAGE_SIZE - 1).id();
    }
    return Optional.of(
        new GroupDetail(
            group.scimId(),
            group.displayName(),
            group.externalId(),
            instant(group.created()),
            instant(group.lastModified()),
            count,
            start,
            members(tenantId, rows),
            start == 0 ? null : previousAfter(group.id(), start),
            nextAfter));
  }

  /**
   * Where the page before the one starting after {@code after} starts: read backwards through the
   * (group, id) index, ids only.
   */
  private long previousAfter(long groupId, long after) {
    List<Long> before =
        em.createQuery(
                "SELECT m.id FROM Membership m WHERE m.groupId = ?1 AND m.id <= ?2"
                    + " ORDER BY m.id DESC",
                Long.class)
            .setParameter(1, groupId)
            .setParameter(2, after)
            .setMaxResults(PAGE_SIZE + 1)
            .getResultList();
    return before.size() > PAGE_SIZE ? before.get(PAGE_SIZE) : 0;
  }

  /** The page's members with their names: one query for the users, one for the groups. */
  private List<Member> members(String tenantId, List<Membership> rows) {
    List<String> userIds = new ArrayList<>();
    List<String> groupIds = new ArrayList<>();
    for (Membership m : rows) {
      ("User".equals(m.memberType()) ? userIds : groupIds).add(m.memberId());
    }
    Map<String, String> names = new HashMap<>();
    if (!userIds.isEmpty()) {
      for (StoredUser user :
          em.createQuery(
                  "SELECT u FROM StoredUser u WHERE u.tenantId = ?1 AND u.scimId IN ?2",
                  StoredUser.class)
              .setParameter(1, tenantId)
              .setParameter(2, userIds)
              .getResultList()) {
        names.put(user.scimId(), text(document(user), "userName"));
      }
    }
    if (!groupIds.isEmpty()) {
      for (Object[] row :
          em.createQuery(
                  "SELECT g.scimId, g.displayName FROM StoredGroup g"
                      + " WHERE g.tenantId = ?1 AND g.scimId IN ?2",
                  Object[].class)
              .setParameter(1, tenantId)
              .setParameter(2, groupIds)
              .getResultList()) {
        names.put((String) row[0], (String) row[1]);
      }
    }
    return rows.stream()
        .map(
            m ->
                new Member(
                    m.id(), m.memberId(), m.memberType(), m.display(), names.get(m.memberId())))
        .toList();
  }

  /**
   * The SCIM filter of a user search: the text in {@code userName}, {@code displayName}, the name
   * or an email address, and the activity; null for all users.
   */
  static String userFilter(String text, Activity activity) {
    List<String> terms = new ArrayList<>();
    String search = searchText(text);
    if (search != null) {
      String value = literal(search);
      terms.add(
          "(userName co "
              + value
              + " or displayName co "
              + value
              + " or emails.value co "
              + value
              + " or name.formatted co "
              + value
              + " or name.givenName co "
              + value
              + " or name.familyName co "
              + value
              + ")");
    }
    switch (activity) {
      case ACTIVE -> terms.add("active ne false");
      case INACTIVE -> terms.add("active eq false");
      default -> {}
    }
    return terms.isEmpty() ? null : String.join(" and ", terms);
  }

  private static String searchText(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String stripped = text.strip();
    return stripped.codePointCount(0, stripped.length()) > MAX_SEARCH_LENGTH
        ? stripped.substring(0, stripped.offsetByCodePoints(0, MAX_SEARCH_LENGTH))
        : stripped;
  }

  /** A SCIM filter string literal: a JSON string (RFC 7644 §3.4.2.2). */
  static String literal(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static JsonObject document(StoredUser user) {
    return (JsonObject) JsonBodies.parseValue(new StringReader(user.document()));
  }

  private static String text(JsonObject object, String name) {
    return object.get(name) instanceof JsonString s ? s.getString() : null;
  }

  private static String pretty(JsonObject json) {
    StringWriter out = new StringWriter();
    try (JsonWriter writer =
        JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
      writer.writeObject(json);
    }
    return out.toString().strip();
  }

  private static Instant instant(LocalDateTime time) {
    return time == null ? null : time.toInstant(ZoneOffset.UTC);
  }
}
