package dev.roster.tenants.boundary;

import dev.roster.scim.boundary.ScimRequestProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import java.io.IOException;

/**
 * Hands back the tenant's pass ({@link TenantAdmissionFilter}) once a SCIM request is over. A
 * servlet filter, not a JAX-RS response filter: those run before the body is written, and a group's
 * members are read from the database while they are written.
 */
@WebFilter(urlPatterns = "/scim/v2/*", asyncSupported = true)
public class TenantAdmissionRelease extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } finally {
      if (request.getAttribute(ScimRequestProperties.RELEASE_AFTER_RESPONSE)
          instanceof AutoCloseable pass) {
        request.removeAttribute(ScimRequestProperties.RELEASE_AFTER_RESPONSE);
        try {
          pass.close();
        } catch (Exception e) {
          throw new IllegalStateException("releasing a tenant pass", e);
        }
      }
    }
  }
}
