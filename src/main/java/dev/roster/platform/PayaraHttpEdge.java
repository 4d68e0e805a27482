package dev.roster.platform;

import dev.roster.provisioning.boundary.ProvisioningLogWriter;
import dev.roster.provisioning.control.LogEntry;
import dev.roster.provisioning.control.RequestTarget;
import dev.roster.scim.CorrelationIds;
import dev.roster.scim.RequestSyntax;
import dev.roster.scim.ScimType;
import dev.roster.scim.boundary.ScimRequestProperties;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpProbe;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * The one Payara-specific class of Roster: it lets SCIM answer the requests that Payara's HTTP
 * layer would otherwise answer, or fail on, before any servlet sees them. It is a no-op on any
 * other server, and when Payara's internals are not as expected (it logs a warning and changes
 * nothing).
 *
 * <p>Why it must sit below the servlet layer: Catalina decodes and normalizes the path before it
 * picks a servlet, and refuses what it cannot read itself ({@code %00}, {@code %c3%28}, {@code \}:
 * an empty 400), or fails on it and answers an empty 200 ({@code %zz}, a bad {@code Host}, some
 * {@code /..}: Grizzly throws, and Catalina logs the exception and sends nothing). It also refuses
 * {@code TRACE} with a bare 405, and reads the rest of the connection as the body of a request with
 * an {@code Upgrade} it does not take, so that a GET waited for it until the read timed out. None
 * of this is configurable, and no filter of the WAR runs before it. Payara gives a WAR no hook
 * there, so this class reaches its HTTP listeners through Payara's service locator (by reflection,
 * as Payara's own classes are no API) and wraps the Grizzly {@link HttpHandler} they pass requests
 * to.
 *
 * <p>What the wrapper does, for a request the container maps to {@code /scim/v2} only: a path or
 * {@code Host} that {@link RequestSyntax} cannot read is replaced by a readable stand-in ({@code
 * /scim/v2/}, the listener's own address), and the reason and the path as sent are set as request
 * attributes ({@link ScimRequestProperties#UNREADABLE}, {@link
 * ScimRequestProperties#ORIGINAL_PATH}); a {@code TRACE}, {@code CONNECT} or {@code PRI} goes on
 * under a stand-in method name ({@link ScimRequestProperties#ORIGINAL_METHOD}); an {@code Upgrade}
 * that no one takes is ignored (with a body, it is unreadable). The SCIM filters then answer it as
 * any other request: 401 without a valid token, else 400 {@code invalidSyntax} (or 405 with {@code
 * Allow} for those methods), with a provisioning-log record. Nothing is ever served under a
 * stand-in: the only thing a rescued request can get past authentication is an error. Every other
 * request goes through unchanged, after one pass over its path and {@code Host}.
 *
 * <p>What no wrapper can reach: errors in the HTTP framing itself (header fields beyond the
 * listener's limits, malformed header lines, a broken chunked body, {@code Content-Length} together
 * with {@code Transfer-Encoding}, no {@code Host} in HTTP/1.1, an HTTP version other than 1.x) are
 * answered by Grizzly's codec with a bare 400 (505 for the version) before there is a request to
 * hand on. For those under {@code /scim/v2}, a probe on the codec writes the provisioning-log
 * record, so that no answer goes unrecorded; the README names them.
 *
 * <p>The wrapper is removed again when the application stops. A change to the listener's
 * configuration at run time (asadmin {@code set} on its protocol) rebuilds the listener without it.
 */
@Singleton
@Startup
public class PayaraHttpEdge {

  private static final Logger LOG = Logger.getLogger(PayaraHttpEdge.class.getName());

  /**
   * The name under which a method the container mishandles travels through it: Catalina refuses
   * {@code TRACE} itself, and Grizzly sends its answer to {@code CONNECT} (and {@code PRI}) without
   * a length, and then waits for a tunnel's bytes instead of closing the connection.
   */
  static final String METHOD_STAND_IN = "X-ROSTER-STAND-IN";

  @Inject ProvisioningLogWriter logWriter;

  @Inject
  @ConfigProperty(name = "roster.log.enabled", defaultValue = "true")
  boolean logEnabled;

  private final List<Runnable> undo = new ArrayList<>();

  @PostConstruct
  void install() {
    try {
      Class.forName("org.glassfish.grizzly.http.server.HttpHandler");
      Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyService");
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.fine("Not on Payara: the HTTP listener is left as it is");
      return;
    }
    try {
      Consumer<LogEntry> log = logEnabled ? logWriter::record : entry -> {};
      int guarded = Listeners.guard(log, undo);
      LOG.info(
          "SCIM requests the container cannot read are answered by Roster on "
              + guarded
              + " HTTP listener(s)");
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      uninstall();
      LOG.log(
          Level.WARNING,
          "Could not guard Payara's HTTP listener; requests it cannot read get its own answers",
          e);
    }
  }

  @PreDestroy
  void uninstall() {
    undo.forEach(Runnable::run);
    undo.clear();
  }

  /** Payara's listeners, reached by reflection: nothing here is Payara API. */
  private static final class Listeners {

    static int guard(Consumer<LogEntry> log, List<Runnable> undo)
        throws ReflectiveOperationException {
      Class<?> locatorType = Class.forName("org.glassfish.hk2.api.ServiceLocator");
      Object locator =
          Class.forName("org.glassfish.internal.api.Globals")
              .getMethod("getDefaultHabitat")
              .invoke(null);
      Method getService = locatorType.getMethod("getService", Class.class, Annotation[].class);
      Method getAllServices =
          locatorType.getMethod("getAllServices", Class.class, Annotation[].class);
      Class<?> serviceType = Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyService");
      Class<?> configType = Class.forName("org.glassfish.grizzly.config.dom.NetworkListener");
      Object service = getService.invoke(locator, serviceType, new Annotation[0]);
      Method lookup = serviceType.getMethod("lookupNetworkProxy", configType);
      // Listeners are found by each of their configurations, so the same one may come twice.
      Set<Object> handlers = Collections.newSetFromMap(new IdentityHashMap<>());
      Set<Object> codecs = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Object config :
          (List<?>) getAllServices.invoke(locator, configType, new Annotation[0])) {
        Object proxy = lookup.invoke(service, config);
        Object listener =
            proxy == null
                ? null
                : proxy.getClass().getMethod("getUnderlyingListener").invoke(proxy);
        if (listener == null) {
          continue; // a disabled listener (https) has none
        }
        Method getFilters = listener.getClass().getMethod("getFilters", Class.class);
        handlers.addAll((List<?>) getFilters.invoke(listener, HttpServerFilter.class));
        codecs.addAll(
            (List<?>)
                getFilters.invoke(listener, org.glassfish.grizzly.http.HttpServerFilter.class));
      }
      int guarded = 0;
      for (Object filter : handlers) {
        guarded += wrap((HttpServerFilter) filter, undo);
      }
      for (Object codec : codecs) {
        watch((org.glassfish.grizzly.http.HttpServerFilter) codec, log, undo);
      }
      return guarded;
    }

    private static int wrap(HttpServerFilter filter, List<Runnable> undo) {
      HttpHandler container = filter.getHttpHandler();
      if (container == null || container instanceof Guard) {
        return 0;
      }
      Guard guard = new Guard(container);
      filter.setHttpHandler(guard);
      undo.add(
          () -> {
            if (filter.getHttpHandler() == guard) {
              filter.setHttpHandler(container);
            }
          });
      return 1;
    }

    private static void watch(
        org.glassfish.grizzly.http.HttpServerFilter codec,
        Consumer<LogEntry> log,
        List<Runnable> undo) {
      RefusalLog probe = new RefusalLog(log);
      codec.getMonitoringConfig().addProbes(probe);
      undo.add(() -> codec.getMonitoringConfig().removeProbes(probe));
    }
  }

  /** Hands a request on to Payara's own handler, with a readable stand-in where it needs one. */
  static final class Guard extends HttpHandler {

    private final HttpHandler container;

    Guard(HttpHandler container) {
      super(container.getName());
      this.container = container;
      // What HttpHandler.doHandle, which now runs for the guard, reads of its handler's settings.
      setAllowEncodedSlash(container.isAllowEncodedSlash());
      setRequestURIEncoding(container.getRequestURIEncoding());
      setAllowCustomStatusMessage(container.isAllowCustomStatusMessage());
    }

    @Override
    public void service(Request request, Response response) throws Exception {
      rescue(request);
      container.service(request, response);
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
      return container.getRequestExecutorProvider();
    }

    private static void rescue(Request request) {
      HttpRequestPacket packet = request.getRequest();
      String path = packet.getRequestURI();
      Optional<String> pathProblem = RequestSyntax.pathProblem(path);
      Optional<String> hostProblem = hostProblem(packet.getHeaders());
      org.glassfish.grizzly.http.Method method = packet.getMethod();
      boolean standIn =
          org.glassfish.grizzly.http.Method.TRACE.equals(method)
              || org.glassfish.grizzly.http.Method.CONNECT.equals(method)
              || org.glassfish.grizzly.http.Method.PRI.equals(method);
      boolean upgrade = packet.isUpgrade();
      if ((pathProblem.isEmpty() && hostProblem.isEmpty() && !standIn && !upgrade)
          || !RequestSyntax.isScimPath(path)) {
        return;
      }
      boolean upgradeWithBody = false;
      if (upgrade) {
        // An Upgrade no one took (HTTP/2 takes h2c before this): Grizzly then reads the rest of the
        // connection as the body, and a GET waited for its end until the read timed out (500).
        // Roster never switches protocols, so it reads the request as HTTP/1.1 (RFC 9110 §7.8),
        // without a body: Grizzly has already taken what came of one as raw bytes, and would wait
        // for the rest as if none had come.
        packet.setIgnoreContentModifiers(false);
        packet.setExpectContent(false);
        upgradeWithBody = packet.getContentLength() > 0 || packet.isChunked();
      }
      Optional<String> upgradeProblem =
          upgradeWithBody
              ? Optional.of(
                  "A request that asks to switch protocols (Upgrade) cannot carry a body here:"
                      + " Roster does not switch protocols; send it without Upgrade.")
              : Optional.empty();
      Optional<String> problem = pathProblem.or(() -> hostProblem).or(() -> upgradeProblem);
      if (problem.isPresent()) {
        request.setAttribute(ScimRequestProperties.UNREADABLE, problem.get());
        request.setAttribute(ScimRequestProperties.ORIGINAL_PATH, path);
        packet.setRequestURI(RequestSyntax.SCIM_BASE + "/");
      }
      if (hostProblem.isPresent()) {
        // setValue keeps the first Host field, drops the others, and gives its value.
        packet.getHeaders().setValue(Header.Host).setString(ownAddress(request));
      }
      if (standIn) {
        request.setAttribute(ScimRequestProperties.ORIGINAL_METHOD, method.getMethodString());
        packet.setMethod(METHOD_STAND_IN);
        // None of them has content (RFC 9110 §9.3.6); for CONNECT and PRI Grizzly expects a body
        // until the client closes, which held the worker thread reading it, and the connection.
        packet.setExpectContent(false);
      }
    }

    /** What is wrong with the request's Host fields; none is fine (HTTP/1.0). */
    private static Optional<String> hostProblem(MimeHeaders headers) {
      int host = headers.indexOf(Header.Host, 0);
      if (host < 0) {
        return Optional.empty();
      }
      if (headers.indexOf(Header.Host, host + 1) >= 0) {
        return Optional.of("The request has more than one Host header (RFC 9112 §3.2).");
      }
      return RequestSyntax.hostProblem(headers.getValue(host).toString());
    }

    private static String ownAddress(Request request) {
      String address = request.getLocalAddr();
      return (address.indexOf(':') >= 0 ? "[" + address + "]" : address)
          + ":"
          + request.getLocalPort();
    }
  }

  /**
   * Records a request under {@code /scim/v2} that Grizzly's codec refused before any handler saw it
   * (it answers those with a bare 400, or 505): the method, path and headers parsed so far.
   */
  static final class RefusalLog extends HttpProbe.Adapter {

    private final Consumer<LogEntry> log;

    RefusalLog(Consumer<LogEntry> log) {
      this.log = log;
    }

    @Override
    public void onErrorEvent(Connection connection, HttpPacket packet, Throwable error) {
      if (!(packet instanceof HttpRequestPacket request)) {
        return;
      }
      try {
        String path = request.getRequestURI();
        if (path == null || !RequestSyntax.isScimPath(path)) {
          return;
        }
        int status = request.getResponse().getStatus();
        status = status >= 400 ? status : 400;
        log.accept(
            new LogEntry(
                Instant.now(),
                null,
                null,
                request.getHeader(Header.UserAgent),
                request.getMethod().getMethodString(),
                path,
                request.getQueryString(),
                RequestTarget.ofPath(RequestSyntax.relativeToScimBase(path)),
                status,
                status == 400 ? ScimType.INVALID_SYNTAX.keyword() : null,
                "The server's HTTP layer refused the request before Roster could read it ("
                    + RequestSyntax.printable(String.valueOf(error.getMessage()))
                    + "); the client got a bare "
                    + status
                    + ".",
                0,
                CorrelationIds.choose(
                    request.getHeader("client-request-id"), request.getHeader("X-Request-Id")),
                null,
                null,
                null,
                null));
      } catch (RuntimeException e) {
        // A request refused this early may not have a method or a path yet: nothing to record.
        LOG.log(Level.FINE, "no log record for a refused request", e);
      }
    }
  }
}
