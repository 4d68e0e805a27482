package dev.roster.platform;

import dev.roster.groups.boundary.GroupsResource;
import dev.roster.provisioning.boundary.ProvisioningLogFilter;
import dev.roster.scim.boundary.DiscoveryResource;
import dev.roster.scim.boundary.RequestBodyFilter;
import dev.roster.scim.boundary.RequestSyntaxFilter;
import dev.roster.scim.boundary.ScimExceptionMapper;
import dev.roster.scim.boundary.ScimJsonReader;
import dev.roster.scim.boundary.ScimProtocolFilter;
import dev.roster.scim.boundary.UnexpectedExceptionMapper;
import dev.roster.scim.boundary.WebApplicationExceptionMapper;
import dev.roster.storage.DurableWritesFilter;
import dev.roster.tenants.boundary.BearerTokenFilter;
import dev.roster.tenants.boundary.TenantAdmissionFilter;
import dev.roster.users.boundary.UsersResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The SCIM API at {@code /scim/v2}. It lists its classes rather than having them scanned, so that
 * its filters apply to SCIM requests only, and another JAX-RS application (the admin API) can live
 * beside it with filters of its own.
 *
 * <p>Filter order, before matching: {@link ScimProtocolFilter} (correlation id), {@link
 * BearerTokenFilter} (401), {@link TenantAdmissionFilter} (429, or a wait), {@link
 * RequestSyntaxFilter} (400, 414, 431), {@link RequestBodyFilter} (415, 413). After the response:
 * {@link DurableWritesFilter} (a write's 2xx waits for the database's file, or becomes 503), then
 * {@link ProvisioningLogFilter} (priority 10: response filters run from the highest priority number
 * down), which records the answer as it leaves.
 */
@ApplicationPath("/scim/v2")
public class ScimApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        // resources
        DiscoveryResource.class,
        UsersResource.class,
        GroupsResource.class,
        // filters
        ScimProtocolFilter.class,
        BearerTokenFilter.class,
        TenantAdmissionFilter.class,
        RequestSyntaxFilter.class,
        RequestBodyFilter.class,
        ProvisioningLogFilter.class,
        DurableWritesFilter.class,
        // entity providers and exception mappers
        ScimJsonReader.class,
        ScimExceptionMapper.class,
        WebApplicationExceptionMapper.class,
        UnexpectedExceptionMapper.class);
  }

  @Override
  public Map<String, Object> getProperties() {
    // No WADL: an OPTIONS request would otherwise answer in XML.
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
