package dev.roster.admin.boundary;

import dev.roster.apikeys.boundary.ApiKeys;
import dev.roster.runtime.Origin;
import dev.roster.runtime.TrustedProxySetting;
import dev.roster.scim.ScimException;
import dev.roster.scim.ScimMediaType;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How admins authenticate, in two ways:
 *
 * <ul>
 *   <li><b>The console</b> ({@code /admin/…}): a sign-in form. {@link SignInBean} hands the name
 *       and password to {@code SecurityContext.authenticate}, which calls this mechanism; on
 *       success the session id is renewed and the session remembers the admin. Unauthenticated
 *       requests for console pages are redirected to the sign-in page. Sessions time out (web.xml).
 *   <li><b>The admin API</b> ({@code /api/admin/…}): HTTP Basic on every request. Sessions and
 *       cookies are ignored there, so that a page in a signed-in browser cannot make the API act
 *       (no CSRF). A refusal is a SCIM-style error body.
 * </ul>
 *
 * Both go through {@link SignInGuard}, which throttles repeated failures.
 */
@ApplicationScoped
@DeclareRoles({
  AdminAuthenticationMechanism.ROLE,
  AdminAuthenticationMechanism.API_KEY_ROLE,
  "scope-directory",
  "scope-admin"
})
public class AdminAuthenticationMechanism implements HttpAuthenticationMechanism {

  public static final String ROLE = "admin";

  /** The role of every caller that presented a valid API key. */
  public static final String API_KEY_ROLE = "api-key";

  public static final String SIGN_IN_PAGE = "/login.xhtml";

  /**
   * The request attribute through which a refused sign-in tells the form why ({@link
   * SignInGuard.Outcome}).
   */
  public static final String OUTCOME = "roster.signIn.outcome";

  private static final String API = "/api/admin/";
  private static final String SESSION_ADMIN = "roster.admin";

  @Inject SignInGuard guard;

  @Inject ApiKeys keys;

  @Inject TrustedProxySetting trustedProxies;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    SecurityHeadersFilter.applyTo(request, response);
    if (path.startsWith(API)) {
      return basic(request, response, context);
    }
    if (context.isAuthenticationRequest()
        && context.getAuthParameters().getCredential()
            instanceof UsernamePasswordCredential credential) {
      return signIn(request, context, credential);
    }
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(SESSION_ADMIN) instanceof String admin) {
      return context.notifyContainerAboutLogin(admin, Set.of(ROLE));
    }
    if (context.isProtected()) {
      String next = request.getRequestURI().substring(request.getContextPath().length());
      // This runs before the servlet filters: a forwarded origin is applied here, not there.
      return context.redirect(
          trustedProxies.origin(request).map(Origin::toString).orElse("")
              + request.getContextPath()
              + SIGN_IN_PAGE
              + "?next="
              + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }
    return context.doNothing();
  }

  private AuthenticationStatus signIn(
      HttpServletRequest request, HttpMessageContext context, UsernamePasswordCredential c) {
    SignInGuard.Outcome outcome =
        guard.check(
            c.getCaller(), c.getPassword().getValue(), trustedProxies.clientAddress(request));
    if (!outcome.valid()) {
      request.setAttribute(OUTCOME, outcome);
      return AuthenticationStatus.SEND_FAILURE;
    }
    String admin = outcome.account();
    // A new session id at sign-in: an id planted before it (session fixation) is worthless.
    request.getSession(true);
    request.changeSessionId();
    request.getSession().setAttribute(SESSION_ADMIN, admin);
    return context.notifyContainerAboutLogin(admin, Set.of(ROLE));
  }

  private AuthenticationStatus basic(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return apiKey(header.substring(7).strip(), response, context);
    }
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return refuse(
          response,
          ScimException.unauthorized(
              "The admin API needs HTTP Basic credentials of an admin, or an API key as a bearer"
                  + " token."));
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return refuse(
          response, ScimException.unauthorized("The Basic credentials are not valid Base64."));
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return refuse(
          response,
          ScimException.unauthorized("The Basic credentials need a name and a password."));
    }
    SignInGuard.Outcome outcome =
        guard.check(
            decoded.substring(0, colon),
            decoded.substring(colon + 1).toCharArray(),
            trustedProxies.clientAddress(request));
    return switch (outcome.verdict()) {
      case VALID -> context.notifyContainerAboutLogin(outcome.account(), Set.of(ROLE));
      case INVALID ->
          refuse(response, ScimException.unauthorized("The name or password is not right."));
      case THROTTLED ->
          refuse(
              response,
              ScimException.tooManyRequests(
                  "Too many sign-in attempts for this name or from this address: try again in "
                      + ScimException.retryAfterSeconds(outcome.retryAfter())
                      + " seconds.",
                  outcome.retryAfter()));
      case BUSY ->
          refuse(
              response,
              ScimException.unavailable(
                  "The server is busy checking other passwords: try again in "
                      + ScimException.retryAfterSeconds(outcome.retryAfter())
                      + " seconds.",
                  outcome.retryAfter()));
    };
  }

  /**
   * An API key ({@code Authorization: Bearer rk_…}): the caller is named after the key's prefix and
   * gets role {@value #API_KEY_ROLE} and one role per scope, never {@value #ROLE}, so that the
   * console stays closed to keys and {@code AdminScopeFilter} decides what each may call.
   */
  private AuthenticationStatus apiKey(
      String presented, HttpServletResponse response, HttpMessageContext context) {
    Optional<ApiKeys.Grant> grant = keys.authenticate(presented);
    if (grant.isEmpty()) {
      return refuse(
          response,
          ScimException.unauthorized(
              "This bearer token is not a valid API key: unknown, revoked or expired. (SCIM"
                  + " tokens are for /scim/v2 only.)"));
    }
    Set<String> roles = new HashSet<>();
    roles.add(API_KEY_ROLE);
    grant.get().scopes().forEach(scope -> roles.add(scope.role()));
    return context.notifyContainerAboutLogin("api-key " + grant.get().prefix(), roles);
  }

  /**
   * The error as a SCIM error body (401, 429 or 503), with {@code Retry-After} when the caller
   * should wait; written and committed here so that nothing replaces it. A 401 asks for Basic
   * credentials.
   */
  private static AuthenticationStatus refuse(HttpServletResponse response, ScimException error) {
    try {
      response.setStatus(error.status());
      if (error.status() == 401) {
        response.setHeader(
            "WWW-Authenticate",
            "Basic realm=\"roster-admin\", charset=\"UTF-8\", Bearer realm=\"roster-admin\"");
      }
      error
          .retryAfter()
          .ifPresent(
              wait ->
                  response.setHeader(
                      "Retry-After", Long.toString(ScimException.retryAfterSeconds(wait))));
      response.setContentType(ScimMediaType.SCIM_JSON);
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write(error.toJson().toString());
      response.flushBuffer();
    } catch (IOException e) {
      // the client went away; nothing more to tell it
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
