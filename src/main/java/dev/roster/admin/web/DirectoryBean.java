package dev.roster.admin.web;

import dev.roster.admin.boundary.Directory;
import dev.roster.scim.Unicode;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The directory page: a tenant's users or departments, searched and paged. Every filter is a URL
 * parameter ({@code tenant}, {@code view}, {@code q}, {@code active}, {@code start}), so a view can
 * be bookmarked and the dashboard can link to it; the page only reads, so it needs no form posts.
 */
@Named("directory")
@RequestScoped
public class DirectoryBean {

  @Inject Directory directory;

  @Inject Tenants tenants;

  private String tenant;
  private String view;
  private String q;
  private String active;
  private String start;

  private List<TenantView> tenantList;
  private TenantView current;
  private Directory.UserList users;
  private Directory.GroupList groups;

  /** Loads the page once, after the view parameters are set. */
  public void load() {
    tenantList = tenants.listTenants();
    if (tenant == null || tenant.isBlank()) {
      current = tenantList.isEmpty() ? null : tenantList.get(0);
    } else {
      current = tenants.findTenant(tenant.strip()).orElse(null);
    }
    if (current == null) {
      return;
    }
    // No value holds U+0000 (it is refused everywhere), and PostgreSQL refuses it in a query.
    String text = q == null ? null : q.replace(String.valueOf(Unicode.NUL), "");
    if (isGroupsView()) {
      groups = directory.groups(current.getId(), text, startIndex());
    } else {
      users = directory.users(current.getId(), text, Directory.activity(active), startIndex());
    }
  }

  private int startIndex() {
    try {
      return start == null ? 1 : Math.max(1, Integer.parseInt(start.strip()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  public boolean isGroupsView() {
    return "groups".equals(view);
  }

  /** True when a tenant was asked for that does not exist. */
  public boolean isUnknownTenant() {
    return current == null && tenant != null && !tenant.isBlank();
  }

  public List<TenantView> getTenants() {
    return tenantList;
  }

  public TenantView getCurrent() {
    return current;
  }

  public String getTenantId() {
    return current == null ? null : current.getId();
  }

  public Directory.UserList getUsers() {
    return users;
  }

  public Directory.GroupList getGroups() {
    return groups;
  }

  /** The active filter as the select shows it: {@code true}, {@code false} or empty. */
  public String getActiveFilter() {
    return switch (Directory.activity(active)) {
      case ACTIVE -> "true";
      case INACTIVE -> "false";
      case ALL -> "";
    };
  }

  /** The text the search looked for (stripped and cut as the search cuts it), or null. */
  public String getSearchedText() {
    return Directory.searchedText(q);
  }

  /** Whether the list is narrowed by a search or, for users, by their status. */
  public boolean isFiltered() {
    return getSearchedText() != null || (!isGroupsView() && !getActiveFilter().isEmpty());
  }

  /** This view of the tenant without search or status: the way back from "No users match". */
  public String getClearLink() {
    return isGroupsView() ? getGroupsLink() : getUsersLink();
  }

  /**
   * The provisioning log of this tenant, searched for the same text: someone the directory does not
   * have may still have been sent, and refused; the log has those requests and why they failed.
   */
  public String getLogLink() {
    StringBuilder url = new StringBuilder("log.xhtml?tenant=").append(encode(getTenantId()));
    String text = getSearchedText();
    if (text != null) {
      url.append("&q=").append(encode(text));
    }
    return url.toString();
  }

  public String getUsersLink() {
    return link("users", null, null, 1);
  }

  public String getGroupsLink() {
    return link("groups", null, null, 1);
  }

  public String getPreviousLink() {
    return pageLink(-Directory.PAGE_SIZE);
  }

  public String getNextLink() {
    return pageLink(Directory.PAGE_SIZE);
  }

  private String pageLink(int shift) {
    int from = isGroupsView() ? groups.startIndex() : users.startIndex();
    return link(
        isGroupsView() ? "groups" : "users",
        q,
        isGroupsView() ? null : getActiveFilter(),
        Math.max(1, from + shift));
  }

  private String link(String toView, String text, String activeFilter, int startIndex) {
    StringBuilder url = new StringBuilder("directory.xhtml?tenant=").append(encode(getTenantId()));
    if ("groups".equals(toView)) {
      url.append("&view=groups");
    }
    if (text != null && !text.isBlank()) {
      url.append("&q=").append(encode(text.strip()));
    }
    if (activeFilter != null && !activeFilter.isEmpty()) {
      url.append("&active=").append(activeFilter);
    }
    if (startIndex > 1) {
      url.append("&start=").append(startIndex);
    }
    return url.toString();
  }

  private static String encode(String value) {
    return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  public String getTenant() {
    return tenant;
  }

  public void setTenant(String tenant) {
    this.tenant = tenant;
  }

  public String getView() {
    return view;
  }

  public void setView(String view) {
    this.view = view;
  }

  public String getQ() {
    return q;
  }

  public void setQ(String q) {
    this.q = q;
  }

  public String getActive() {
    return active;
  }

  public void setActive(String active) {
    this.active = active;
  }

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }
}
