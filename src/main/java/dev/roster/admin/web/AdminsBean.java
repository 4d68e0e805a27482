package dev.roster.admin.web;

import dev.roster.admin.boundary.Admins;
import dev.roster.admin.control.AdminNames;
import dev.roster.admin.entity.AdminAccount;
import dev.roster.scim.ScimException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The admins page: one's own password, and the other admin accounts. The rules (password length,
 * not removing oneself or the last admin) are the {@link Admins} bean's; this bean shows its
 * refusals as messages. Passwords are dropped from the bean as soon as they are used. A change that
 * succeeds ends with a redirect back to the page (Post/Redirect/Get).
 */
@Named("adminsPage")
@RequestScoped
public class AdminsBean {

  private static final String PAGE = "/admin/admins.xhtml";

  @Inject Admins admins;

  private List<AdminAccount> list;

  private String currentPassword;
  private String newPassword;
  private String repeatPassword;

  private String newAdmin;
  private String initialPassword;

  public List<AdminAccount> getAdmins() {
    if (list == null) {
      list = admins.list();
    }
    return list;
  }

  /** The admin signed in. */
  public String getMe() {
    return FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
  }

  public boolean isMe(AdminAccount account) {
    return account.userName().equalsIgnoreCase(getMe());
  }

  public Instant created(AdminAccount account) {
    return utc(account.created());
  }

  public Instant passwordChanged(AdminAccount account) {
    return utc(account.passwordChanged());
  }

  public int getMinPasswordLength() {
    return Admins.MIN_PASSWORD_LENGTH;
  }

  // Actions: each one that succeeds redirects back to this page

  public void changePassword() throws IOException {
    try {
      if (!newPassword.equals(repeatPassword)) {
        message("changePassword:repeat", error("The two new passwords differ."));
        return;
      }
      admins.changePassword(getMe(), currentPassword.toCharArray(), newPassword.toCharArray());
    } catch (ScimException e) {
      message(
          e.detail().contains("current") ? "changePassword:current" : "changePassword:password",
          error(e.detail()));
      return;
    } finally {
      currentPassword = null;
      newPassword = null;
      repeatPassword = null;
    }
    message(null, new FacesMessage("Your password has been changed."));
    Redirects.to(PAGE);
  }

  public void add() throws IOException {
    AdminAccount account;
    try {
      account = admins.create(newAdmin, initialPassword.toCharArray());
    } catch (ScimException e) {
      message(
          e.detail().contains("password") ? "addAdmin:password" : "addAdmin:name",
          error(e.detail()));
      return;
    } finally {
      initialPassword = null;
    }
    message(
        null,
        new FacesMessage(
            "Admin '"
                + account.userName()
                + "' added. Give them the initial password over a safe channel; they can change"
                + " it on this page."));
    Redirects.to(PAGE);
  }

  /** Removes the admin named by the {@code admin} field of the row's form. */
  public void remove() throws IOException {
    String name =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("admin");
    try {
      admins.remove(name, getMe());
    } catch (ScimException e) {
      message(null, error(e.detail()));
      return;
    }
    message(null, new FacesMessage("Admin '" + AdminNames.normalise(name) + "' removed."));
    Redirects.to(PAGE);
  }

  private static FacesMessage error(String text) {
    return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null);
  }

  private static void message(String clientId, FacesMessage message) {
    FacesContext.getCurrentInstance().addMessage(clientId, message);
  }

  private static Instant utc(LocalDateTime time) {
    return time == null ? null : time.toInstant(ZoneOffset.UTC);
  }

  // Form fields

  public String getCurrentPassword() {
    return currentPassword;
  }

  public void setCurrentPassword(String currentPassword) {
    this.currentPassword = currentPassword;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public String getRepeatPassword() {
    return repeatPassword;
  }

  public void setRepeatPassword(String repeatPassword) {
    this.repeatPassword = repeatPassword;
  }

  public String getNewAdmin() {
    return newAdmin;
  }

  public void setNewAdmin(String newAdmin) {
    this.newAdmin = newAdmin;
  }

  public String getInitialPassword() {
    return initialPassword;
  }

  public void setInitialPassword(String initialPassword) {
    this.initialPassword = initialPassword;
  }
}
