package dev.roster.admin.boundary;

import dev.roster.admin.control.ClientAddress;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of an admin's request as the sign-in throttle counts it: the connection's, or behind
 * the proxies of {@code roster.admin.trusted-proxies} the client's ({@link ClientAddress}).
 */
@ApplicationScoped
public class ClientAddresses {

  public static final String SETTING = "roster.admin.trusted-proxies";

  @Inject
  @ConfigProperty(name = SETTING)
  Optional<String> trustedProxies;

  private ClientAddress rule = ClientAddress.DIRECT;
  private String problem;

  @PostConstruct
  void read() {
    try {
      rule = trustedProxies.map(ClientAddress::trusting).orElse(ClientAddress.DIRECT);
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
  }

  /** What is wrong with the setting, if anything: the server then refuses to start. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  public String of(HttpServletRequest request) {
    return rule.of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
  }
}
