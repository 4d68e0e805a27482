package dev.roster.runtime;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one setting that names the reverse proxies Roster trusts, {@code roster.http.trusted-proxies}
 * ({@link TrustedProxies}), read once. Its former name, {@code roster.admin.trusted-proxies}, from
 * when only the sign-in throttle read it, still works when the new one is not set, with a warning.
 */
@ApplicationScoped
public class TrustedProxySetting {

  public static final String NAME = "roster.http.trusted-proxies";

  /** The name before it applied to every request, not only to the sign-in throttle. */
  public static final String DEPRECATED_NAME = "roster.admin.trusted-proxies";

  private static final Logger LOG = Logger.getLogger(TrustedProxySetting.class.getName());

  @Inject
  @ConfigProperty(name = NAME)
  Optional<String> setting;

  @Inject
  @ConfigProperty(name = DEPRECATED_NAME)
  Optional<String> deprecated;

  private TrustedProxies proxies = TrustedProxies.NONE;
  private String problem;

  @PostConstruct
  void read() {
    String name = NAME;
    Optional<String> value = setting;
    if (value.isEmpty() && deprecated.isPresent()) {
      name = DEPRECATED_NAME;
      value = deprecated;
      LOG.warning(
          () ->
              DEPRECATED_NAME + " is deprecated: set " + NAME + " (ROSTER_HTTP_TRUSTED_PROXIES).");
    } else if (value.isPresent() && deprecated.isPresent()) {
      LOG.warning(() -> DEPRECATED_NAME + " is ignored: " + NAME + " is set.");
    }
    try {
      proxies = value.map(TrustedProxies::parse).orElse(TrustedProxies.NONE);
    } catch (IllegalArgumentException e) {
      problem = environmentName(name) + ": " + e.getMessage() + ".";
    }
  }

  /** What is wrong with the setting, if anything: the server then refuses to start. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  public TrustedProxies proxies() {
    return proxies;
  }

  /** The client's address, as the sign-in throttle counts it ({@link TrustedProxies#client}). */
  public String clientAddress(HttpServletRequest request) {
    return proxies.client(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
  }

  /**
   * The origin the client used, when a trusted proxy forwarded the request and says so ({@link
   * TrustedProxies#origin}).
   */
  public Optional<Origin> origin(HttpServletRequest request) {
    return proxies.origin(
        request.getRemoteAddr(),
        Origin.of(request.getScheme(), request.getServerName(), request.getServerPort()),
        header -> {
          String joined = String.join(",", Collections.list(request.getHeaders(header)));
          return joined.isEmpty() ? null : joined;
        });
  }

  private static String environmentName(String property) {
    return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
