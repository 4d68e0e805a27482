package dev.roster.scim;

import static dev.roster.scim.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one error type of Roster: an HTTP status, an optional {@link ScimType} and a detail message a
 * person can act on. It leaves the server as an RFC 7644 §3.12 error body.
 *
 * <p>Build it through the factories, which are named after the RFC's error keywords (and after the
 * HTTP statuses that have no keyword). WEB-INF/ejb-jar.xml declares it an application exception
 * that rolls back, so that an EJB neither wraps it nor commits half of a change.
 */
public class ScimException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final ScimType scimType;
  private final Duration retryAfter;

  public ScimException(int status, ScimType scimType, String detail) {
    this(status, scimType, detail, null);
  }

  private ScimException(int status, ScimType scimType, String detail, Duration retryAfter) {
    super(Objects.requireNonNull(detail, "detail"));
    this.status = status;
    this.scimType = scimType;
    this.retryAfter = retryAfter;
  }

  // RFC 7644 §3.12 keywords

  /** 400: the filter syntax is invalid, or an attribute or operator is not supported. */
  public static ScimException invalidFilter(String detail) {
    return new ScimException(400, ScimType.INVALID_FILTER, detail);
  }

  /** 400: the query would return more results than the server is willing to process. */
  public static ScimException tooMany(String detail) {
    return new ScimException(400, ScimType.TOO_MANY, detail);
  }

  /** 409: a value that must be unique is already in use. */
  public static ScimException uniqueness(String detail) {
    return new ScimException(409, ScimType.UNIQUENESS, detail);
  }

  /** 400: the request tried to change an attribute that cannot be changed. */
  public static ScimException mutability(String detail) {
    return new ScimException(400, ScimType.MUTABILITY, detail);
  }

  /** 400: the body could not be parsed, or does not have the structure the request needs. */
  public static ScimException invalidSyntax(String detail) {
    return new ScimException(400, ScimType.INVALID_SYNTAX, detail);
  }

  /** 400: a PATCH path is malformed or names nothing the schema knows. */
  public static ScimException invalidPath(String detail) {
    return new ScimException(400, ScimType.INVALID_PATH, detail);
  }

  /** 400: a PATCH path with a value filter matched nothing. */
  public static ScimException noTarget(String detail) {
    return new ScimException(400, ScimType.NO_TARGET, detail);
  }

  /** 400: a required value is missing, or a value has the wrong type or is not allowed. */
  public static ScimException invalidValue(String detail) {
    return new ScimException(400, ScimType.INVALID_VALUE, detail);
  }

  /** 400: the SCIM protocol version asked for is not supported. */
  public static ScimException invalidVers(String detail) {
    return new ScimException(400, ScimType.INVALID_VERS, detail);
  }

  /** 403: the request carries sensitive information in its URI. */
  public static ScimException sensitive(String detail) {
    return new ScimException(403, ScimType.SENSITIVE, detail);
  }

  // HTTP statuses of RFC 7644 §3.12 that have no keyword

  /** 401: no valid credentials. The caller adds the {@code WWW-Authenticate} challenge. */
  public static ScimException unauthorized(String detail) {
    return new ScimException(401, null, detail);
  }

  /** 403: the operation is not allowed, for example a filter on a discovery endpoint. */
  public static ScimException forbidden(String detail) {
    return new ScimException(403, null, detail);
  }

  /** 404: the resource or endpoint does not exist (for this tenant). */
  public static ScimException notFound(String detail) {
    return new ScimException(404, null, detail);
  }

  /** 405: the endpoint exists, but not for this HTTP method. */
  public static ScimException methodNotAllowed(String detail) {
    return new ScimException(405, null, detail);
  }

  /** 408: the request body did not arrive in the time the server allows. */
  public static ScimException requestTimeout(String detail) {
    return new ScimException(408, null, detail);
  }

  /** 409: the request conflicts with the resource's state in a way that is not about uniqueness. */
  public static ScimException conflict(String detail) {
    return new ScimException(409, null, detail);
  }

  /** 410: what was asked for existed but is no longer kept (an expired change-feed cursor). */
  public static ScimException gone(String detail) {
    return new ScimException(410, null, detail);
  }

  /** 412: an {@code If-Match} precondition failed; the resource has changed. */
  public static ScimException preconditionFailed(String detail) {
    return new ScimException(412, null, detail);
  }

  /** 413: the request body is larger than the server accepts. */
  public static ScimException payloadTooLarge(String detail) {
    return new ScimException(413, null, detail);
  }

  /** 414: the request's URI is longer than the server reads (RFC 9110 §15.5.15). */
  public static ScimException uriTooLong(String detail) {
    return new ScimException(414, null, detail);
  }

  /** 415: the request body is not JSON. */
  public static ScimException unsupportedMediaType(String detail) {
    return new ScimException(415, null, detail);
  }

  /**
   * 429: the client sends more than the server takes from it now (RFC 6585 §4); it should try again
   * after {@code retryAfter}, which leaves as a {@code Retry-After} header.
   */
  public static ScimException tooManyRequests(String detail, Duration retryAfter) {
    return new ScimException(429, null, detail, Objects.requireNonNull(retryAfter));
  }

  /** 431: the request's header fields are larger than the server reads (RFC 6585 §5). */
  public static ScimException headersTooLarge(String detail) {
    return new ScimException(431, null, detail);
  }

  /**
   * 503: the server cannot answer now for a reason that is not the request's (its database is down
   * or too slow); the client should try again after {@code retryAfter}.
   */
  public static ScimException unavailable(String detail, Duration retryAfter) {
    return new ScimException(503, null, detail, Objects.requireNonNull(retryAfter));
  }

  /**
   * 500: something unexpected. The detail must hold an incident reference, never exception text.
   */
  public static ScimException internalError(String detail) {
    return new ScimException(500, null, detail);
  }

  /** 501: the request is valid SCIM, but this server does not offer that operation. */
  public static ScimException notImplemented(String detail) {
    return new ScimException(501, null, detail);
  }

  public int status() {
    return status;
  }

  public Optional<ScimType> scimType() {
    return Optional.ofNullable(scimType);
  }

  public String detail() {
    return getMessage();
  }

  /** When the client should try again (429 and 503), as the {@code Retry-After} header says. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Whole seconds for a {@code Retry-After} header: at least 1, rounded up. */
  public static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  /** The error body of RFC 7644 §3.12, with {@code status} as a string. */
  public JsonObject toJson() {
    JsonObjectBuilder body =
        JSON.createObjectBuilder()
            .add("schemas", JSON.createArrayBuilder().add(SchemaUris.ERROR))
            .add("status", Integer.toString(status));
    if (scimType != null) {
      body.add("scimType", scimType.keyword());
    }
    return body.add("detail", detail()).build();
  }
}
