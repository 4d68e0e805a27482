package dev.roster.scim.boundary;

/**
 * Names of the request properties through which the filters of one SCIM request hand facts to each
 * other, and to the provisioning log, without depending on one another.
 */
public final class ScimRequestProperties {

  /** The correlation id (String): the client's, or a generated one. */
  public static final String CORRELATION_ID = "roster.correlationId";

  /** When the request arrived (Long, System.nanoTime()). */
  public static final String RECEIVED_NANOS = "roster.receivedNanos";

  /** The tenant of the authenticated token (String). */
  public static final String TENANT_ID = "roster.tenantId";

  /**
   * The non-secret prefix of the stored token the presented one matched, accepted or refused
   * (String); absent for a token nobody issued, whatever prefix it claims.
   */
  public static final String TOKEN_PREFIX = "roster.tokenPrefix";

  /**
   * The tenant a refused token belongs to (String), for the provisioning log only: the request is
   * not authenticated, and nothing else treats it as the tenant's.
   */
  public static final String REFUSED_TENANT_ID = "roster.refusedTenantId";

  /** The request body as received, at most the payload limit (byte[]). */
  public static final String BODY = "roster.body";

  /** The request body parsed (JsonObject). */
  public static final String BODY_JSON = "roster.bodyJson";

  /**
   * What a successful request did not do as asked (String), such as member ids it skipped; the
   * provisioning log records it as the entry's detail. On a refused request, what the log adds to
   * the detail the caller saw.
   */
  public static final String NOTE = "roster.note";

  /**
   * What the request holds until its response is written, streamed parts included (AutoCloseable):
   * its tenant's pass through the concurrency limit.
   */
  public static final String RELEASE_AFTER_RESPONSE = "roster.releaseAfterResponse";

  /**
   * Why the request body was not read (String), set by the servlet filter that reads bodies: {@link
   * #BODY_TIMED_OUT} or {@link #BODY_SERVER_BUSY}.
   */
  public static final String BODY_INCOMPLETE = "roster.bodyIncomplete";

  /** The body did not arrive within the time allowed. */
  public static final String BODY_TIMED_OUT = "timed out";

  /** The server was reading as many slow bodies as it allows at once. */
  public static final String BODY_SERVER_BUSY = "server busy";

  /**
   * Why the container could not have read the request line or {@code Host} as sent (String); set
   * below the servlet layer (see {@code PayaraHttpEdge}), which then hands on a readable stand-in.
   */
  public static final String UNREADABLE = "roster.unreadable";

  /** The request path as the client sent it (String), when a stand-in replaced it. */
  public static final String ORIGINAL_PATH = "roster.originalPath";

  /** The request method as the client sent it (String), when a stand-in replaced it. */
  public static final String ORIGINAL_METHOD = "roster.originalMethod";

  /**
   * A {@code Content-Type} that cannot be parsed (String), hidden from JAX-RS, which fails on it.
   */
  public static final String MALFORMED_CONTENT_TYPE = "roster.malformedContentType";

  private ScimRequestProperties() {}
}
