package dev.roster.admin.boundary;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The SCIM base URL a customer pastes into Entra ID's <i>Tenant URL</i> or Okta's <i>Base URL</i>,
 * as this server is reached by the admin asking: {@code <scheme>://<host>[:port]<context>/scim/v2}.
 * The tenant is not part of it: the token names the tenant.
 */
public final class ScimBaseUrl {

  private ScimBaseUrl() {}

  public static String of(HttpServletRequest request) {
    String scheme = request.getScheme();
    int port = request.getServerPort();
    boolean defaultPort =
        port <= 0
            || ("http".equalsIgnoreCase(scheme) && port == 80)
            || ("https".equalsIgnoreCase(scheme) && port == 443);
    String host = request.getServerName();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    return scheme
        + "://"
        + host
        + (defaultPort ? "" : ":" + port)
        + request.getContextPath()
        + "/scim/v2";
  }
}
