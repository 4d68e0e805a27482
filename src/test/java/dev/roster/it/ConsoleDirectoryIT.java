package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.GLOBEX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's directory pages and connect guides, read as a signed-in admin would, over HTTP:
 * users and departments provisioned through SCIM must show up in the right tenant, searchable,
 * filtered by activity, paged, with the email a product would use, and the guides must give this
 * server's SCIM base URL. The fixtures are created once through SCIM, with a random suffix.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleDirectoryIT {

  /** Users beyond the first page of 50, all in one department. */
  static final int BULK = 55;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  static String suffix;
  static String bjensenId;
  static String noMailId;
  static String formerId;
  static String managerId;
  static String globexId;
  static String departmentId;
  static String alumniId;
  static final List<String> bulkIds = new ArrayList<>();

  Console console;

  @BeforeEach
  void signInAndProvision() {
    if (suffix == null) {
      provision();
    }
    console = new Console(server);
    console.signIn(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD);
  }

  /**
   * bjensen (work and home email) and her manager, a user without email whose manager is another
   * tenant's user, an inactive user, 55 more; a department of all but the manager and the inactive
   * user, and one of those two.
   */
  private void provision() {
    String s = UUID.randomUUID().toString().substring(0, 8);
    ScimClient scim = new ScimClient(server);
    globexId =
        created(
            scim.post(
                "/Users",
                GLOBEX_TOKEN,
                """
                {"userName":"globex-only-%s","displayName":"Globex Boss","active":true}
                """
                    .formatted(s)));
    managerId =
        created(
            scim.post(
                "/Users",
                ACME_TOKEN,
                """
                {"userName":"jsmith-%s","displayName":"John Smith","active":true}
                """
                    .formatted(s)));
    bjensenId =
        created(
            scim.post(
                "/Users",
                ACME_TOKEN,
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName":"bjensen-%1$s@example.com","externalId":"ext-bjensen-%1$s",
                 "name":{"givenName":"Barbara","familyName":"Jensen"},
                 "title":"Tour Guide","active":true,
                 "emails":[{"value":"babs-%1$s@home.example","type":"home","primary":true},
                           {"value":"barbara.jensen-%1$s@work.example","type":"work"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                   {"department":"Tour Operations","manager":{"value":"%2$s"}}}
                """
                    .formatted(s, managerId)));
    noMailId =
        created(
            scim.post(
                "/Users",
                ACME_TOKEN,
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName":"nomail-%1$s","name":{"formatted":"Nomail Person"},"active":true,
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                   {"manager":{"value":"%2$s"}}}
                """
                    .formatted(s, globexId)));
    formerId =
        created(
            scim.post(
                "/Users",
                ACME_TOKEN,
                """
            {"userName":"former-%1$s@example.com","active":false,
             "emails":[{"value":"former-%1$s@example.com","type":"work"}]}
            """
                    .formatted(s)));
    for (int i = 0; i < BULK; i++) {
      bulkIds.add(
          created(
              scim.post(
                  "/Users",
                  ACME_TOKEN,
                  """
                  {"userName":"bulk-%s-%02d","active":true}
                  """
                      .formatted(s, i))));
    }
    StringBuilder members = new StringBuilder();
    members.append("{\"value\":\"").append(bjensenId).append("\",\"display\":\"Babs\"}");
    members.append(",{\"value\":\"").append(noMailId).append("\"}");
    for (String id : bulkIds) {
      members.append(",{\"value\":\"").append(id).append("\"}");
    }
    departmentId =
        created(
            scim.post(
                "/Groups",
                ACME_TOKEN,
                """
                {"displayName":"Tour Operations %s","externalId":"dep-%s","members":[%s]}
                """
                    .formatted(s, s, members)));
    alumniId =
        created(
            scim.post(
                "/Groups",
                ACME_TOKEN,
                """
                {"displayName":"Alumni %s","members":[{"value":"%s"},{"value":"%s"}]}
                """
                    .formatted(s, formerId, managerId)));
    suffix = s;
  }

  private static String created(ScimClient.Reply reply) {
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getString("id");
  }

  @Test
  void consolePagesNeedSignIn() {
    Console anonymous = new Console(server);
    HttpResponse<String> page = anonymous.get("/admin/directory.xhtml?tenant=acme");
    assertTrue(page.uri().getPath().endsWith("/login.xhtml"), page.uri().toString());
    assertFalse(page.body().contains("bjensen-" + suffix));
  }

  @Test
  void listsTheTenantsUsersAndNoOtherTenants() {
    String acme = console.page("/admin/directory.xhtml?tenant=acme");
    assertTrue(acme.contains("bjensen-" + suffix + "@example.com"), acme);
    assertTrue(acme.contains("barbara.jensen-" + suffix + "@work.example"), acme);
    assertFalse(acme.contains("globex-only-" + suffix), acme);

    String globex = console.page("/admin/directory.xhtml?tenant=globex");
    assertTrue(globex.contains("globex-only-" + suffix), globex);
    assertFalse(globex.contains("bjensen-" + suffix), globex);
  }

  @Test
  void searchFindsUsersByPartOfTheirEmail() {
    String found =
        console.page(
            "/admin/directory.xhtml?tenant=acme&q=" + encode("jensen-" + suffix + "@work"));
    assertTrue(found.contains("bjensen-" + suffix + "@example.com"), found);
    assertTrue(found.contains("Users 1–1 of 1"), found);
    assertFalse(found.contains("nomail-" + suffix), found);

    String other =
        console.page("/admin/directory.xhtml?tenant=globex&q=" + encode("jensen-" + suffix));
    assertFalse(other.contains("bjensen-" + suffix), other);
    assertTrue(other.contains("No users match"), other);
  }

  /**
   * "No users match" is no dead end: it says where the search looks, clears the filter, and leads
   * to the tenant's log searched for the same text, where a user the identity provider sent but
   * Roster refused has its requests.
   */
  @Test
  void noMatchingUsersOffersToClearTheFilterAndSearchTheLog() {
    String text = "Nobody " + suffix + " & co";
    String page = console.page("/admin/directory.xhtml?tenant=acme&active=false&q=" + encode(text));
    assertTrue(text(page, "noUsers").contains("No users match."), page);
    assertTrue(text(page, "noUsers").contains("userName, displayName"), "what is searched");
    assertTrue(text(page, "noUsers").contains("among inactive users only"), page);
    assertEquals(
        "directory.xhtml?tenant=acme", link(page, "clearFilter"), "clears text and status");
    assertEquals("log.xhtml?tenant=acme&q=" + encode(text), link(page, "searchLog"));
    assertTrue(text(page, "searchLog").replace("&amp;", "&").contains("for “" + text + "”"), page);
    assertFalse(page.contains("id=\"users\""), "no empty table");

    String groups =
        console.page("/admin/directory.xhtml?tenant=acme&view=groups&q=" + encode(text));
    assertEquals("directory.xhtml?tenant=acme&view=groups", link(groups, "clearFilter"));
    assertEquals("log.xhtml?tenant=acme&q=" + encode(text), link(groups, "searchLog"));
  }

  /** The log link carries what the search looked for: at most 64 characters, as it was cut. */
  @Test
  void logLinkOfANoMatchCarriesTheTextAsTheSearchCutIt() {
    String page = console.page("/admin/directory.xhtml?tenant=acme&q=" + encode("y".repeat(300)));
    assertEquals("log.xhtml?tenant=acme&q=" + "y".repeat(64), link(page, "searchLog"));
    assertEquals(200, console.get("/admin/" + link(page, "searchLog")).statusCode());
  }

  /**
   * Each fact once: the name links to the user, the userName follows only when it is not the name,
   * the email only when it is not the userName (here: no email, or the email is the userName).
   */
  @Test
  void usersListShowsTheUserNameOnce() {
    String former =
        section(
            console.page(
                "/admin/directory.xhtml?tenant=acme&active=false&q=" + encode("former-" + suffix)),
            "users");
    assertEquals(1, count(former, "former-" + suffix + "@example.com"), former);
    assertTrue(former.contains(">inactive<"), former);

    String nomail =
        section(
            console.page("/admin/directory.xhtml?tenant=acme&q=" + encode("nomail-" + suffix)),
            "users");
    assertEquals(1, count(nomail, "nomail-" + suffix), nomail);
    assertTrue(nomail.contains(">Nomail Person</a>"), "the name is the link: " + nomail);

    String bjensen =
        section(
            console.page("/admin/directory.xhtml?tenant=acme&q=" + encode("bjensen-" + suffix)),
            "users");
    assertTrue(bjensen.contains(">Barbara Jensen</a>"), bjensen);
    assertEquals(1, count(bjensen, "bjensen-" + suffix + "@example.com"), bjensen);
    assertEquals(1, count(bjensen, "barbara.jensen-" + suffix + "@work.example"), bjensen);
    assertTrue(bjensen.contains(">active<"), bjensen);
  }

  @Test
  void searchTextWithQuotesIsAStringNotAFilter() {
    String page =
        console.page("/admin/directory.xhtml?tenant=acme&q=" + encode("\" or userName pr or \""));
    assertTrue(page.contains("No users match"), page);
  }

  /**
   * The search is a filter of co terms, which take at most 64 characters: longer text (here 200
   * emoji, whose cut must not split a pair of UTF-16 units) is cut, never an error page.
   */
  @Test
  void searchTextLongerThanASubstringTermIsCutNotRefused() {
    String page =
        console.page("/admin/directory.xhtml?tenant=acme&q=" + encode("\uD83D\uDE00".repeat(200)));
    assertTrue(page.contains("No users match"), page);
    String department =
        console.page("/admin/directory.xhtml?tenant=acme&view=groups&q=" + encode("x".repeat(300)));
    assertFalse(department.contains("Error"), department);
  }

  @Test
  void activeFilterShowsOnlyInactiveOrActiveUsers() {
    String inactive = console.page("/admin/directory.xhtml?tenant=acme&active=false");
    assertTrue(inactive.contains("former-" + suffix + "@example.com"), inactive);
    assertTrue(inactive.contains("Users 1–1 of 1"), inactive);
    assertFalse(inactive.contains("bjensen-" + suffix), inactive);

    String active =
        console.page("/admin/directory.xhtml?tenant=acme&active=true&q=" + encode(suffix));
    assertTrue(active.contains("of " + (BULK + 3)), "all but the inactive user: " + active);
    assertTrue(active.contains("bjensen-" + suffix), active);
    String former =
        console.page(
            "/admin/directory.xhtml?tenant=acme&active=true&q=" + encode("former-" + suffix));
    assertTrue(former.contains("No users match"), former);
    String all = console.page("/admin/directory.xhtml?tenant=acme&q=" + encode(suffix));
    assertTrue(all.contains("of " + (BULK + 4)), all);
  }

  @Test
  void pagesThroughMoreThanFiftyUsersKeepingTheFilters() {
    String first =
        console.page(
            "/admin/directory.xhtml?tenant=acme&active=true&q=" + encode("bulk-" + suffix));
    assertTrue(first.contains("Users 1–50 of " + BULK), first);
    assertTrue(first.contains("bulk-" + suffix + "-00"), first);
    assertTrue(first.contains("bulk-" + suffix + "-49"), first);
    assertFalse(first.contains("bulk-" + suffix + "-50"), first);
    String next = link(first, "nextPage");
    assertTrue(next.contains("q=bulk-" + suffix), next);
    assertTrue(next.contains("active=true"), next);
    assertTrue(next.contains("start=51"), next);
    assertFalse(first.contains("id=\"previousPage\""), first);

    String second = console.page("/admin/" + next);
    assertTrue(second.contains("Users 51–" + BULK + " of " + BULK), second);
    assertTrue(second.contains("bulk-" + suffix + "-54"), second);
    assertFalse(second.contains("bulk-" + suffix + "-49"), second);
    assertFalse(second.contains("id=\"nextPage\""), second);
    assertTrue(link(second, "previousPage").contains("q=bulk-" + suffix), second);
  }

  @Test
  void listsDepartmentsWithTheirMemberCounts() {
    String groups =
        console.page("/admin/directory.xhtml?tenant=acme&view=groups&q=" + encode(suffix));
    assertTrue(groups.contains("Tour Operations " + suffix), groups);
    assertTrue(
        Pattern.compile(
                Pattern.quote("Tour Operations " + suffix) + "</a>.*?<td[^>]*>\\s*(\\d+)\\s*</td>",
                Pattern.DOTALL)
            .matcher(groups)
            .results()
            .anyMatch(m -> m.group(1).equals(String.valueOf(BULK + 2))),
        groups);
    assertTrue(groups.contains("group.xhtml?tenant=acme&amp;id=" + departmentId), groups);

    String globex =
        console.page("/admin/directory.xhtml?tenant=globex&view=groups&q=" + encode(suffix));
    assertTrue(globex.contains("No departments match"), globex);
  }

  @Test
  void userPageShowsTheWorkEmailDepartmentGroupsJsonAndLog() {
    String page = console.page("/admin/user.xhtml?tenant=acme&id=" + bjensenId);
    assertEquals(
        "barbara.jensen-" + suffix + "@work.example", text(page, "userEmail"), "work, not primary");
    assertEquals("Barbara Jensen", text(page, "userName"));
    assertEquals("Tour Operations", text(page, "userDepartment"));
    assertTrue(page.contains("Tour Guide"), page);
    assertTrue(page.contains("ext-bjensen-" + suffix), page);
    assertTrue(page.contains("group.xhtml?tenant=acme&amp;id=" + departmentId), page);
    assertTrue(page.contains("Tour Operations " + suffix), page);
    assertTrue(page.contains("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"), page);
    assertTrue(page.contains("log.xhtml?tenant=acme&amp;q=" + bjensenId), page);
    assertEquals("user.xhtml?tenant=acme&id=" + managerId, link(page, "managerLink"));
    assertEquals("John Smith", text(page, "managerLink"), "the manager's name, not its id");

    // the log is written in the background, a fraction of a second after the request
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!page.contains("log-entry.xhtml?id=") && System.nanoTime() < deadline) {
      sleep(300);
      page = console.page("/admin/user.xhtml?tenant=acme&id=" + bjensenId);
    }
    assertTrue(page.contains("log-entry.xhtml?id="), page);
    assertTrue(page.contains("POST /scim/v2/Users"), page);
  }

  @Test
  void userWithoutEmailShowsItsUserName() {
    String page = console.page("/admin/user.xhtml?tenant=acme&id=" + noMailId);
    assertEquals("nomail-" + suffix, text(page, "userEmail").replaceAll("\\s*\\(.*", ""));
    assertEquals("Nomail Person", text(page, "userName"));
  }

  /** A manager that is not one of the tenant's users (here: another tenant's) shows as its id. */
  @Test
  void managerOutsideTheTenantIsShownAsNotInThisDirectory() {
    String page = console.page("/admin/user.xhtml?tenant=acme&id=" + noMailId);
    assertEquals(globexId + " (not in this directory)", text(page, "userManager"));
    assertFalse(page.contains("id=\"managerLink\""), page);
    assertFalse(page.contains("Globex Boss"), "nothing of the other tenant's user: " + page);

    String manager = console.page("/admin/user.xhtml?tenant=acme&id=" + managerId);
    assertEquals("—", text(manager, "userManager"), "no manager");
  }

  @Test
  void unknownOrForeignUserIsNotFound() {
    String unknown = console.page("/admin/user.xhtml?tenant=acme&id=no-such-user");
    assertTrue(unknown.contains("User not found"), unknown);
    String foreign = console.page("/admin/user.xhtml?tenant=globex&id=" + bjensenId);
    assertTrue(foreign.contains("User not found"), foreign);
    assertFalse(foreign.contains("barbara.jensen"), foreign);
  }

  @Test
  void groupPageShowsTheMemberCountAndPagesTheMembers() {
    String first = console.page("/admin/group.xhtml?tenant=acme&id=" + departmentId);
    assertEquals(String.valueOf(BULK + 2), text(first, "memberCount"));
    assertTrue(first.contains("user.xhtml?tenant=acme&amp;id=" + bjensenId), first);
    assertTrue(first.contains(">Barbara Jensen</a>"), "the member's name: " + first);
    assertTrue(first.contains("bjensen-" + suffix + "@example.com"), "the member's userName");
    assertTrue(first.contains("sent as “Babs”"), "the display the client sent");
    assertFalse(first.contains(">display<"), "no column that stays empty: " + first);
    assertFalse(section(first, "members").contains("inactive"), "all of them active");
    assertTrue(first.contains("bulk-" + suffix + "-47"), "the 50th member is on page one");
    assertFalse(first.contains("bulk-" + suffix + "-48"), "the 51st member is on page two");
    assertFalse(first.contains("id=\"previousPage\""), first);

    String next = link(first, "nextPage");
    assertTrue(next.contains("after="), next);
    String second = console.page("/admin/" + next);
    assertTrue(second.contains("bulk-" + suffix + "-48"), second);
    assertFalse(second.contains("bulk-" + suffix + "-47"), "no member twice: " + second);
    assertTrue(second.contains("bulk-" + suffix + "-54"), second);
    assertFalse(second.contains("bjensen-" + suffix), second);
    assertFalse(second.contains("id=\"nextPage\""), second);

    String back = console.page("/admin/" + link(second, "previousPage"));
    assertTrue(back.contains("bjensen-" + suffix), back);

    String foreign = console.page("/admin/group.xhtml?tenant=globex&id=" + departmentId);
    assertTrue(foreign.contains("Department not found"), foreign);
  }

  /** Members show their name as the link, their userName, and a mark when they are inactive. */
  @Test
  void groupPageNamesItsMembersAndMarksTheInactiveOnes() {
    String members =
        section(console.page("/admin/group.xhtml?tenant=acme&id=" + alumniId), "members");
    assertTrue(
        members.contains("user.xhtml?tenant=acme&amp;id=" + managerId + "\">John Smith</a>"),
        members);
    assertTrue(members.contains("jsmith-" + suffix), "its userName: " + members);
    assertTrue(
        Pattern.compile(
                Pattern.quote(formerId + "\">former-" + suffix + "@example.com</a>")
                    + "\\s*<span class=\"[^\"]*\\bbad\\b[^\"]*\">inactive</span>")
            .matcher(members)
            .find(),
        "the inactive member is marked: " + members);
    assertEquals(1, count(members, "former-" + suffix), "its userName once: " + members);
    assertEquals(1, count(members, ">inactive<"), "only the inactive one: " + members);
  }

  @Test
  void guidesGiveThisServersBaseUrlAndTheMatchingAdvice() {
    String base = server.toString().replaceAll("/+$", "") + "/scim/v2";
    String entra = console.page("/admin/guide-entra.xhtml?tenant=acme");
    assertEquals(base, text(entra, "scimBaseUrl"));
    assertTrue(entra.contains("data-copy=\"scimBaseUrl\""), entra);
    assertTrue(entra.contains("tenant.xhtml?id=acme"), entra);
    assertTrue(entra.contains("Secret Token"), entra);
    assertTrue(entra.contains("Test Connection"), entra);
    String matching = section(entra, "matching");
    assertTrue(
        matching.matches(
            "(?s).*<td>1</td><td><code>externalId</code></td><td><code>objectId</code>.*"
                + "<td>2</td>.*<code>mail</code>.*<td>3</td><td><code>userName</code></td>"
                + "<td><code>userPrincipalName</code>.*"),
        matching);
    assertTrue(entra.contains("IsSoftDeleted"), entra);
    assertTrue(entra.contains("Provision Microsoft Entra ID Groups"), entra);

    String okta = console.page("/admin/guide-okta.xhtml?tenant=acme");
    assertEquals(base, text(okta, "scimBaseUrl"));
    assertTrue(okta.contains("tenant.xhtml?id=acme"), okta);
    assertTrue(okta.contains("HTTP Header"), okta);
    assertTrue(okta.contains("Push Groups"), okta);
    assertTrue(okta.contains("Push Now"), okta);
    assertTrue(okta.contains("Deactivate Users"), okta);
  }

  // helpers

  /** The text of the element with that id, tags removed and spaces collapsed. */
  private static String text(String html, String id) {
    return section(html, id).replaceAll("<[^>]*>", "").replaceAll("\\s+", " ").strip();
  }

  /** The inner HTML of the element with that id (no nested element of the same tag). */
  private static String section(String html, String id) {
    Matcher m =
        Pattern.compile(
                "<(\\w+)[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</\\1>", Pattern.DOTALL)
            .matcher(html);
    assertTrue(m.find(), "no element #" + id + " in " + html);
    return m.group(2);
  }

  /** The href of the link with that id, HTML entities decoded. */
  private static String link(String html, String id) {
    Matcher m =
        Pattern.compile("<a[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*\\bhref=\"([^\"]*)\"")
            .matcher(html);
    assertTrue(m.find(), "no link #" + id + " in " + html);
    return m.group(1).replace("&amp;", "&");
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A browser without a browser: keeps cookies, follows redirects, signs in through the form. */
  static final class Console {

    private static final Pattern VIEW_STATE =
        Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final String root;
    private final HttpClient http;

    Console(URL server) {
      root = server.toString().replaceAll("/+$", "");
      http =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
    }

    void signIn(String user, String password) {
      HttpResponse<String> form = get("/login.xhtml");
      Matcher state = VIEW_STATE.matcher(form.body());
      assertTrue(state.find(), form.body());
      String body =
          "signInForm=signInForm&signInForm%3Auser="
              + encode(user)
              + "&signInForm%3Apassword="
              + encode(password)
              + "&signInForm%3AsignInButton="
              + encode("Sign in")
              + "&jakarta.faces.ViewState="
              + encode(state.group(1));
      HttpResponse<String> done =
          send(
              HttpRequest.newBuilder(URI.create(root + "/login.xhtml"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      assertTrue(done.uri().getPath().startsWith("/admin"), "signed in: " + done.uri());
    }

    /** A console page that must answer 200. */
    String page(String path) {
      HttpResponse<String> response = get(path);
      assertEquals(200, response.statusCode(), path + " -> " + response.body());
      assertFalse(response.uri().getPath().endsWith("/login.xhtml"), "signed out at " + path);
      return response.body();
    }

    HttpResponse<String> get(String path) {
      return send(HttpRequest.newBuilder(URI.create(root + path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return http.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
