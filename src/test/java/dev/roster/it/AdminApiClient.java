package dev.roster.it;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;

/** Calls to the admin API ({@code /api/admin/v1}) as an admin or with an API key. */
public final class AdminApiClient {

  private final URL server;

  public AdminApiClient(URL server) {
    this.server = server;
  }

  /** With the test deployment's admin account (HTTP Basic). */
  public ScimClient.Reply asAdmin(String method, String path, String json) {
    return call(
        ScimClient.basic(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD), method, path, json);
  }

  /** With an API key as bearer token. */
  public ScimClient.Reply withKey(String key, String method, String path, String json) {
    return call("Bearer " + key, method, path, json);
  }

  /**
   * @param authorization the Authorization header, or null for none
   * @param json the body, or null for none
   */
  public ScimClient.Reply call(String authorization, String method, String path, String json) {
    return call(authorization, method, path, "application/json", json);
  }

  /** As an admin, with a body of any type (CSV for an import). */
  public ScimClient.Reply asAdmin(String method, String path, String contentType, String body) {
    return call(
        ScimClient.basic(Deployments.ADMIN_USER, Deployments.ADMIN_PASSWORD),
        method,
        path,
        contentType,
        body);
  }

  private ScimClient.Reply call(
      String authorization, String method, String path, String contentType, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(server.toString().replaceAll("/+$", "") + "/api/admin/v1" + path))
            .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return new ScimClient(server).send(request);
  }
}
