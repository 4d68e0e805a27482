package dev.roster.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * What Roster tells operators through {@code GET /metrics} (MicroProfile Metrics, application
 * registry): every metric's name, tags and meaning are here, and the features record facts through
 * these few methods where they know them. docs/operations.md ("Metrics") lists them.
 *
 * <p>The tags are bounded, so that the number of series is too: {@code tenant} is a tenant id
 * (bounded by the tenants table; {@value #NO_TENANT} for a request that named no valid tenant),
 * {@code resource} is {@code Users}, {@code Groups} or {@code other}, {@code method} one of five
 * SCIM methods or {@code other}, {@code status} the HTTP status code.
 *
 * <p>Each series is looked up once and then kept, so a request costs two map lookups, a counter
 * increment and a timer update. On a server without MicroProfile Metrics nothing is recorded.
 */
@ApplicationScoped
public class Metrics {

  /** The tenant tag of a request without a valid tenant (no tenant id contains parentheses). */
  public static final String NO_TENANT = "(none)";

  static final String REQUESTS = "roster.scim.requests";
  static final String DURATION = "roster.scim.request.duration";
  static final String TENANT_REFUSED = "roster.scim.tenant.refused";
  static final String SIGN_IN_REFUSED = "roster.admin.sign.in.refused";
  static final String LOG_QUEUED = "roster.log.queued";
  static final String LOG_DROPPED = "roster.log.dropped";
  static final String CONNECTIONS_IN_USE = "roster.db.connections.in.use";
  static final String CONNECTIONS_MAX = "roster.db.connections.max";

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> RESOURCES = Set.of("Users", "Groups");

  private static final Metadata REQUESTS_METADATA =
      Metadata.builder()
          .withName(REQUESTS)
          .withDescription("SCIM requests answered, by tenant, resource type, method and status")
          .build();
  private static final Metadata DURATION_METADATA =
      Metadata.builder()
          .withName(DURATION)
          .withDescription(
              "Time from a SCIM request's body being read to its response being written")
          .withUnit(MetricUnits.SECONDS)
          .build();
  private static final Metadata TENANT_REFUSED_METADATA =
      Metadata.builder()
          .withName(TENANT_REFUSED)
          .withDescription(
              "SCIM requests refused with 429 because their tenant had too many running, waiting"
                  + " or too fast")
          .build();
  private static final Metadata SIGN_IN_REFUSED_METADATA =
      Metadata.builder()
          .withName(SIGN_IN_REFUSED)
          .withDescription(
              "Admin sign-ins (console and admin API) refused unchecked: throttled (429) or every"
                  + " hashing slot busy (503)")
          .build();

  private record RequestKey(String tenant, String resource, String method, int status) {}

  private record TimerKey(String tenant, String resource, String method) {}

  private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
  private final Map<TimerKey, Timer> durations = new ConcurrentHashMap<>();
  private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

  @Inject Instance<MetricRegistry> registries;

  private volatile MetricRegistry registry;

  private MetricRegistry registry() {
    if (registry == null && registries.isResolvable()) {
      registry = registries.get();
    }
    return registry;
  }

  /**
   * One SCIM request, once its response is written.
   *
   * @param tenantId the authenticated tenant, or null
   * @param path the path relative to the SCIM base, such as {@code Users/42}
   */
  public void scimRequest(String tenantId, String path, String method, int status, long nanos) {
    MetricRegistry metrics = registry();
    if (metrics == null) {
      return;
    }
    String tenant = tenantId == null ? NO_TENANT : tenantId;
    String resource = resourceOf(path);
    String verb = METHODS.contains(method) ? method : "other";
    requests
        .computeIfAbsent(
            new RequestKey(tenant, resource, verb, status),
            k ->
                metrics.counter(
                    REQUESTS_METADATA,
                    new Tag("tenant", k.tenant()),
                    new Tag("resource", k.resource()),
                    new Tag("method", k.method()),
                    new Tag("status", Integer.toString(k.status()))))
        .inc();
    durations
        .computeIfAbsent(
            new TimerKey(tenant, resource, verb),
            k ->
                metrics.timer(
                    DURATION_METADATA,
                    new Tag("tenant", k.tenant()),
                    new Tag("resource", k.resource()),
                    new Tag("method", k.method())))
        .update(Duration.ofNanos(nanos));
  }

  /** The tenant's gate refused a SCIM request (429). */
  public void tenantRefused(String tenantId) {
    refused(TENANT_REFUSED_METADATA, new Tag("tenant", tenantId));
  }

  /**
   * An admin sign-in was refused unchecked.
   *
   * @param reason {@code throttled} or {@code busy}
   */
  public void signInRefused(String reason) {
    refused(SIGN_IN_REFUSED_METADATA, new Tag("reason", reason));
  }

  private void refused(Metadata metadata, Tag tag) {
    MetricRegistry metrics = registry();
    if (metrics != null) {
      refusals
          .computeIfAbsent(
              metadata.getName() + ":" + tag.getTagValue(), k -> metrics.counter(metadata, tag))
          .inc();
    }
  }

  /**
   * The provisioning log's queue, read at each scrape.
   *
   * @param queued records waiting to be written
   * @param dropped records lost since the start (queue full during an outage, or refused)
   */
  public void watchProvisioningLog(Supplier<Integer> queued, Supplier<Long> dropped) {
    MetricRegistry metrics = registry();
    if (metrics == null) {
      return;
    }
    metrics.gauge(
        Metadata.builder()
            .withName(LOG_QUEUED)
            .withDescription("Provisioning-log records waiting to be written")
            .build(),
        queued);
    metrics.gauge(
        Metadata.builder()
            .withName(LOG_DROPPED)
            .withDescription(
                "Provisioning-log records lost since the start: the queue was full while the"
                    + " database was down, or the database refused the record")
            .build(),
        dropped);
  }

  /** {@code Users} or {@code Groups} for their endpoints, {@code other} for anything else. */
  static String resourceOf(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    int end = path.indexOf('/', start);
    String first = path.substring(start, end < 0 ? path.length() : end);
    return RESOURCES.contains(first) ? first : "other";
  }

  /**
   * The database connection pool, read at each scrape.
   *
   * @param inUse connections Roster holds now
   * @param max the pool's size, or null where Roster does not know it (an application server's pool
   *     is the server's)
   */
  public void watchDatabaseConnections(Supplier<Integer> inUse, Integer max) {
    MetricRegistry metrics = registry();
    if (metrics == null) {
      return;
    }
    metrics.gauge(
        Metadata.builder()
            .withName(CONNECTIONS_IN_USE)
            .withDescription("Database connections taken from the pool and not yet given back")
            .build(),
        inUse);
    if (max != null) {
      metrics.gauge(
          Metadata.builder()
              .withName(CONNECTIONS_MAX)
              .withDescription(
                  "Connections the pool opens at most (roster.db.pool-size); a request waits"
                      + " roster.db.connection-wait-ms for one, then gets 503")
              .build(),
          () -> max);
    }
  }
}
