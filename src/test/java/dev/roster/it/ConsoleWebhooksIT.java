package dev.roster.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;
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
 * The console's webhook pages, as an admin uses them: register an endpoint (its secret shown once),
 * watch deliveries arrive with status, latency and payload, see a failing endpoint's error and next
 * retry, replay, disable and delete.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleWebhooksIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  private ConsoleClient browser;
  private String tenant;
  private String token;

  @BeforeEach
  void signInWithATenant() {
    browser = new ConsoleClient(server);
    assertEquals(200, browser.signIn(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD).status());
    tenant = "cwh-" + UUID.randomUUID().toString().substring(0, 8);
    AdminApiClient admin = new AdminApiClient(server);
    admin.asAdmin("POST", "/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Console hooks\"}");
    token =
        admin
            .asAdmin("POST", "/tenants/" + tenant + "/tokens", "{\"label\":\"Entra\"}")
            .json()
            .getString("token");
  }

  @Test
  void anEndpointIsAddedItsSecretShownOnceAndItsDeliveriesListed() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      ConsoleClient.Page created = create(receiver.url(), tenant, "user.*");
      assertTrue(created.redirected(), "Post/Redirect/Get");
      String secret = created.textOf("issuedSecret");
      assertTrue(secret.startsWith("whsec_"), secret);
      ConsoleClient.Page again =
          browser.get(created.uri().getPath() + "?" + created.uri().getQuery());
      assertFalse(again.contains(secret), "shown once");
      assertTrue(again.contains(receiver.url()), again::html);

      scimCreate("pat");
      String id = webhookId(browser.get("/admin/webhooks.xhtml"), receiver.url());
      ConsoleClient.Page page = waitForPage(id, "user.created");
      assertTrue(page.contains("<span class=\"good\">204</span>"), page::html);
      assertTrue(page.contains("\"userName\":\"pat@contoso.com\""), page::html);
      assertTrue(page.contains(" ms"), "latency");

      ConsoleClient.Page disabled =
          browser.submit("/admin/webhook.xhtml", "endpointAccess", "disable", Map.of("=id", id));
      assertTrue(disabled.contains("Endpoint disabled"), disabled::html);
      assertTrue(disabled.contains("disabled: nothing is sent"), disabled::html);

      ConsoleClient.Page replayed =
          browser.submit(
              "/admin/webhook.xhtml",
              "replay",
              "send",
              Map.of("=id", id, "tenant", tenant, "from", "1", "to", "1"));
      assertTrue(replayed.contains("will be sent again"), replayed::html);
      ConsoleClient.Page refused =
          browser.submit(
              "/admin/webhook.xhtml",
              "replay",
              "send",
              Map.of("=id", id, "tenant", tenant, "from", "50", "to", "60"));
      assertFalse(refused.redirected());
      assertTrue(refused.contains("Replay needs"), refused::html);

      ConsoleClient.Page deleted =
          browser.submit("/admin/webhook.xhtml", "endpointAccess", "delete", Map.of("=id", id));
      assertTrue(deleted.contains("Endpoint deleted"), deleted::html);
      assertEquals(404, browser.get("/admin/webhook.xhtml?id=" + id).status());
    }
  }

  @Test
  void aFailingEndpointShowsTheErrorAndTheNextRetry() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.answer(n -> 500);
      create(receiver.url(), tenant, "*");
      scimCreate("sam");
      String id = webhookId(browser.get("/admin/webhooks.xhtml"), receiver.url());
      ConsoleClient.Page page = waitForPage(id, "The endpoint answered 500.");
      assertTrue(page.contains("<span class=\"bad\">500</span>"), page::html);
      Matcher retry = Pattern.compile("Next retry</th>").matcher(page.html());
      assertTrue(retry.find(), page::html);
      ConsoleClient.Page bad = create("ftp://nowhere", "", "*");
      assertFalse(bad.redirected());
      assertTrue(bad.contains("is not an http or https URL"), bad::html);
      browser.submit("/admin/webhook.xhtml", "endpointAccess", "delete", Map.of("=id", id));
    }
  }

  private ConsoleClient.Page create(String url, String forTenant, String types) {
    browser.get("/admin/webhooks.xhtml");
    return browser.submit(
        "/admin/webhooks.xhtml",
        "createWebhook",
        "create",
        Map.of("url", url, "tenant", forTenant, "types", types, "description", "test"));
  }

  private void scimCreate(String name) {
    ScimClient.Reply reply =
        new ScimClient(server).post("/Users", token, "{\"userName\":\"" + name + "@contoso.com\"}");
    assertEquals(201, reply.status(), reply::toString);
  }

  private static String webhookId(ConsoleClient.Page list, String url) {
    Matcher m =
        Pattern.compile("webhook\\.xhtml\\?id=([0-9a-f-]{36})\"><code>" + Pattern.quote(url))
            .matcher(list.html());
    assertTrue(m.find(), list::html);
    return m.group(1);
  }

  private ConsoleClient.Page waitForPage(String id, String text) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      ConsoleClient.Page page = browser.get("/admin/webhook.xhtml?id=" + id);
      if (page.contains(text)) {
        return page;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no '" + text + "' on " + page.html());
      }
      Thread.sleep(500);
    }
  }
}
