package dev.roster.admin.web;

import dev.roster.admin.boundary.Directory;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * A group's (department's) page ({@code group.xhtml?tenant=&id=&after=}): its attributes, its
 * member count and one page of members. Pages follow the membership rows' ids ({@code after}), so a
 * page deep into a 100,000-member group costs what the first one does.
 */
@Named("groupPage")
@RequestScoped
public class GroupPageBean extends ResourcePageBean {

  private String after;
  private Directory.GroupDetail group;

  @Override
  protected void read(String tenantId, String id) {
    group = directory.group(tenantId, id, afterRow()).orElse(null);
  }

  private long afterRow() {
    try {
      return after == null ? 0 : Math.max(0, Long.parseLong(after.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public Directory.GroupDetail getGroup() {
    return group;
  }

  public String getAfter() {
    return after;
  }

  public void setAfter(String after) {
    this.after = after;
  }
}
