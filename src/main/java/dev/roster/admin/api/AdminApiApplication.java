package dev.roster.admin.api;

import dev.roster.scim.boundary.ScimExceptionMapper;
import dev.roster.scim.boundary.UnexpectedExceptionMapper;
import dev.roster.storage.DurableWritesFilter;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The admin API at {@code /api/admin/v1}, beside the SCIM API. It lists its classes, as {@code
 * ScimApplication} does, so that the SCIM filters (bearer tokens, the provisioning log) stay off
 * it. Authentication is not done here: {@code AdminAuthenticationMechanism} demands HTTP Basic of
 * an admin on every request under {@code /api/admin/} and ignores session cookies, so that a
 * signed-in browser cannot be made to call it (no CSRF).
 *
 * <p>Errors leave in the SCIM error shape of RFC 7644 §3.12, as on the SCIM API.
 */
@ApplicationPath("/api/admin/v1")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Roster",
            version = "1",
            description =
                "The SCIM 2.0 API (/scim/v2, bearer tokens) and the admin API (/api/admin/v1,"
                    + " HTTP Basic of an admin account, or an API key): tenants, tokens, the"
                    + " provisioning log and the change feed."))
@SecuritySchemes({
  @SecurityScheme(
      securitySchemeName = AdminApiApplication.BASIC,
      type = SecuritySchemeType.HTTP,
      scheme = "basic",
      description =
          "The name and password of a console admin, on every request. Wrong ones get 401. Too"
              + " many attempts for a name or from an address (failed ones, or many at once) get"
              + " 429, and a server busy checking other passwords 503, both unchecked and with"
              + " Retry-After."),
  @SecurityScheme(
      securitySchemeName = AdminApiApplication.API_KEY,
      type = SecuritySchemeType.HTTP,
      scheme = "bearer",
      description =
          "An API key (rk_…) issued by an admin, as 'Authorization: Bearer <key>'. It may call"
              + " what its scopes allow: 'directory' the change feed, 'admin' tenants, tokens and"
              + " the log; never API keys. A missing scope gets 403.")
})
public class AdminApiApplication extends Application {

  /** The security scheme that the resources of the admin API require. */
  static final String BASIC = "adminBasic";

  /** The security scheme of API keys, which resources with an {@link ApiKeyScope} accept too. */
  static final String API_KEY = "apiKey";

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        // resources
        TenantsApi.class,
        TokensApi.class,
        LogApi.class,
        EventsApi.class,
        ApiKeysApi.class,
        DirectoryApi.class,
        DepartmentsApi.class,
        WebhooksApi.class,
        AccountsApi.class,
        DeprovisioningsApi.class,
        SchemasApi.class,
        AdminScopeFilter.class,
        DurableWritesFilter.class,
        // entity providers and exception mappers
        AdminJsonReader.class,
        ScimExceptionMapper.class,
        AdminApiErrorMapper.class,
        UnexpectedExceptionMapper.class);
  }

  @Override
  public Map<String, Object> getProperties() {
    // No WADL: an OPTIONS request would otherwise answer in XML.
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
