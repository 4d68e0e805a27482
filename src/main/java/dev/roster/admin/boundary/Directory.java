package dev.roster.admin.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.groups.boundary.GroupDirectory;
import dev.roster.provisioning.boundary.LogRecord;
import dev.roster.provisioning.boundary.ProvisioningLog;
import dev.roster.scim.SchemaUris;
import dev.roster.storage.ConsoleDirectoryQueries;
import dev.roster.users.boundary.DirectoryUser;
import dev.roster.users.boundary.UserDirectory;
import dev.roster.users.boundary.UserDirectory.Activity;
import dev.roster.users.boundary.UserDirectory.GroupMembership;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console's directory pages show of a tenant's users and groups (departments), read
 * through the read-only boundaries of the users, groups and log features ({@link UserDirectory},
 * {@link GroupDirectory}, {@link ProvisioningLog}). The pages run outside SCIM requests, so the
 * tenant is always passed in, never taken from {@code CurrentTenant}. Every list is paged in the
 * database; a search finds what the SCIM filter of the same text would.
 */
@Stateless
public class Directory {

  /** Rows per page of users, groups and members. */
  public static final int PAGE_SIZE = 50;

  /** How many of a user's latest log records its page shows. */
  public static final int LOG_ENTRIES = 20;

  /** Which users a list shows, from a URL parameter: {@code true}, {@code false}, else all. */
  public static Activity activity(String parameter) {
    if ("true".equalsIgnoreCase(parameter)) {
      return Activity.ACTIVE;
    }
    if ("false".equalsIgnoreCase(parameter)) {
      return Activity.INACTIVE;
    }
    return Activity.ALL;
  }

  /** Searches and log links take at most this many characters of a search (code points). */
  public static final int MAX_SEARCH_LENGTH = UserDirectory.MAX_SEARCH_LENGTH;

  /**
   * The text a search of the directory looks for: stripped, cut to {@link #MAX_SEARCH_LENGTH}
   * characters as the search cuts it, or null when blank. A link to the log's text search carries
   * the same text, which the log takes (it refuses longer than 200).
   */
  public static String searchedText(String text) {
    return ConsoleDirectoryQueries.searchText(text, MAX_SEARCH_LENGTH);
  }

  /**
   * The attributes of a user that a product cares about, read from its SCIM document.
   *
   * @param name {@code displayName}, or {@code name.formatted}, or given and family name, or null:
   *     the name a person reads, as the identity provider's own lists show it
   * @param email the work email, else the primary one, else {@code userName} ({@link
   *     DirectoryUser#emailOf})
   * @param emailIsUserName whether {@code email} is the {@code userName} for want of an email
   * @param department the enterprise extension's {@code department}, or null
   * @param active false only when {@code active} is false
   * @param managerId the enterprise extension's {@code manager.value}, or null
   */
  public record Profile(
      String name,
      String email,
      boolean emailIsUserName,
      String department,
      String title,
      boolean active,
      String managerId) {

    public static Profile of(JsonObject document) {
      String userName = text(document, "userName");
      String email = email(document);
      JsonObject enterprise =
          document.get(SchemaUris.ENTERPRISE_USER) instanceof JsonObject o ? o : null;
      JsonObject manager =
          enterprise != null && enterprise.get("manager") instanceof JsonObject m ? m : null;
      return new Profile(
          name(document),
          email == null ? userName : email,
          email == null,
          enterprise == null ? null : text(enterprise, "department"),
          text(document, "title"),
          document.get("active") != JsonValue.FALSE,
          manager == null ? null : text(manager, "value"));
    }

    /** The name, else the {@code userName}: what a list shows as the user. */
    public String nameOr(String userName) {
      return name == null ? userName : name;
    }

    private static String name(JsonObject document) {
      String displayName = text(document, "displayName");
      if (displayName != null) {
        return displayName;
      }
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
      return null;
    }

    /** As the products built on Roster choose: work, else primary, else first. */
    private static String email(JsonObject document) {
      return DirectoryUser.emailOf(document);
    }

    private static String text(JsonObject object, String name) {
      return object.get(name) instanceof JsonString s && !s.getString().isBlank()
          ? s.getString()
          : null;
    }
  }

  /**
   * A user in a list. A list shows each fact once: {@link #label} (the name, else the {@code
   * userName}), the {@code userName} only when the label is not it, the email only when it is not
   * the {@code userName}.
   */
  public record UserRow(String id, String userName, Profile profile) {

    public String label() {
      return profile.nameOr(userName);
    }

    /** Whether the user has a name besides its {@code userName}, shown as well. */
    public boolean named() {
      return profile.name() != null && !profile.name().equals(userName);
    }

    /** The email when it says more than the {@code userName}, else null. */
    public String otherEmail() {
      return profile.emailIsUserName() || profile.email().equalsIgnoreCase(userName)
          ? null
          : profile.email();
    }
  }

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
   * @param manager its manager (the enterprise extension's {@code manager}), or null
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
      Manager manager,
      List<GroupMembership> groups,
      String json,
      List<LogRecord> log) {}

  /**
   * A user's manager, as {@code manager.value} names it.
   *
   * @param name the manager's name, else its {@code userName}; null when the tenant has no user
   *     with that id (a manager the identity provider did not provision, or one since deleted)
   */
  public record Manager(String id, String name) {

    public boolean inDirectory() {
      return name != null;
    }
  }

