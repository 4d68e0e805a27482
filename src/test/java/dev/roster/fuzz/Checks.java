package dev.roster.fuzz;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every answer to a generated request must satisfy, whatever the request was: no 5xx, an
 * answer within the time bound, an RFC 7644 §3.12 error body on every error, SCIM JSON on every
 * success with a body, and nothing accepted without a valid token or on another tenant's resource.
 */
public final class Checks {

  static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

  /** The {@code scimType} keywords of RFC 7644 §3.12, Table 9. */
  static final Set<String> SCIM_TYPES =
      Set.of(
          "invalidFilter",
          "tooMany",
          "uniqueness",
          "mutability",
          "invalidSyntax",
          "invalidPath",
          "noTarget",
          "invalidValue",
          "invalidVers",
          "sensitive");

  /** The methods of RFC 7644 and HTTP's own HEAD and OPTIONS; any other must not succeed. */
  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");

  /** Exception class names or stack frames: internals that must never reach a client. */
  private static final Pattern INTERNALS =
      Pattern.compile(
          "Exception|StackOverflow|\\tat |\\b(?:java|javax|jakarta|org\\.h2|org\\.eclipse"
              + "|org\\.glassfish|com\\.sun|fish\\.payara)\\.[a-z]+\\.");

  private Checks() {}

  /**
   * One broken promise.
   *
   * @param check which promise, e.g. {@code 5xx}, {@code error-body}
   * @param what what was wrong, short enough to group failures by
   */
  public record Failure(String check, String what) {}

  public static List<Failure> check(WireRequest request, RawHttp.Response response, long bound) {
    List<Failure> failures = new ArrayList<>();
    int status = response.status();
    if (status < 0) {
      failures.add(new Failure("no-response", String.valueOf(response.failure())));
      return failures;
    }
    if (status >= 500) {
      failures.add(new Failure("5xx", "status " + status));
    }
    if (response.millis() > bound) {
      failures.add(new Failure("time", "over " + bound + " ms"));
    }
    boolean head = request.method().equals("HEAD");
    if (status >= 400 && !head) {
      String problem = errorBodyProblem(response);
      if (problem != null) {
        failures.add(new Failure("error-body", problem));
      }
    }
    if (status == 401
        && !String.valueOf(response.header("WWW-Authenticate")).startsWith("Bearer")) {
      failures.add(new Failure("401-challenge", "no WWW-Authenticate: Bearer"));
    }
    if (status == 405 && response.header("Allow") == null) {
      failures.add(new Failure("405-allow", "no Allow header"));
    }
    boolean success = status >= 200 && status < 300;
    if (success && !head && !request.method().equals("OPTIONS") && status != 204) {
      String problem = successBodyProblem(response);
      if (problem != null) {
        failures.add(new Failure("success-body", problem));
      }
    }
    if (success && !METHODS.contains(request.method())) {
      failures.add(new Failure("method", "accepted an unknown method"));
    }
    WireRequest.Expectation expected = request.expectation();
    if (success && expected != null) {
      String problem = expectationProblem(expected, response);
      if (problem != null) {
        failures.add(new Failure("stored-value", problem));
      }
    }
    if (success && request.tenant() == null) {
      failures.add(new Failure("auth", "accepted without a valid token"));
    }
    if (success && request.byIdTenant() != null && !request.byIdTenant().equals(request.tenant())) {
      failures.add(new Failure("tenant-isolation", "answered for another tenant's resource"));
    }
    return failures;
  }

  /** Null when the response is an RFC 7644 §3.12 error for its status, else what is wrong. */
  static String errorBodyProblem(RawHttp.Response response) {
    String type = response.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/scim+json")) {
      return "Content-Type " + (type == null ? "(none)" : type.replaceAll(";.*", ""));
    }
    JsonObject error = parseObject(response.body());
    if (error == null) {
      return "body is not a JSON object";
    }
    JsonValue schemas = error.get("schemas");
    if (!(schemas instanceof JsonArray array) || !array.contains(Json.createValue(ERROR_URN))) {
      return "schemas lacks " + ERROR_URN;
    }
    JsonValue status = error.get("status");
    if (!(status instanceof JsonString s)) {
      return "status is not a string";
    }
    if (!s.getString().equals(Integer.toString(response.status()))) {
      return "status \"" + s.getString() + "\" on HTTP " + response.status();
    }
    JsonValue scimType = error.get("scimType");
    if (scimType != null
        && !(scimType instanceof JsonString t && SCIM_TYPES.contains(t.getString()))) {
      return "scimType " + scimType + " is not an RFC 7644 keyword";
    }
    JsonValue detail = error.get("detail");
    if (detail != null && !(detail instanceof JsonString)) {
      return "detail is not a string";
    }
    if (INTERNALS.matcher(response.text()).find()) {
      return "body shows internals";
    }
    return null;
  }

  /** Null when an accepted write kept its promise about a stored value, else what is wrong. */
  static String expectationProblem(WireRequest.Expectation expected, RawHttp.Response response) {
    if (expected.refuse()) {
      return "accepted a value it cannot store as sent";
    }
    if (response.status() == 204) {
      return null;
    }
    JsonObject resource = parseObject(response.body());
    JsonValue value = resource == null ? null : resource.get(expected.attribute());
    if (!(value instanceof JsonString s) || !s.getString().equals(expected.value())) {
      return "stored " + expected.attribute() + " not returned as sent";
    }
    return null;
  }

  static String successBodyProblem(RawHttp.Response response) {
    String type = response.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/scim+json")) {
      return "Content-Type " + (type == null ? "(none)" : type.replaceAll(";.*", ""));
    }
    if (parseObject(response.body()) == null) {
      return "body is not a JSON object";
    }
    return null;
  }

  /**
   * Whether the filter is {@code A pr} for an attribute every resource of the endpoint has: {@code
   * id}, {@code meta} and its sub-attributes (RFC 7643 §3.1), and the required {@code userName} or
   * {@code displayName}. Such a filter must match every resource.
   */
  public static boolean alwaysPresent(String filter, boolean groups) {
    String f = filter.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    String urn = (groups ? Schemas.GROUP_URN : Schemas.USER_URN).toLowerCase(Locale.ROOT) + ":";
    if (f.startsWith(urn)) {
      f = f.substring(urn.length());
    }
    return f.matches(
        "(id|meta|meta\\.(created|lastmodified|resourcetype|location|version)|"
            + (groups ? "displayname" : "username")
            + ") pr");
  }

  /** The body as a JSON object, or null. */
  public static JsonObject parseObject(byte[] body) {
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The {@code scimType} of an error response, or null. */
  public static String scimType(RawHttp.Response response) {
    if (response.status() < 400) {
      return null;
    }
    JsonObject error = parseObject(response.body());
    return error != null && error.get("scimType") instanceof JsonString t ? t.getString() : null;
  }
}
