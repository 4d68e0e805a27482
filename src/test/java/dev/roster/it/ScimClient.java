package dev.roster.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** A small HTTP client for SCIM requests in tests, speaking to one server. */
public final class ScimClient {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String base;

  /**
   * @param server the server's root URL, e.g. {@code http://localhost:8080/}
   */
  public ScimClient(URL server) {
    String root = server.toString().replaceAll("/+$", "");
    this.base = root + "/scim/v2";
  }

  public String base() {
    return base;
  }

  /** A request builder for a path under the SCIM base, e.g. {@code /Schemas}. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }

  /** The {@code Authorization} value of HTTP Basic, as the admin API takes it. */
  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
  }

  public HttpRequest.Builder request(String path, String token) {
    return request(path).header("Authorization", "Bearer " + token);
  }

  public Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  /**
   * A request with a JSON body under the SCIM base, sent as {@code application/scim+json}; add
   * headers (If-Match, another Content-Type) before sending it.
   *
   * @param method POST, PUT or PATCH
   */
  public HttpRequest.Builder withJson(String method, String path, String token, String json) {
    return request(path, token)
        .header("Content-Type", "application/scim+json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
  }

  public Reply post(String path, String token, String json) {
    return send(withJson("POST", path, token, json));
  }

  public Reply put(String path, String token, String json) {
    return send(withJson("PUT", path, token, json));
  }

  public Reply patch(String path, String token, String json) {
    return send(withJson("PATCH", path, token, json));
  }

  public Reply delete(String path, String token) {
    return send(request(path, token).DELETE());
  }

  public Reply send(HttpRequest.Builder request) {
    try {
      return new Reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response, with its body parsed when it is JSON. */
  public record Reply(HttpResponse<String> response) {

    public int status() {
      return response.statusCode();
    }

    public String body() {
      return response.body();
    }

    public JsonObject json() {
      try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
        return reader.readObject();
      }
    }

    public Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }

    public String contentType() {
      return header("Content-Type").orElse("");
    }

    @Override
    public String toString() {
      return response.request().method()
          + " "
          + response.uri()
          + " -> "
          + response.statusCode()
          + " "
          + response.body();
    }
  }
}
