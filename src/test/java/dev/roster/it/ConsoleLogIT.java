package dev.roster.it;

import static dev.roster.it.Deployments.ACME_TOKEN;
import static dev.roster.it.Deployments.ADMIN_PASSWORD;
import static dev.roster.it.Deployments.ADMIN_USER;
import static dev.roster.it.Deployments.GLOBEX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
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
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * The provisioning log as an admin reads it: the console's log page with its URL filters and paging
 * by key, the detail page, the CSV export, and {@code GET /api/admin/v1/log}. Black-box over HTTP
 * against the real WAR; each test makes its own SCIM requests, marked with a fresh UUID, and
 * filters the log down to them.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleLogIT {

  private static final Pattern ENTRY_LINK =
      Pattern.compile("href=\"log-entry\\.xhtml\\?id=(\\d+)\"");
  private static final Pattern NEXT_LINK = Pattern.compile("id=\"nextPage\"[^>]*href=\"([^\"]+)\"");
  private static final Pattern PREVIOUS_LINK =
      Pattern.compile("id=\"previousPage\"[^>]*href=\"([^\"]+)\"");
  private static final Pattern CORRELATION_CELL =
      Pattern.compile("href=\"log\\.xhtml\\?correlation=[^\"]+\">([^<]+)</a>");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  ScimClient scim;
  Console console;

  @BeforeEach
  void signIn() {
    scim = new ScimClient(server);
    console = new Console(server.toString().replaceAll("/+$", ""));
    console.signIn();
  }

  // The log page

  @Test
  void correlationFilterShowsExactlyThatRequest() {
    String id = "it-" + UUID.randomUUID();
    String other = "it-" + UUID.randomUUID();
    scim.send(scim.request("/Users", ACME_TOKEN).header("X-Request-Id", id).GET());
    scim.send(scim.request("/Users", ACME_TOKEN).header("X-Request-Id", other).GET());
    awaitLogged("correlation=" + other, 1);

    String page = console.page("log.xhtml?correlation=" + id);

    assertEquals(List.of(id), correlationsOn(page));
    assertEquals(1, entryIdsOn(page).size());
    assertTrue(page.contains("value=\"" + id + "\""), "the filter shows in the form");
  }

  @Test
  void outcomeFilterSeparatesSuccessFromClientErrors() {
    String mark = UUID.randomUUID().toString();
    scim.send(
        scim.request("/Users?filter=" + url("userName eq \"" + mark + "\""), ACME_TOKEN)
            .header("X-Request-Id", "ok-" + mark)
            .GET());
    scim.send(
        scim.request("/Users/" + mark, ACME_TOKEN).header("X-Request-Id", "missing-" + mark).GET());
    awaitLogged("q=" + mark, 2);

    assertEquals(
        List.of("missing-" + mark),
        correlationsOn(console.page("log.xhtml?q=" + mark + "&outcome=client-error")));
    assertEquals(
        List.of("ok-" + mark),
        correlationsOn(console.page("log.xhtml?q=" + mark + "&outcome=success")));
    assertEquals(
        List.of(), correlationsOn(console.page("log.xhtml?q=" + mark + "&outcome=server-error")));
    assertEquals(
        List.of("missing-" + mark, "ok-" + mark),
        correlationsOn(console.page("log.xhtml?q=" + mark)),
        "newest first");
  }

  @Test
  void tenantFilterShowsOnlyThatTenantsRequests() {
    String mark = UUID.randomUUID().toString();
    scim.send(
        scim.request("/Users/" + mark, ACME_TOKEN).header("X-Request-Id", "acme-" + mark).GET());
    scim.send(
        scim.request("/Users/" + mark, GLOBEX_TOKEN)
            .header("X-Request-Id", "globex-" + mark)
            .GET());
    awaitLogged("q=" + mark, 2);

    assertEquals(
        List.of("acme-" + mark),
        correlationsOn(console.page("log.xhtml?q=" + mark + "&tenant=acme")));
    assertEquals(
        List.of("globex-" + mark),
        correlationsOn(console.page("log.xhtml?q=" + mark + "&tenant=globex")));
    String page = console.page("log.xhtml?tenant=globex");
    assertTrue(page.contains("<option value=\"globex\" selected=\"selected\">"), "tenant chosen");
  }

  @Test
  void pagesByKeyToTheEndWithoutDuplicates() {
    String mark = UUID.randomUUID().toString();
    int count = 120;
    for (int i = 0; i < count; i++) {
      scim.send(
          scim.request("/Users?filter=" + url("externalId eq \"" + mark + "\""), ACME_TOKEN)
              .header("X-Request-Id", String.format("page-%03d-%s", i, mark))
              .GET());
    }
    awaitLogged("q=" + mark, count);

    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    List<List<String>> pages = new ArrayList<>();
    String last = null;
    String link = "log.xhtml?tenant=acme&q=" + mark;
    while (link != null) {
      String page = console.page(link);
      last = page;
      pages.add(correlationsOn(page));
      assertTrue(page.contains("id=\"total\">120 matching entries"), "the total on every page");
      List<String> correlations = correlationsOn(page);
      sizes.add(correlations.size());
      seen.addAll(correlations);
      if (sizes.size() > 1) {
        assertTrue(page.contains("id=\"firstPage\""), "a later page links to the first");
      } else {
        assertFalse(page.contains("id=\"firstPage\""), "the first page is the first");
      }
      Matcher next = NEXT_LINK.matcher(page);
      link = next.find() ? next.group(1).replace("&amp;", "&") : null;
      if (link != null) {
        assertTrue(link.contains("q=" + mark) && link.contains("tenant=acme"), link);
        assertTrue(link.contains("after="), link);
      }
      assertTrue(sizes.size() <= 5, "paging ends");
    }

    assertEquals(List.of(50, 50, 20), sizes);
    // and back: Previous reads the page before, the same 50 as going forward
    Matcher previous = PREVIOUS_LINK.matcher(last);
    assertTrue(previous.find(), "the last page links back");
    String middle = console.page(previous.group(1).replace("&amp;", "&"));
    assertEquals(pages.get(1), correlationsOn(middle));
    Matcher first = PREVIOUS_LINK.matcher(middle);
    assertTrue(first.find(), "the middle page links back");
    String firstPage = console.page(first.group(1).replace("&amp;", "&"));
    assertEquals(pages.get(0), correlationsOn(firstPage));
    assertFalse(PREVIOUS_LINK.matcher(firstPage).find(), "nothing before the first page");
    assertEquals(count, new LinkedHashSet<>(seen).size(), "no duplicates");
    List<String> newestFirst = new ArrayList<>(seen);
    newestFirst.sort((a, b) -> b.compareTo(a));
    assertEquals(newestFirst, seen);
  }

  @Test
  void aBadFilterIsExplainedNotAnError() {
    HttpResponse<String> page = console.get("/admin/log.xhtml?from=yesterday&outcome=nope");

    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("id=\"filterError\""), page.body());
    assertTrue(
        page.body().contains("&#39;from&#39; is not a time")
            || page.body().contains("'from' is not a time"),
        page.body());
  }

  @Test
  void theLogNeedsASignIn() {
    HttpResponse<String> page = new Console(console.base).get("/admin/log.xhtml");

    assertEquals(302, page.statusCode());
    assertTrue(page.headers().firstValue("Location").orElse("").contains("/login.xhtml"));
  }

  // The detail page

  @Test
  void detailShowsTheRedactedBodyAndLinksTheResourceWhileItExists() {
    String mark = UUID.randomUUID().toString();
    String password = "t1meMa$heen-" + mark;
    ScimClient.Reply created =
        scim.send(
            scim.withJson(
                    "POST",
                    "/Users",
                    ACME_TOKEN,
                    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                        + "\"userName\":\"bjensen-"
                        + mark
                        + "@example.com\",\"password\":\""
                        + password
                        + "\"}")
                .header("X-Request-Id", "create-" + mark));
    assertEquals(201, created.status(), created.body());
    String userId = created.json().getString("id");
    awaitLogged("correlation=create-" + mark, 1);
    String entryId = entryIdsOn(console.page("log.xhtml?correlation=create-" + mark)).get(0);

    String detail = console.page("log-entry.xhtml?id=" + entryId);

    assertFalse(detail.contains(password), "the password never shows");
    assertFalse(detail.contains("t1meMa"), "not even a part of it");
    assertTrue(detail.contains("[REDACTED]"), detail);
    assertTrue(detail.contains("bjensen-" + mark + "@example.com"), detail);
    assertTrue(detail.contains("ext_"), "the token prefix");
    assertTrue(
        detail.contains("href=\"log.xhtml?correlation=create-" + mark + "\""),
        "the correlation id links to the log");
    assertTrue(
        detail.contains("href=\"user.xhtml?tenant=acme&amp;id=" + userId + "\""),
        "links to the user while it exists");
    assertFalse(console.page("log.xhtml?q=" + mark).contains(password));
    assertFalse(console.get("/admin/log.csv?q=" + mark).body().contains(password));

    assertEquals(204, scim.delete("/Users/" + userId, ACME_TOKEN).status());
    String afterDelete = console.page("log-entry.xhtml?id=" + entryId);
    assertFalse(afterDelete.contains("user.xhtml?"), "no link to a deleted user");
    assertTrue(afterDelete.contains("no longer exists"), afterDelete);
  }

  @Test
  void detailOfAMissingEntrySaysSo() {
    for (String id : List.of("987654321", "abc", "")) {
      HttpResponse<String> page = console.get("/admin/log-entry.xhtml?id=" + id);
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("id=\"noSuchEntry\""), page.body());
    }
  }

  // CSV

  @Test
  void csvExportsTheFilteredViewWithFormulasDefused() {
    String mark = UUID.randomUUID().toString();
    for (int i = 0; i < 3; i++) {
      scim.send(
          scim.request("/Users/" + mark, ACME_TOKEN)
              .header("X-Request-Id", "csv-" + i + "-" + mark)
              .header("User-Agent", "=HYPERLINK(\"http://evil.example\")")
              .GET());
    }
    scim.send(
        scim.request("/Users/" + mark, GLOBEX_TOKEN).header("X-Request-Id", "csv-g-" + mark).GET());
    awaitLogged("q=" + mark, 4);

    String page = console.page("log.xhtml?tenant=acme&q=" + mark);
    assertTrue(
        page.contains("href=\"log.csv?tenant=acme&amp;q=" + mark + "\""),
        "the page links its export");
    HttpResponse<String> csv = console.get("/admin/log.csv?tenant=acme&q=" + mark);

    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
    String[] lines = csv.body().split("\r\n");
    assertEquals(
        "time,tenant,method,path,query,status,scimType,detail,durationMs,correlationId,"
            + "resourceType,resourceId,tokenPrefix,client,subject,action",
        lines[0]);
    assertEquals(4, lines.length, csv.body());
    for (int i = 1; i < lines.length; i++) {
      assertTrue(lines[i].contains(",acme,GET,/scim/v2/Users/" + mark + ",,404,"), lines[i]);
      assertTrue(
          lines[i].endsWith(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",,read"), lines[i]);
    }
    assertTrue(lines[1].contains(",csv-2-" + mark + ","), "newest first: " + lines[1]);
    assertFalse(csv.body().contains("csv-g-" + mark), "only the filtered tenant");

    HttpResponse<String> bad = console.get("/admin/log.csv?outcome=nope");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("'outcome' must be one of"), bad.body());
    assertEquals(
        302, new Console(console.base).get("/admin/log.csv").statusCode(), "signed in only");
  }

  // The admin API

  @Test
  void apiReadsTheLogWithBasicOnly() {
    String id = "api-" + UUID.randomUUID();
    scim.send(scim.request("/Users/" + id, ACME_TOKEN).header("X-Request-Id", id).GET());
    awaitLogged("correlation=" + id, 1);

    HttpResponse<String> reply = console.api("/api/admin/v1/log?correlation=" + id, true);
    assertEquals(200, reply.statusCode(), reply.body());
    JsonObject json = json(reply.body());
    assertEquals(1, json.getJsonArray("entries").size());
    JsonObject entry = json.getJsonArray("entries").getJsonObject(0);
    assertEquals(id, entry.getString("correlationId"));
    assertEquals("acme", entry.getString("tenant"));
    assertEquals(404, entry.getInt("status"));
    assertEquals("/scim/v2/Users/" + id, entry.getString("path"));
    assertTrue(json.isNull("next"));

    HttpResponse<String> one = console.api("/api/admin/v1/log/" + entry.getJsonNumber("id"), true);
    assertEquals(200, one.statusCode());
    assertEquals(id, json(one.body()).getString("correlationId"));

    assertEquals(401, console.api("/api/admin/v1/log?correlation=" + id, false).statusCode());
    assertEquals(
        401,
        console.get("/api/admin/v1/log?correlation=" + id).statusCode(),
        "a signed-in session's cookie is no credential for the API");
  }

  @Test
  void apiPagesWithNextAndRefusesBadFilters() {
    String mark = UUID.randomUUID().toString();
    for (int i = 0; i < 5; i++) {
      scim.send(
          scim.request("/Users/" + mark, ACME_TOKEN)
              .header("X-Request-Id", "p" + i + "-" + mark)
              .GET());
    }
    awaitLogged("q=" + mark, 5);

    Set<String> seen = new LinkedHashSet<>();
    String next = null;
    int pages = 0;
    do {
      JsonObject page =
          json(
              console
                  .api(
                      "/api/admin/v1/log?q="
                          + mark
                          + "&limit=2"
                          + (next == null ? "" : "&after=" + url(next)),
                      true)
                  .body());
      page.getJsonArray("entries")
          .forEach(e -> seen.add(e.asJsonObject().getString("correlationId")));
      next = page.isNull("next") ? null : page.getString("next");
      pages++;
    } while (next != null && pages < 10);
    assertEquals(3, pages);
    assertEquals(5, seen.size());

    HttpResponse<String> bad = console.api("/api/admin/v1/log?outcome=nope", true);
    assertEquals(400, bad.statusCode());
    assertTrue(
        bad.headers().firstValue("Content-Type").orElse("").startsWith("application/scim+json"));
    assertEquals("invalidValue", json(bad.body()).getString("scimType"));
    assertEquals(400, console.api("/api/admin/v1/log?limit=5000", true).statusCode());
    assertEquals(404, console.api("/api/admin/v1/log/987654321", true).statusCode());
  }

  // Whom and what (docs/console.md)

  @Test
  void theLogNamesWhomEachRequestWasAboutAndWhatItDid() {
    String mark = UUID.randomUUID().toString().substring(0, 8);
    String userName = "Nancy.Davolio-" + mark + "@contoso.com";
    String user =
        scim.post(
                "/Users",
                ACME_TOKEN,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                    + userName
                    + "\",\"active\":true}")
            .json()
            .getString("id");
    // Entra's Test Connection, its match query, a deactivation, a failed PATCH, Okta's probe
    scim.get("/Users?filter=" + url("userName eq \"" + UUID.randomUUID() + "\""), ACME_TOKEN);
    scim.get("/Users?filter=" + url("userName eq \"" + userName + "\""), ACME_TOKEN);
    assertEquals(
        200,
        scim.patch(
                "/Users/" + user,
                ACME_TOKEN,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}")
            .status());
    assertEquals(
        400,
        scim.patch(
                "/Users/" + user,
                ACME_TOKEN,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":[1]}]}")
            .status());
    String group =
        scim.post(
                "/Groups",
                ACME_TOKEN,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                    + "\"displayName\":\"Sales-"
                    + mark
                    + "\"}")
            .json()
            .getString("id");
    assertEquals(
        204,
        scim.patch(
                "/Groups/" + group,
                ACME_TOKEN,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"Add\",\"path\":\"members\","
                    + "\"value\":[{\"value\":\""
                    + user
                    + "\"}]}]}")
            .status(),
        "Entra's member add");
    assertEquals(204, scim.delete("/Users/" + user, ACME_TOKEN).status());
    awaitLogged("tenant=acme&q=" + url(mark), 7);

    List<String> actions = new ArrayList<>();
    for (var entry :
        json(console.api("/api/admin/v1/log?limit=100&tenant=acme&q=" + url(mark), true).body())
            .getJsonArray("entries")) {
      JsonObject e = entry.asJsonObject();
      actions.add(e.getString("action") + " " + e.getString("subject", "-"));
    }
    assertEquals(
        List.of(
            "delete " + userName,
            "add members Sales-" + mark,
            "create Sales-" + mark,
            "update " + userName, // the failed PATCH: still named, the store had read the user
            "deactivate " + userName,
            "lookup " + userName,
            "create " + userName),
        actions);
    String page = console.page("log.xhtml?tenant=acme&action=deactivate&q=" + url(mark));
    assertEquals(1, entryIdsOn(page).size(), page);
    assertTrue(page.contains(userName), "the Who column");
    assertTrue(page.contains("id=\"total\">1 matching entry"), page);
    String failed = console.page("log.xhtml?tenant=acme&outcome=error&q=" + url(mark));
    assertEquals(1, entryIdsOn(failed).size(), failed);
    assertTrue(failed.contains("<div class=\"reason\">"), "the failure's reason inline: " + failed);
    String testConnections = console.page("log.xhtml?tenant=acme&action=test+connection");
    assertFalse(entryIdsOn(testConnections).isEmpty(), testConnections);
  }

  @Test
  void aUsersTimelineShowsTheGroupRequestsThatNamedIt() {
    String mark = UUID.randomUUID().toString().substring(0, 8);
    String user =
        scim.post(
                "/Users",
                ACME_TOKEN,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"timeline-"
                    + mark
                    + "\"}")
            .json()
            .getString("id");
    scim.post(
        "/Groups",
        ACME_TOKEN,
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Dept-"
            + mark
            + "\",\"members\":[{\"value\":\""
            + user
            + "\"}]}");
    awaitLogged("tenant=acme&q=" + url("Dept-" + mark), 1);

    String page = console.page("user.xhtml?tenant=acme&id=" + user);

    assertTrue(page.contains("group Dept-" + mark), page);
    assertTrue(page.contains(">create<"), page);
    String entry =
        entryIdsOn(console.page("log.xhtml?tenant=acme&q=" + url("Dept-" + mark))).get(0);
    String detail = console.page("log-entry.xhtml?id=" + entry);
    assertTrue(
        detail.contains(
            "href=\"user.xhtml?tenant=acme&amp;id=" + user + "\">timeline-" + mark + "</a>"),
        "the member's id shown with its name: " + detail);
    String group =
        json(console.api("/api/admin/v1/log/" + entry, true).body()).getString("resourceId");
    String department = console.page("group.xhtml?tenant=acme&id=" + group);
    assertTrue(department.contains("log-entry.xhtml?id=" + entry), "the department's timeline");
  }

  @Test
  void aConflictSaysWhyWhatToChangeAndWhoHoldsTheName() {
    String mark = UUID.randomUUID().toString().substring(0, 8);
    String body =
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"%s\"}";
    String holder =
        scim.post("/Users", ACME_TOKEN, String.format(body, "conflict-" + mark))
            .json()
            .getString("id");
    ScimClient.Reply second =
        scim.send(
            scim.withJson("POST", "/Users", ACME_TOKEN, String.format(body, "CONFLICT-" + mark))
                .header("X-Request-Id", "conflict-" + mark));
    assertEquals(409, second.status());
    awaitLogged("correlation=conflict-" + mark, 1);
    String entry = entryIdsOn(console.page("log.xhtml?correlation=conflict-" + mark)).get(0);

    String page = console.page("log-entry.xhtml?id=" + entry);

    assertTrue(page.contains("id=\"advice\""), page);
    assertTrue(page.contains("ignoring case"), "why: " + page);
    assertTrue(page.contains("Match objects using this attribute"), "Entra ID: " + page);
    assertTrue(page.contains("Okta username format"), "Okta: " + page);
    assertTrue(
        page.contains(
            "id=\"conflictLink\" class=\"button\" href=\"user.xhtml?tenant=acme&amp;id=" + holder),
        page);
    assertTrue(page.contains("\"status\": \"409\""), "the response body: " + page);
    assertTrue(page.contains("$ROSTER_TOKEN"), "copy as curl: " + page);
    assertFalse(page.contains(ACME_TOKEN), "never the token");
  }

  @Test
  void refusedTokensBelongToTheirTenantAndItsHealthSaysSo() {
    AdminApiClient admin = new AdminApiClient(server);
    String tenant = "north-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(
        201,
        admin
            .asAdmin("POST", "/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Northwind\"}")
            .status());
    JsonObject issued =
        admin.asAdmin("POST", "/tenants/" + tenant + "/tokens", "{\"label\":\"entra\"}").json();
    String token = issued.getString("token");
    assertEquals(200, scim.get("/Users?startIndex=1&count=2", token).status(), "Okta's probe");
    String cutShort = token.substring(0, token.length() - 5);
    assertEquals(401, scim.get("/Users?count=1", cutShort).status());
    String madeUp = "rst_zzzzzzzz_" + "x".repeat(43);
    assertEquals(401, scim.get("/Users?count=1", madeUp).status());
    assertEquals(
        200,
        admin
            .asAdmin(
                "POST",
                "/tenants/" + tenant + "/tokens/" + issued.getString("id") + "/revoke",
                "{}")
            .status());
    assertEquals(401, scim.get("/Users?count=1", token).status());
    awaitLogged("tenant=" + tenant, 3);

    List<JsonObject> entries = new ArrayList<>();
    json(console.api("/api/admin/v1/log?tenant=" + tenant, true).body())
        .getJsonArray("entries")
        .forEach(e -> entries.add(e.asJsonObject()));
    assertEquals(3, entries.size(), entries.toString());
    assertEquals(401, entries.get(0).getInt("status"));
    assertEquals(issued.getString("prefix"), entries.get(0).getString("tokenPrefix"), "revoked");
    assertTrue(entries.get(0).getString("detail").contains("revoked"), entries.get(0).toString());
    assertTrue(entries.get(1).isNull("tokenPrefix"), "a cut-short token names no prefix");
    assertTrue(entries.get(1).getString("detail").contains("cut short"), entries.get(1).toString());
    assertEquals("test connection", entries.get(2).getString("action"));

    String page = console.page("tenant.xhtml?id=" + tenant);
    assertTrue(page.contains("id=\"healthBadge\">Failing<"), page);
    assertTrue(page.contains("refused with 401"), page);
    assertTrue(page.contains("no valid token"), page);
    assertTrue(page.contains("<svg"), "the tenant's chart");
    String entryPage =
        console.page("log-entry.xhtml?id=" + entries.get(1).getJsonNumber("id").longValue());
    assertTrue(entryPage.contains("Secret Token"), "what to change in Entra ID: " + entryPage);
    assertTrue(console.page("").contains("Failing"), "the dashboard's badge");
  }

  // Helpers

  /**
   * Waits until the log holds {@code count} records for a filter: it is written about 0.1 s after a
   * request.
   */
  private void awaitLogged(String filter, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int found = -1;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> reply = console.api("/api/admin/v1/log?limit=1000&" + filter, true);
      if (reply.statusCode() == 200) {
        found = json(reply.body()).getJsonArray("entries").size();
        if (found >= count) {
          return;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the log has " + found + " records for " + filter + ", not " + count);
  }

  private static List<String> correlationsOn(String page) {
    List<String> found = new ArrayList<>();
    Matcher matcher = CORRELATION_CELL.matcher(page);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  /** The entries a page lists, each once (a row links to its entry from several cells). */
  private static List<String> entryIdsOn(String page) {
    Set<String> found = new LinkedHashSet<>();
    Matcher matcher = ENTRY_LINK.matcher(page);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return new ArrayList<>(found);
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  private static String url(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A browser's part: a cookie jar, the sign-in form, pages; and the API with Basic. */
  private static final class Console {

    private static final Pattern VIEW_STATE =
        Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");

    final String base;
    private final HttpClient http;

    Console(String base) {
      this.base = base;
      this.http =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
    }

    void signIn() {
      Matcher viewState = VIEW_STATE.matcher(get("/login.xhtml").body());
      assertTrue(viewState.find(), "the sign-in form has a view state");
      String form =
          "signInForm=signInForm&signInForm%3Auser="
              + url(ADMIN_USER)
              + "&signInForm%3Apassword="
              + url(ADMIN_PASSWORD)
              + "&signInForm%3AsignInButton=Sign+in&jakarta.faces.ViewState="
              + url(viewState.group(1));
      HttpResponse<String> reply =
          send(
              HttpRequest.newBuilder(URI.create(base + "/login.xhtml"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form)));
      assertEquals(302, reply.statusCode(), "signed in: " + reply.body());
    }

    /** A console page under /admin/, which must answer 200. */
    String page(String relative) {
      HttpResponse<String> reply = get("/admin/" + relative);
      assertEquals(200, reply.statusCode(), relative);
      assertNull(reply.headers().firstValue("Location").orElse(null));
      return reply.body();
    }

    HttpResponse<String> get(String path) {
      return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    HttpResponse<String> api(String path, boolean withBasic) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
      if (withBasic) {
        request.header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
      }
      // a fresh client: no session cookie goes with an API call
      try {
        HttpResponse<String> reply =
            HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertNotNull(reply);
        return reply;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return http.send(
            request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
