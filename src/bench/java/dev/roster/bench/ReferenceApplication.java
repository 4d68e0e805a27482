package dev.roster.bench;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * A JAX-RS application of its own at {@code /bench}, so that none of the SCIM filters (bearer
 * token, provisioning log) run for the reference request. It lists its classes, as the other
 * applications of the WAR do.
 */
@ApplicationPath("/bench")
public class ReferenceApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(ReferenceResource.class, LogSwitchResource.class, H2StoreResource.class);
  }

  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