  /**
   * A member of a group.
   *
   * @param row the membership row's id: the keyset of member pages
   * @param type {@code User} or {@code Group}
   * @param display the {@code display} the client sent, or null
   * @param name the member user's name (else its {@code userName}) or the member group's {@code
   *     displayName}; null when the member no longer exists
   * @param userName the member user's {@code userName}; null for a group or a user that no longer
   *     exists
   * @param active false only for a user whose {@code active} is false
   */
  public record Member(
      long row,
      String value,
      String type,
      String display,
      String name,
      String userName,
      boolean active) {

    public boolean user() {
      return "User".equals(type);
    }

    /** Whether the member user has a name besides its {@code userName}, shown as well. */
    public boolean named() {
      return userName != null && !userName.equals(name);
    }

    /** The {@code display} the client sent when it is not the name shown, else null. */
    public String otherDisplay() {
      return display == null || display.isBlank() || display.equals(name) ? null : display;
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
      Long nextAfter,
      List<LogRecord> log) {}

  @Inject UserDirectory users;

  @Inject GroupDirectory groups;

  @Inject ProvisioningLog log;

  /** A page of the tenant's users that match the text, by {@code userName}. */
  public UserList users(String tenantId, String text, Activity activity, int startIndex) {
    UserDirectory.UserListing page = users.search(tenantId, text, activity, startIndex, PAGE_SIZE);
    List<UserRow> rows =
        page.users().stream()
            .map(u -> new UserRow(u.id(), u.userName(), Profile.of(u.document())))
            .toList();
    return new UserList(page.total(), page.startIndex(), rows);
  }

  /** A page of the tenant's groups whose name contains the text, by name, with member counts. */
  public GroupList groups(String tenantId, String text, int startIndex) {
    GroupDirectory.GroupListing page = groups.search(tenantId, text, startIndex, PAGE_SIZE);
    List<GroupRow> rows =
        page.groups().stream()
            .map(g -> new GroupRow(g.id(), g.displayName(), g.externalId(), g.members()))
            .toList();
    return new GroupList(page.total(), page.startIndex(), rows);
  }

  /**
   * One user of the tenant, or empty for an id that is not one. Its log is the latest records whose
   * resource is the user (its create, reads, changes and deletion); changes of groups that name the
   * user in their body are found by the log's text search, which the user's page links to.
   *
   * @param scimBaseUrl the SCIM base URL, for {@code meta.location} and the groups' {@code $ref}
   */
  public Optional<UserDetail> user(String tenantId, String id, String scimBaseUrl) {
    return users
        .user(tenantId, id, scimBaseUrl)
        .map(
            found -> {
              UserDirectory.UserView user = found.user();
              Profile profile = Profile.of(user.document());
              return new UserDetail(
                  user.id(),
                  user.userName(),
                  user.externalId(),
                  user.created(),
                  user.lastModified(),
                  profile,
                  manager(tenantId, profile.managerId()),
                  found.groups(),
                  pretty(found.representation()),
                  log.timelineOfUser(tenantId, user.id(), LOG_ENTRIES));
            });
  }

  /** The manager with that id, looked up by id among the tenant's users; null for no id. */
  private Manager manager(String tenantId, String managerId) {
    if (managerId == null) {
      return null;
    }
    UserDirectory.UserView manager = users.users(tenantId, List.of(managerId)).get(managerId);
    return new Manager(
        managerId,
        manager == null ? null : Profile.of(manager.document()).nameOr(manager.userName()));
  }

  /**
   * One group of the tenant with the page of members after the membership row {@code after}, or
   * empty for an id that is not one. Member users are named by their name (else their {@code
   * userName}) and marked when inactive, member groups by their {@code displayName}: one query for
   * the page's users, one for its groups, each at most a page long.
   */
  public Optional<GroupDetail> group(String tenantId, String id, long after) {
    return groups
        .group(tenantId, id, after, PAGE_SIZE)
        .map(
            page -> {
              List<String> userIds = new ArrayList<>();
              List<String> groupIds = new ArrayList<>();
              for (GroupDirectory.Member m : page.members()) {
                ("User".equals(m.type()) ? userIds : groupIds).add(m.value());
              }
              Map<String, UserDirectory.UserView> memberUsers = users.users(tenantId, userIds);
              Map<String, String> groupNames = groups.displayNames(tenantId, groupIds);
              GroupDirectory.GroupView group = page.group();
              return new GroupDetail(
                  group.id(),
                  group.displayName(),
                  group.externalId(),
                  group.created(),
                  group.lastModified(),
                  page.memberCount(),
                  page.after(),
                  page.members().stream()
                      .map(
                          m ->
                              "User".equals(m.type())
                                  ? member(m, memberUsers.get(m.value()))
                                  : new Member(
                                      m.row(),
                                      m.value(),
                                      m.type(),
                                      m.display(),
                                      groupNames.get(m.value()),
                                      null,
                                      true))
                      .toList(),
                  page.previousAfter(),
                  page.nextAfter(),
                  log.latestAbout(tenantId, "Group", group.id(), LOG_ENTRIES));
            });
  }

  private static Member member(GroupDirectory.Member m, UserDirectory.UserView user) {
    if (user == null) {
      return new Member(m.row(), m.value(), m.type(), m.display(), null, null, true);
    }
    Profile profile = Profile.of(user.document());
    return new Member(
        m.row(),
        m.value(),
        m.type(),
        m.display(),
        profile.nameOr(user.userName()),
        user.userName(),
        profile.active());
  }

  private static String pretty(JsonObject json) {
    StringWriter out = new StringWriter();
    try (JsonWriter writer =
        JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
      writer.writeObject(json);
    }
    return out.toString().strip();
  }
}
