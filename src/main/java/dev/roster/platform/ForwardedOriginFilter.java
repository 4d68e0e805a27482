package dev.roster.platform;

import dev.roster.runtime.Origin;
import dev.roster.runtime.TrustedProxySetting;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Behind a trusted reverse proxy, the request goes on with the scheme, host and port the client
 * used, as the proxy states them ({@code Forwarded}, {@code X-Forwarded-*}; see {@link
 * dev.roster.runtime.TrustedProxies#origin}). Everything that builds an absolute URL reads them
 * from the request, so this is the one place that decides: JAX-RS's base URI ({@code Location},
 * {@code meta.location}, {@code $ref}, discovery, the admin API's {@code Location}) and the
 * console's SCIM base URL and redirects. Any other request, and one from a proxy that says nothing
 * valid, goes on unchanged: its URLs follow its own {@code Host} header, as the container reads it.
 */
public class ForwardedOriginFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject TrustedProxySetting trustedProxies;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<Origin> origin = trustedProxies.origin(request);
    if (origin.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Forwarded forwarded = new Forwarded(request, origin.get());
    chain.doFilter(forwarded, new Redirects(response, forwarded));
  }

  /**
   * Redirects to the forwarded origin: the container would make a relative redirect absolute with
   * the origin the request arrived with.
   */
  static final class Redirects extends HttpServletResponseWrapper {

    private final Forwarded request;

    Redirects(HttpServletResponse response, Forwarded request) {
      super(response);
      this.request = request;
    }

    @Override
    public void sendRedirect(String location) throws IOException {
      String absolute = location;
      try {
        absolute = URI.create(request.getRequestURL().toString()).resolve(location).toString();
      } catch (IllegalArgumentException e) {
        // not a URI reference: the container says what it makes of it
      }
      super.sendRedirect(absolute);
    }
  }

  /** The request as the client sent it to the proxy. */
  static final class Forwarded extends HttpServletRequestWrapper {

    private final Origin origin;

    Forwarded(HttpServletRequest request, Origin origin) {
      super(request);
      this.origin = origin;
    }

    @Override
    public String getScheme() {
      return origin.scheme();
    }

    @Override
    public boolean isSecure() {
      return "https".equals(origin.scheme());
    }

    @Override
    public String getServerName() {
      return origin.host();
    }

    @Override
    public int getServerPort() {
      return origin.port();
    }

    @Override
    public StringBuffer getRequestURL() {
      return new StringBuffer(origin.toString()).append(getRequestURI());
    }
  }
}
