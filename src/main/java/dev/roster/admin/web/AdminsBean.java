package dev.roster.admin.web;

import dev.roster.admin.boundary.Admins;
import dev.roster.admin.entity.AdminAccount;
import dev.roster.scim.ScimException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The admins page: one's own password, and the other admin accounts. The rules (password length,
 * not removing oneself or the last admin) are the {@link Admins} bean's; this bean shows its
 * refusals as messages. Passwords are dropped from the bean as soon as they are used.
 */
@Named("adminsPage")
@RequestScoped
public class AdminsBean {

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

  // Actions

  public void changePassword() {
    try {
      if (!newPassword.equals(repeatPassword)) {
        message("changePassword:repeat", error("The two new passwords differ."));
        return;
      }
      admins.changePassword(getMe(), currentPassword.toCharArray(), newPassword.toCharArray());
      message(null, new FacesMessage("Your password has been changed."));
    } catch (ScimException e) {
      message(
          e.detail().contains("current") ? "changePassword:current" : "changePassword:password",
          error(e.detail()));
    } finally {
      currentPassword = null;
      newPassword = null;
      repeatPassword = null;
    }
  }

  public void add() {
    try {
      AdminAccount account = admins.create(newAdmin, initialPassword.toCharArray());
      list = null;
      newAdmin = null;
      message(
          null,
          new FacesMessage(
              "Admin '"
                  + account.userName()
                  + "' added. Give them the initial password over a safe channel; they can change"
                  + " it on this page."));
    } catch (ScimException e) {
      message(
          e.detail().contains("password") ? "addAdmin:password" : "addAdmin:name",
          error(e.detail()));
    } finally {
      initialPassword = null;
    }
  }

  /** Removes the admin named by the {@code admin} field of the row's form. */
  public void remove() {
    String name =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("admin");
    try {
      admins.remove(name, getMe());
      list = null;
      message(null, new FacesMessage("Admin '" + name + "' removed."));
    } catch (ScimException e) {
      message(null, error(e.detail()));
    }
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
