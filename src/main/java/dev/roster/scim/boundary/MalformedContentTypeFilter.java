package dev.roster.scim.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Hides a {@code Content-Type} that cannot be parsed ({@code ;;;}, {@code application/}, {@code
 * application/json; charset=}) from JAX-RS, and notes it in {@link
 * ScimRequestProperties#MALFORMED_CONTENT_TYPE}. Jersey parses the header before any of its filters
 * run, and answered such a request with the container's HTML error page, to a caller without a
 * token too; with the header hidden, the SCIM filters answer it in their order: 401 first, then
 * {@code 400 invalidSyntax} from {@link RequestSyntaxFilter}, with a provisioning-log record.
 */
@WebFilter(
    urlPatterns = "/scim/v2/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class MalformedContentTypeFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || parses(contentType)) {
      chain.doFilter(request, response);
      return;
    }
    request.setAttribute(ScimRequestProperties.MALFORMED_CONTENT_TYPE, contentType);
    chain.doFilter(new WithoutContentType(request), response);
  }

  /** Whether JAX-RS can parse it, as Jersey will: with JAX-RS's own parser. */
  private static boolean parses(String contentType) {
    try {
      MediaType.valueOf(contentType);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The request as if it had come without a {@code Content-Type}. */
  private static final class WithoutContentType extends HttpServletRequestWrapper {

    WithoutContentType(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getContentType() {
      return null;
    }

    @Override
    public String getHeader(String name) {
      return isContentType(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return isContentType(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      return Collections.enumeration(
          Collections.list(super.getHeaderNames()).stream()
              .filter(name -> !isContentType(name))
              .toList());
    }

    private static boolean isContentType(String name) {
      return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name);
    }
  }
}
