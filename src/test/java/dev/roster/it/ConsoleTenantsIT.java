package dev.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's tenants, tenant and admins pages over HTTP, as a browser without JavaScript uses
 * them: sign in through the form, post the pages' Faces forms, and check the effect on SCIM
 * requests. A new token's plaintext is in the one response that issued it and in no later page.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleTenantsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  private ConsoleClient browser;

  @BeforeEach
  void signIn() {
    browser = new ConsoleClient(server);
    ConsoleClient.Page home = browser.signIn(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD);
    assertEquals(200, home.status(), home::toString);
    assertTrue(home.uri().getPath().startsWith("/admin/"), home::toString);
  }

  private String root() {
    return server.toString().replaceAll("/+$", "");
  }

  private int scimStatus(String token) {
    return new ScimClient(server).get("/Users", token).status();
  }

  private int apiStatus(String user, String password) {
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new ScimClient(server)
        .send(
            HttpRequest.newBuilder(URI.create(root() + "/api/admin/v1/tenants"))
                .header("Authorization", "Basic " + basic))
        .status();
  }

  private static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private ConsoleClient.Page createTenant(String id, String name) {
    browser.get("/admin/tenants.xhtml");
    return browser.submit(
        "/admin/tenants.xhtml", "createTenant", "create", Map.of("name", name, "id", id));
  }

  private ConsoleClient.Page issueToken(String tenant, String label, String expires) {
    browser.get("/admin/tenant.xhtml?id=" + tenant);
    return browser.submit(
        "/admin/tenant.xhtml",
        "issueToken",
        "issue",
        Map.of("=id", tenant, "label", label, "expires", expires));
  }

  /** The id of the form (within a table row) whose hidden field {@code name} has this value. */
  private static String rowForm(ConsoleClient.Page page, String name, String value) {
    Matcher m =
        Pattern.compile(
                "<form id=\"([^\"]+)\"(?:(?!</form>).)*?name=\""
                    + name
                    + "\" value=\""
                    + Pattern.quote(value)
                    + "\"",
                Pattern.DOTALL)
            .matcher(page.html());
    assertTrue(m.find(), () -> "no form for " + name + "=" + value + " in " + page.html());
    return m.group(1);
  }

  private static String tokenIdOf(ConsoleClient.Page page, String prefix) {
    Matcher m =
        Pattern.compile(
                "<code>"
                    + Pattern.quote(prefix)
                    + "</code>(?:(?!</tr>).)*?name=\"token\" value=\"([^\"]+)\"",
                Pattern.DOTALL)
            .matcher(page.html());
    assertTrue(m.find(), () -> "no revoke form for " + prefix + " in " + page.html());
    return m.group(1);
  }

  @Test
  void pagesNeedASignIn() {
    ConsoleClient.Page page = new ConsoleClient(server).get("/admin/tenant.xhtml?id=acme");
    assertTrue(page.uri().getPath().endsWith("/login.xhtml"), page::toString);
    assertFalse(page.contains("issueToken"));
  }

  @Test
  void createsATenantIssuesATokenOnceAndRevokesIt() {
    String id = uniqueId("console");
    ConsoleClient.Page created = createTenant(id, "Console Corp");
    assertEquals(200, created.status(), created::toString);
    assertEquals("/admin/tenant.xhtml", created.uri().getPath(), "redirected to the new tenant");
    assertTrue(
        created.contains("Tenant &#39;Console Corp&#39; created")
            || created.contains("Tenant 'Console Corp' created"),
        created::html);
    assertTrue(browser.get("/admin/tenants.xhtml").contains("tenant.xhtml?id=" + id));

    ConsoleClient.Page issued = issueToken(id, "Entra ID", "");
    assertEquals(200, issued.status(), issued::toString);
    assertTrue(issued.redirected(), "Post/Redirect/Get");
    String token = issued.textOf("issuedToken");
    assertTrue(token.startsWith("rst_"), token);
    assertEquals(root() + "/scim/v2", issued.textOf("scimBaseUrl"));
    assertTrue(issued.contains("data-copy=\"issuedToken\""));
    assertTrue(issued.contains("will not be shown again"));
    assertEquals(200, scimStatus(token), "the token works at once");

    ConsoleClient.Page reloaded = browser.get("/admin/tenant.xhtml?id=" + id);
    assertEquals(200, reloaded.status());
    // rst_<prefix>_<secret>: the secret may hold '_' itself
    String prefix = token.substring(0, token.indexOf('_', token.indexOf('_') + 1));
    String secret = token.substring(prefix.length() + 1);
    assertFalse(reloaded.contains(secret), "the plaintext is shown once only");
    assertFalse(reloaded.contains("id=\"issuedToken\""));
    assertTrue(reloaded.contains("<code>" + prefix + "</code>"), reloaded::html);
    assertTrue(reloaded.contains("Entra ID"));
    assertTrue(reloaded.contains("guide-entra.xhtml?tenant=" + id));
    assertTrue(reloaded.contains("guide-okta.xhtml?tenant=" + id));
    assertTrue(reloaded.contains("log.xhtml?tenant=" + id));
    assertTrue(reloaded.contains("directory.xhtml?tenant=" + id));

    String tokenId = tokenIdOf(reloaded, prefix);
    String form = rowForm(reloaded, "token", tokenId);
    ConsoleClient.Page revoked =
        browser.submit("/admin/tenant.xhtml", form, "revoke", Map.of("=id", id, "=token", tokenId));
    assertTrue(revoked.redirected(), "Post/Redirect/Get");
    assertTrue(revoked.contains("Token " + prefix + " revoked"), revoked::html);
    assertTrue(revoked.contains("<span class=\"bad\">revoked</span>"), revoked::html);
    assertEquals(401, scimStatus(token), "the revoked token is refused at once");
  }

  @Test
  void aTokenMayExpireOnADate() {
    String id = uniqueId("expiry");
    createTenant(id, "Expiry Corp");
    ConsoleClient.Page past = issueToken(id, "old", "2001-01-01");
    assertFalse(past.contains("id=\"issuedToken\""), "no token with an expiry in the past");
    assertTrue(past.contains("expiry must lie in the future"), past::html);
    ConsoleClient.Page bad = issueToken(id, "bad", "someday");
    assertFalse(bad.contains("id=\"issuedToken\""));
    assertTrue(bad.contains("Enter the expiry as a date"), bad::html);

    ConsoleClient.Page issued = issueToken(id, "yearly", "2099-12-31");
    assertEquals(200, scimStatus(issued.textOf("issuedToken")));
    assertTrue(issued.contains("2099-12-31 00:00:00 UTC"), issued::html);
  }

  @Test
  void createFormShowsValidationMessages() {
    ConsoleClient.Page noName = createTenant("", "");
    assertTrue(
        noName.contains("Enter the tenant&#39;s name.")
            || noName.contains("Enter the tenant's name."),
        noName::html);
    ConsoleClient.Page badId = createTenant("has space", "Bad");
    assertTrue(badId.contains("Use 1 to 64 letters"), badId::html);
    String id = uniqueId("dup");
    createTenant(id, "First");
    ConsoleClient.Page duplicate = createTenant(id, "Second");
    assertEquals("/admin/tenants.xhtml", duplicate.uri().getPath());
    assertTrue(duplicate.contains("already exists"), duplicate::html);
    ConsoleClient.Page label = issueToken(id, "", "");
    assertTrue(label.contains("Give the token a label"), label::html);
    assertFalse(label.contains("id=\"issuedToken\""));
  }

  @Test
  void renamesDisablesAndEnablesATenant() {
    String id = uniqueId("switch");
    createTenant(id, "Before");
    String token = issueToken(id, "x", "").textOf("issuedToken");
    assertEquals(200, scimStatus(token));

    browser.get("/admin/tenant.xhtml?id=" + id);
    ConsoleClient.Page renamed =
        browser.submit(
            "/admin/tenant.xhtml", "renameTenant", "rename", Map.of("=id", id, "name", "After"));
    assertTrue(renamed.contains("<h1>After</h1>"), renamed::html);
    assertTrue(renamed.redirected(), "Post/Redirect/Get");

    ConsoleClient.Page disabled =
        browser.submit("/admin/tenant.xhtml", "tenantAccess", "disable", Map.of("=id", id));
    assertTrue(disabled.contains("Tenant disabled"), disabled::html);
    assertTrue(disabled.redirected(), "Post/Redirect/Get");
    assertEquals(401, scimStatus(token), "a disabled tenant's token is refused at once");
    assertTrue(browser.get("/admin/tenants.xhtml").contains("disabled"));

    browser.get("/admin/tenant.xhtml?id=" + id);
    ConsoleClient.Page enabled =
        browser.submit("/admin/tenant.xhtml", "tenantAccess", "enable", Map.of("=id", id));
    assertTrue(enabled.redirected(), "Post/Redirect/Get");
    assertEquals(200, scimStatus(token));
  }

  @Test
  void choosesWhereTheTenantsDepartmentsComeFrom() {
    String id = uniqueId("departments");
    createTenant(id, "Departments");
    ConsoleClient.Page page = browser.get("/admin/tenant.xhtml?id=" + id);
    assertTrue(page.contains("<option value=\"attribute\" selected=\"selected\""), page::html);

    ConsoleClient.Page chosen =
        browser.submit(
            "/admin/tenant.xhtml",
            "departmentSource",
            "save",
            Map.of("=id", id, "source", "groups"));
    assertTrue(chosen.redirected(), "Post/Redirect/Get");
    assertTrue(chosen.contains("Departments now come from pushed groups."), chosen::html);
    assertTrue(chosen.contains("<option value=\"groups\" selected=\"selected\""), chosen::html);

    ConsoleClient.Page refused =
        browser.submit(
            "/admin/tenant.xhtml", "departmentSource", "save", Map.of("=id", id, "source", "ou"));
    assertFalse(refused.redirected(), refused::html);
    assertTrue(
        browser
            .get("/admin/tenant.xhtml?id=" + id)
            .contains("<option value=\"groups\" selected=\"selected\""),
        "a value the form does not offer changes nothing");
  }

  @Test
  void aPostWithoutTheViewStateItWasGivenChangesNothing() {
    ConsoleClient.Page form = browser.get("/admin/tenants.xhtml");
    String real = form.viewState();

    String forged = uniqueId("forged");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("createTenant", "createTenant");
    fields.put("createTenant:name", "Forged");
    fields.put("createTenant:id", forged);
    fields.put("createTenant:create", "Create tenant");
    ConsoleClient.Page missing = browser.post("/admin/tenants.xhtml", fields);
    assertFalse(missing.uri().getPath().endsWith("/tenant.xhtml"), missing::toString);

    fields.put("jakarta.faces.ViewState", "1234567890:-1234567890");
    ConsoleClient.Page wrong = browser.post("/admin/tenants.xhtml", fields);
    assertFalse(wrong.uri().getPath().endsWith("/tenant.xhtml"), wrong::toString);
    assertTrue(wrong.contains("expired"), wrong::html);

    ConsoleClient.Page list = browser.get("/admin/tenants.xhtml");
    assertFalse(list.contains(forged), "no tenant was created");

    // the same post from another session (a forged page) fails too
    ConsoleClient other = new ConsoleClient(server);
    other.signIn(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD);
    fields.put("jakarta.faces.ViewState", real);
    other.post("/admin/tenants.xhtml", fields);
    assertFalse(browser.get("/admin/tenants.xhtml").contains(forged), "no tenant was created");
  }

  @Test
  void adminsAreAddedChangeTheirPasswordAndAreRemoved() {
    String name = uniqueId("ops");
    String initial = "initial-password-" + name;
    browser.get("/admin/admins.xhtml");
    ConsoleClient.Page shortPassword =
        browser.submit(
            "/admin/admins.xhtml", "addAdmin", "add", Map.of("name", name, "password", "short"));
    assertTrue(shortPassword.contains("at least 12 characters"), shortPassword::html);
    ConsoleClient.Page added =
        browser.submit(
            "/admin/admins.xhtml", "addAdmin", "add", Map.of("name", name, "password", initial));
    assertTrue(
        added.contains("Admin &#39;" + name + "&#39; added")
            || added.contains("Admin '" + name + "' added"),
        added::html);
    assertTrue(added.redirected(), "Post/Redirect/Get");
    assertEquals(200, apiStatus(name, initial));

    ConsoleClient ops = new ConsoleClient(server);
    ops.signIn(name, initial);
    ops.get("/admin/admins.xhtml");
    String changed = "changed-password-" + name;
    ConsoleClient.Page differ =
        ops.submit(
            "/admin/admins.xhtml",
            "changePassword",
            "change",
            Map.of("current", initial, "password", changed, "repeat", changed + "x"));
    assertTrue(differ.contains("The two new passwords differ."), differ::html);
    ConsoleClient.Page done =
        ops.submit(
            "/admin/admins.xhtml",
            "changePassword",
            "change",
            Map.of("current", initial, "password", changed, "repeat", changed));
    assertTrue(done.contains("Your password has been changed."), done::html);
    assertTrue(done.redirected(), "Post/Redirect/Get");
    assertEquals(200, apiStatus(name, changed));
    assertEquals(401, apiStatus(name, initial));

    // nobody removes themselves, even with a forged field
    ConsoleClient.Page list = browser.get("/admin/admins.xhtml");
    String form = rowForm(list, "admin", name);
    ConsoleClient.Page self =
        browser.submit(
            "/admin/admins.xhtml", form, "remove", Map.of("=admin", Deployments.ADMIN_USER));
    assertTrue(self.contains("You cannot remove the account you are signed in with."), self::html);
    assertEquals(200, apiStatus(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD));

    ConsoleClient.Page removed =
        browser.submit("/admin/admins.xhtml", form, "remove", Map.of("=admin", name));
    assertTrue(removed.contains("removed"), removed::html);
    assertTrue(removed.redirected(), "Post/Redirect/Get");
    assertFalse(removed.contains("value=\"" + name + "\""), removed::html);
    assertEquals(401, apiStatus(name, changed));
  }

  /** A refresh after "Generate token" repeats nothing and shows the plaintext no more. */
  @Test
  void aRefreshAfterGeneratingATokenShowsItNoMoreAndIssuesNoSecond() {
    String id = uniqueId("refresh");
    createTenant(id, "Refresh Corp");
    ConsoleClient.Page issued = issueToken(id, "Okta", "");
    String token = issued.textOf("issuedToken");
    assertEquals("/admin/tenant.xhtml", issued.uri().getPath());
    assertTrue(issued.uri().getQuery().contains("id=" + id), issued::toString);
    assertFalse(issued.uri().toString().contains(token), "the URL names no token");
    // rst_<8>_<secret>: the secret itself may hold '_', so cut after the prefix
    String secret = token.substring("rst_".length() + 8 + 1);

    for (int refresh = 0; refresh < 2; refresh++) {
      ConsoleClient.Page again =
          browser.get(issued.uri().getPath() + "?" + issued.uri().getQuery());
      assertEquals(200, again.status(), again::toString);
      assertFalse(again.contains("id=\"issuedToken\""), again::html);
      assertFalse(again.contains(secret), "the plaintext is shown once only");
      assertTrue(again.contains("was shown once"), again::html);
    }
    ConsoleClient.Page page = browser.get("/admin/tenant.xhtml?id=" + id);
    assertEquals(1, count(page.html(), "name=\"token\" value="), "one token: " + page.html());

    // another session cannot take a new token from the URL of the page that shows it
    ConsoleClient.Page second = issueToken(id, "second", "");
    ConsoleClient other = new ConsoleClient(server);
    other.signIn(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD);
    ConsoleClient.Page stolen = other.get(second.uri().getPath() + "?" + second.uri().getQuery());
    assertFalse(stolen.contains("id=\"issuedToken\""), stolen::html);
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  /**
   * The session cookie is HttpOnly and SameSite=Strict on the real Set-Cookie headers, the first
   * one and the one that renews the session at sign-in.
   */
  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
    HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> form =
        plain.send(
            HttpRequest.newBuilder(URI.create(root() + "/login.xhtml")).build(),
            HttpResponse.BodyHandlers.ofString());
    String first = sessionCookie(form);
    ConsoleClient.Page page = new ConsoleClient.Page(200, form.uri(), form.body(), false);
    String body =
        "signInForm=signInForm&signInForm%3Auser="
            + Deployments.ADMIN_USER
            + "&signInForm%3Apassword="
            + Deployments.ADMIN_PASSWORD
            + "&signInForm%3AsignInButton=Sign+in&jakarta.faces.ViewState="
            + java.net.URLEncoder.encode(page.viewState(), StandardCharsets.UTF_8);
    HttpResponse<String> signedIn =
        plain.send(
            HttpRequest.newBuilder(URI.create(root() + "/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", first.substring(0, first.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, signedIn.statusCode(), signedIn::body);
    String renewed = sessionCookie(signedIn);
    assertFalse(first.startsWith(renewed.substring(0, renewed.indexOf(';'))), "a new id");
  }

  /** The Set-Cookie header of the session, checked for its attributes. */
  private static String sessionCookie(HttpResponse<?> response) {
    String cookie =
        response.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + response.headers()));
    String attributes = cookie.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    assertTrue(attributes.contains(";samesite=strict"), cookie);
    assertTrue(attributes.contains(";httponly"), cookie);
    return cookie;
  }

  /** A failed sign-in ends with a redirect too: a refresh must not post the password again. */
  @Test
  void aFailedSignInRedirectsBackToTheForm() {
    ConsoleClient stranger = new ConsoleClient(server);
    stranger.get("/login.xhtml?next=%2Fadmin%2Flog.xhtml");
    ConsoleClient.Page refused =
        stranger.submit(
            "/login.xhtml",
            "signInForm",
            "signInButton",
            Map.of(
                "user",
                "nobody-" + UUID.randomUUID(),
                "password",
                "wrong",
                "next",
                "/admin/log.xhtml"));
    assertTrue(refused.redirected(), "Post/Redirect/Get");
    assertEquals("/login.xhtml", refused.uri().getPath());
    assertTrue(refused.uri().getQuery().contains("next=/admin/log.xhtml"), refused::toString);
    assertTrue(refused.contains("The name or password is not right."), refused::html);
  }

  /** The console's forms keep to the limits of the admin API: the rules live in one bean. */
  @Test
  void consoleFormsKeepTheSameLimitsAsTheApi() {
    ConsoleClient.Page longName = createTenant(uniqueId("long"), "x".repeat(201));
    assertTrue(longName.contains("at most 200 characters"), longName::html);
    assertFalse(longName.redirected());

    String id = uniqueId("limits");
    createTenant(id, "Limits Corp");
    browser.get("/admin/tenant.xhtml?id=" + id);
    ConsoleClient.Page rename =
        browser.submit(
            "/admin/tenant.xhtml",
            "renameTenant",
            "rename",
            Map.of("=id", id, "name", "y".repeat(300)));
    assertTrue(rename.contains("at most 200 characters"), rename::html);
    assertTrue(rename.contains("<h1>Limits Corp</h1>"), rename::html);
    ConsoleClient.Page label = issueToken(id, "z".repeat(1000), "");
    assertTrue(label.contains("at most 200 characters"), label::html);
    assertFalse(label.contains("id=\"issuedToken\""));
  }
}
