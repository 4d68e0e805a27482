package dev.roster.admin.web;

import dev.roster.admin.boundary.AdminAuthenticationMechanism;
import dev.roster.admin.boundary.SignInGuard;
import dev.roster.scim.ScimException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The sign-in form, and signing out. */
@Named("signIn")
@RequestScoped
public class SignInBean {

  @Inject SecurityContext security;

  private String user;
  private String password;
  private String next;

  public void signIn() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    AuthenticationStatus status =
        security.authenticate(
            request,
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(user, new Password(password))));
    password = null;
    if (status == AuthenticationStatus.SUCCESS) {
      external.redirect(request.getContextPath() + safeNext());
      return;
    }
    if (status == AuthenticationStatus.SEND_CONTINUE) {
      faces.responseComplete();
      return;
    }
    faces.addMessage(
        null,
        new FacesMessage(
            FacesMessage.SEVERITY_ERROR,
            refusal(request.getAttribute(AdminAuthenticationMechanism.OUTCOME)),
            null));
    // Back to the form by a redirect: a refresh must not post the password once more.
    Redirects.to(
        AdminAuthenticationMechanism.SIGN_IN_PAGE
            + (next == null ? "" : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
  }

  private static String refusal(Object outcome) {
    if (outcome instanceof SignInGuard.Outcome refused) {
      switch (refused.verdict()) {
        case THROTTLED:
          return "Too many failed sign-ins. Try again in "
              + ScimException.retryAfterSeconds(refused.retryAfter())
              + " s.";
        case BUSY:
          return "The server is busy signing others in. Try again in "
              + ScimException.retryAfterSeconds(refused.retryAfter())
              + " s.";
        default:
          break;
      }
    }
    return "The name or password is not right.";
  }

  /** Signs out: the session ends, and with it the sign-in. */
  public void signOut() throws IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    try {
      request.logout();
    } catch (jakarta.servlet.ServletException e) {
      // the session is ended below anyway
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    external.redirect(
        request.getContextPath() + AdminAuthenticationMechanism.SIGN_IN_PAGE + "?out");
  }

  /** Only a path of the console: never another site (no open redirect). */
  private String safeNext() {
    return next != null && next.startsWith("/admin/") && !next.contains("//") ? next : "/admin/";
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }
}
