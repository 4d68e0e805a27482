package dev.roster.admin.web;

import dev.roster.admin.boundary.Directory;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * A group's (department's) page ({@code group.xhtml?tenant=&id=&after=}): its attributes, its
 * member count and one page of members. Pages follow the membership rows' ids ({@code after}), so a
 * page deep into a 100,000-member group costs what the first one does.
 */
@Named("groupPage")
@RequestScoped
public class GroupPageBean {

  @Inject Directory directory;

  @Inject Tenants tenants;

  private String tenant;
  private String id;
  private String after;
  private TenantView current;
  private Directory.GroupDetail group;

  public void load() {
    current =
        tenant == null || tenant.isBlank() ? null : tenants.findTenant(tenant.strip()).orElse(null);
    if (current == null || id == null || id.isBlank()) {
      return;
    }
    group = directory.group(current.getId(), id.strip(), afterRow()).orElse(null);
  }

  private long afterRow() {
    try {
      return after == null ? 0 : Math.max(0, Long.parseLong(after.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public TenantView getCurrent() {
    return current;
  }

  public Directory.GroupDetail getGroup() {
    return group;
  }

  public String getTenant() {
    return tenant;
  }

  public void setTenant(String tenant) {
    this.tenant = tenant;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getAfter() {
    return after;
  }

  public void setAfter(String after) {
    this.after = after;
  }
}
