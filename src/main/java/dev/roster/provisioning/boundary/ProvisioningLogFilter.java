package dev.roster.provisioning.boundary;

import dev.roster.provisioning.control.LogEntry;
import dev.roster.provisioning.control.RequestTarget;
import dev.roster.scim.LogActions;
import dev.roster.scim.RequestSyntax;
import dev.roster.scim.SchemaUris;
import dev.roster.scim.boundary.RequestSubject;
import dev.roster.scim.boundary.ScimRequestProperties;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records every SCIM request once its response is known, rejected ones (401, 404, 413...) included.
 * It only gathers facts and queues them ({@link ProvisioningLogIntake}); {@link
 * ProvisioningLogWriter} does the rest. Response filters run in descending priority, so this low
 * priority makes it the last.
 */
@Priority(10)
@ApplicationScoped
public class ProvisioningLogFilter implements ContainerResponseFilter {

  private static final Logger LOG = Logger.getLogger(ProvisioningLogFilter.class.getName());

  @Inject ProvisioningLogIntake intake;

  @Inject BeanManager beans;

  /** {@link RequestSubject}'s bean, to read its instance of a request without creating one. */
  private Bean<?> subjectBean;

  /** Off only to measure what the log costs; every request is recorded otherwise. */
  @Inject
  @ConfigProperty(name = "roster.log.enabled", defaultValue = "true")
  volatile boolean enabled;

  /**
   * Turns recording off or on while the server runs: only for the benchmark's build, which sets the
   * log's cost against the same requests without it in one run (bench/RosterBench.java).
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!enabled) {
      return;
    }
    try {
      intake.record(entry(request, response, true));
    } catch (RuntimeException | StackOverflowError e) {
      // A response filter that throws turns the response into the container's HTML error page.
      // Record what is known without the body, and say why.
      LOG.log(Level.SEVERE, "Provisioning log: could not record a request in full", e);
      intake.record(entry(request, response, false));
    }
  }

  private LogEntry entry(
      ContainerRequestContext request, ContainerResponseContext response, boolean withBody) {
    Object received = request.getProperty(ScimRequestProperties.RECEIVED_NANOS);
    long durationMillis =
        received instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000_000 : 0;
    String scimType = null;
    String detail = null;
    if (response.getEntity() instanceof JsonObject body && isError(body)) {
      scimType = body.get("scimType") instanceof JsonString s ? s.getString() : null;
      detail = body.get("detail") instanceof JsonString d ? d.getString() : null;
      if (request.getProperty(ScimRequestProperties.NOTE) instanceof String note) {
        detail = detail == null ? note : detail + " " + note;
      }
    } else if (request.getProperty(ScimRequestProperties.NOTE) instanceof String note) {
      detail = note;
    }
    // A path the container could not have read came under a stand-in: record the one sent.
    String original =
        request.getProperty(ScimRequestProperties.ORIGINAL_PATH) instanceof String p ? p : null;
    RequestTarget target =
        RequestTarget.ofPath(
                original != null
                    ? RequestSyntax.relativeToScimBase(original)
                    : request.getUriInfo().getPath(true))
            .withLocation(
                response.getStatus() == 201
                    ? response.getHeaderString(HttpHeaders.LOCATION)
                    : null);
    JsonObject parsed =
        request.getProperty(ScimRequestProperties.BODY_JSON) instanceof JsonObject json
            ? json
            : null;
    String[] about = about(request, target, parsed);
    return new LogEntry(
        Instant.now(),
        tenantOf(request),
        (String) request.getProperty(ScimRequestProperties.TOKEN_PREFIX),
        request.getHeaderString(HttpHeaders.USER_AGENT),
        request.getMethod(),
        original != null ? original : request.getUriInfo().getRequestUri().getRawPath(),
        decode(request.getUriInfo().getRequestUri().getRawQuery()),
        target,
        response.getStatus(),
        scimType,
        detail,
        durationMillis,
        (String) request.getProperty(ScimRequestProperties.CORRELATION_ID),
        withBody ? (byte[]) request.getProperty(ScimRequestProperties.BODY) : null,
        withBody ? parsed : null,
        about[0],
        about[1]);
  }

  /**
   * Whom the request was about and what it did: as its store said, or else as the request shows
   * (docs/console.md). Never fails the record: a query the container cannot decode names nobody.
   */
  private String[] about(ContainerRequestContext request, RequestTarget target, JsonObject parsed) {
    try {
      MultivaluedMap<String, String> parameters = request.getUriInfo().getQueryParameters();
      String filter = parameters.getFirst("filter");
      if (filter == null && parsed != null && parsed.get("filter") instanceof JsonString f) {
        filter = f.getString(); // POST .search
      }
      RequestSubject subject = storesSubject();
      String name = subject == null ? null : subject.name();
      String action = subject == null ? null : subject.action();
      if (name == null) {
        name = LogActions.subjectOf(target.resourceType(), filter, parsed);
      }
      if (action == null) {
        action =
            LogActions.of(
                request.getMethod(),
                target.resourceType(),
                target.resourceId(),
                request.getUriInfo().getPath(true).endsWith(".search"),
                filter,
                parameters.getFirst("count"),
                parsed);
      }
      return new String[] {name, action};
    } catch (RuntimeException | StackOverflowError e) {
      LOG.log(Level.FINE, "Provisioning log: no subject for a request", e);
      return new String[2];
    }
  }

  /**
   * The request's {@link RequestSubject} if a store named or did something in it, else null. Not
   * through an injected proxy: that creates an instance for every lookup just to read two nulls,
   * and creating one (Payara's resource injection) cost as much as the rest of the entry.
   */
  private RequestSubject storesSubject() {
    if (subjectBean == null) {
      subjectBean = beans.resolve(beans.getBeans(RequestSubject.class));
    }
    return (RequestSubject) beans.getContext(RequestScoped.class).get(subjectBean);
  }

  /** The request's tenant: authenticated, or that of the refused token (docs/console.md). */
  private static String tenantOf(ContainerRequestContext request) {
    return request.getProperty(ScimRequestProperties.TENANT_ID) instanceof String tenant
        ? tenant
        : (String) request.getProperty(ScimRequestProperties.REFUSED_TENANT_ID);
  }

  private static boolean isError(JsonObject body) {
    return body.containsKey("schemas") && body.get("schemas").toString().contains(SchemaUris.ERROR);
  }

  private static String decode(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    try {
      return URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return rawQuery;
    }
  }
}
