package dev.roster.scim.boundary;

import dev.roster.scim.ServiceProviderConfig;
import dev.roster.scim.schema.CoreSchemas;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.Schema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What this server supports, in one place: discovery publishes it, and the code that enforces a
 * limit reads it from here, so that the two cannot drift apart. When a feature lands, its flags and
 * resource type change here; {@code DiscoveryIT} fails while discovery and behaviour disagree.
 */
@ApplicationScoped
public class ServiceProvider {

  /** The largest page a query will return (and the default page size). */
  public static final int MAX_RESULTS = 200;

  /** Resource types whose endpoints exist. Users and Groups join as they are built. */
  private static final List<ResourceType> RESOURCE_TYPES =
      List.of(ResourceType.USER, ResourceType.GROUP);

  private ServiceProviderConfig config;

  protected ServiceProvider() {
    // for the CDI proxy
  }

  @Inject
  public ServiceProvider(
      @ConfigProperty(name = "roster.scim.max-payload-bytes", defaultValue = "1048576")
          long maxPayloadBytes) {
    this.config =
        new ServiceProviderConfig(
            true, false, maxPayloadBytes, true, MAX_RESULTS, false, true, true);
  }

  public ServiceProviderConfig config() {
    return config;
  }

  public List<ResourceType> resourceTypes() {
    return RESOURCE_TYPES;
  }

  /** The resource type of that name; names compare without regard to case. */
  public Optional<ResourceType> resourceType(String name) {
    return RESOURCE_TYPES.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  public List<Schema> schemas() {
    return CoreSchemas.ALL;
  }

  public Optional<Schema> schema(String urn) {
    return CoreSchemas.find(urn);
  }
}
