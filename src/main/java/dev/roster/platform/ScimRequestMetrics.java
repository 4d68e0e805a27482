package dev.roster.platform;

import dev.roster.runtime.Metrics;
import dev.roster.scim.RequestSyntax;
import dev.roster.scim.boundary.ScimRequestProperties;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Counts and times every SCIM request for {@code /metrics} ({@link Metrics}), once its response is
 * written, streamed members included. A servlet filter, so that it sees the status that left and
 * every request the container handed on, refused ones included; the tenant is the one the bearer
 * filter authenticated.
 */
public class ScimRequestMetrics extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject Metrics metrics;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long start = System.nanoTime();
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = false;
    } finally {
      metrics.scimRequest(
          request.getAttribute(ScimRequestProperties.TENANT_ID) instanceof String tenant
              ? tenant
              : null,
          RequestSyntax.relativeToScimBase(path(request)),
          request.getAttribute(ScimRequestProperties.ORIGINAL_METHOD) instanceof String method
              ? method
              : request.getMethod(),
          failed ? 500 : response.getStatus(),
          System.nanoTime() - start);
    }
  }

  /** The path as sent: a stand-in's original (see PayaraHttpEdge), else the request's. */
  private static String path(HttpServletRequest request) {
    if (request.getAttribute(ScimRequestProperties.ORIGINAL_PATH) instanceof String original) {
      return original;
    }
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
