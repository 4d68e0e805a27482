package dev.roster.admin.web;

import dev.roster.admin.boundary.Directory;
import dev.roster.admin.boundary.ScimBaseUrl;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A user's page ({@code user.xhtml?tenant=&id=}): what a product reads of the user, its groups, its
 * stored SCIM JSON and its latest provisioning-log records, so that an admin can see what arrived
 * and why.
 */
@Named("userPage")
@RequestScoped
public class UserPageBean extends ResourcePageBean {

  private Directory.UserDetail user;

  @Override
  protected void read(String tenantId, String id) {
    HttpServletRequest request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    user = directory.user(tenantId, id, ScimBaseUrl.of(request)).orElse(null);
  }

  public Directory.UserDetail getUser() {
    return user;
  }
}
