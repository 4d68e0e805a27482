package dev.roster.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser, for tests of the console's pages over HTTP: it keeps cookies (the
 * session), follows redirects, and posts Faces forms the way a browser does, with the view state
 * that the page it last loaded carried. Each instance is one browser session.
 */
public final class ConsoleClient {

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");

  private final String root;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private Page last;

  /**
   * @param server the server's root URL, e.g. {@code http://localhost:8080/}
   */
  public ConsoleClient(URL server) {
    this.root = server.toString().replaceAll("/+$", "");
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /**
   * A page as the browser got it.
   *
   * @param redirected whether the server answered with a redirect that the browser followed (a form
   *     post that changed something must end so: Post/Redirect/Get)
   */
  public record Page(int status, URI uri, String html, boolean redirected) {

    /** The page's Faces view state, the same in each of its forms. */
    public String viewState() {
      Matcher m = VIEW_STATE.matcher(html);
      assertTrue(m.find(), () -> "no view state in " + uri + ":\n" + html);
      return m.group(1);
    }

    public boolean contains(String text) {
      return html.contains(text);
    }

    /** The text of the element with this id, e.g. {@code <code id="issuedToken">…</code>}. */
    public String textOf(String id) {
      Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
      assertTrue(m.find(), () -> "no element #" + id + " in " + uri + ":\n" + html);
      return m.group(1).strip();
    }

    @Override
    public String toString() {
      return status + " " + uri;
    }
  }

  /** GETs a path under the server root, e.g. {@code /admin/tenants.xhtml}. */
  public Page get(String path) {
    return remember(send(HttpRequest.newBuilder(URI.create(root + path)).GET()));
  }

  /**
   * Submits a form of the page last loaded: its view state is added, then the button.
   *
   * @param path where the form posts, e.g. {@code /admin/tenants.xhtml}
   * @param form the form's id
   * @param button the submit button's id within the form
   * @param fields field names relative to the form (e.g. {@code name} for {@code form:name}), or
   *     absolute when they start with '=' (a plain HTML field, e.g. {@code =id})
   */
  public Page submit(String path, String form, String button, Map<String, String> fields) {
    return post(path, formFields(form, button, fields));
  }

  /** A form's fields as a browser posts them: the given ones, the button, and the view state. */
  private Map<String, String> formFields(String form, String button, Map<String, String> fields) {
    Map<String, String> body = new LinkedHashMap<>();
    // The hidden fields by which Faces knows the form was submitted: Mojarra's and MyFaces' (Open
    // Liberty's). A browser sends both, as the page carries them.
    body.put(form, form);
    body.put(form + "_SUBMIT", "1");
    fields.forEach(
        (name, value) ->
            body.put(name.startsWith("=") ? name.substring(1) : form + ":" + name, value));
    body.put(form + ":" + button, "submit");
    body.put("jakarta.faces.ViewState", last.viewState());
    return body;
  }

  /**
   * Submits a form of the page last loaded as {@code multipart/form-data}, as a browser sends a
   * form with a file field, with one file.
   *
   * @param fileField the file field's name relative to the form
   */
  public Page submitWithFile(
      String path,
      String form,
      String button,
      Map<String, String> fields,
      String fileField,
      String fileName,
      String content) {
    Map<String, String> body = formFields(form, button, fields);
    String boundary = "----roster" + System.nanoTime();
    StringBuilder multipart = new StringBuilder();
    body.forEach(
        (name, value) ->
            multipart
                .append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name)
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n"));
    multipart
        .append("--")
        .append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"")
        .append(form)
        .append(':')
        .append(fileField)
        .append("\"; filename=\"")
        .append(fileName)
        .append("\"\r\nContent-Type: text/csv\r\n\r\n")
        .append(content)
        .append("\r\n--")
        .append(boundary)
        .append("--\r\n");
    return remember(
        send(
            HttpRequest.newBuilder(URI.create(root + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart.toString()))));
  }

  /** POSTs exactly these form fields, as a browser would (or a forger). */
  public Page post(String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return remember(
        send(
            HttpRequest.newBuilder(URI.create(root + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  /** Signs in through the sign-in form; the session cookie is kept for the next requests. */
  public Page signIn(String user, String password) {
    get("/login.xhtml");
    return submit(
        "/login.xhtml", "signInForm", "signInButton", Map.of("user", user, "password", password));
  }

  /** The cookies this browser would send to the server, as a {@code Cookie} header's value. */
  public String cookieHeader() {
    return cookies.getCookieStore().get(URI.create(root + "/")).stream()
        .map(c -> c.getName() + "=" + c.getValue())
        .collect(Collectors.joining("; "));
  }

  public Page last() {
    return last;
  }

  private Page remember(Page page) {
    last = page;
    return page;
  }

  private Page send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Page(
          response.statusCode(),
          response.uri(),
          response.body(),
          response.previousResponse().isPresent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
