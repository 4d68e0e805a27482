package dev.roster.platform;

import dev.roster.scim.boundary.ScimRequestProperties;
import dev.roster.scim.boundary.ServiceProvider;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads every request body before the application sees it, without holding a worker thread while
 * the bytes arrive (Servlet non-blocking IO), and within a time limit.
 *
 * <p>Why: a servlet reads a body with blocking reads, on a worker thread of a fixed pool (200 in
 * Payara). A client that sends {@code Content-Length: 100000} and then one byte every few seconds
 * held a worker for as long as it liked; some 200 of them took every worker, and every other
 * request, SCIM included, timed out. Here such a client holds a connection and a small buffer, no
 * thread, and its body must be complete within {@code roster.http.body-timeout-seconds} (30).
 *
 * <p>The body is kept in memory up to the SCIM payload limit plus one byte (so that the limit can
 * still be enforced, with 413, where it was before); beyond it the rest is read and dropped, up to
 * {@value #DISCARD_LIMIT} bytes, so that a client that sends all before it reads gets its answer.
 * All buffered bodies together may take at most {@code roster.http.body-buffer-mb} (64) of heap;
 * beyond that a request is answered 503 at once. Then the request is dispatched again, now with the
 * whole body in a {@link BufferedBodyRequest}.
 *
 * <p>A body that did not arrive in time: under {@code /scim/v2} the request goes on, marked, so
 * that SCIM answers it (408, after authentication, with a provisioning-log record); elsewhere it is
 * a plain 408. Either closes the connection.
 */
public class BodyPrefetchFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final long DISCARD_LIMIT = 16L * 1024 * 1024;
  private static final String SCIM_PATH = "/scim/v2/";
  private static final Logger LOG = Logger.getLogger(BodyPrefetchFilter.class.getName());

  /** Bytes held by all bodies in flight, against {@link #budgetBytes}. */
  private static final AtomicLong buffered = new AtomicLong();

  /** The error pages of web.xml, shown for a failure on the asynchronous dispatch. */
  static final String EXPIRED_PAGE = "/expired.xhtml";

  static final String ERROR_PAGE = "/error.html";
  private static final String VIEW_EXPIRED = "jakarta.faces.application.ViewExpiredException";

  /** Marks a request whose body is read ahead, for its second, asynchronous dispatch. */
  static final String PREFETCHED = "roster.bodyPrefetched";

  @Inject ServiceProvider serviceProvider;

  @Inject Instance<RequestContextController> requestContexts;

  @Inject
  @ConfigProperty(name = "roster.http.body-timeout-seconds", defaultValue = "30")
  int timeoutSeconds;

  @Inject
  @ConfigProperty(name = "roster.http.body-buffer-mb", defaultValue = "64")
  int budgetMegabytes;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getDispatcherType() == DispatcherType.ASYNC
        && request.getAttribute(PREFETCHED) != null) {
      serveWithRequestContext(request, response, chain);
      return;
    }
    if (request.getDispatcherType() != DispatcherType.REQUEST
        || !hasBody(request)
        || !request.isAsyncSupported()) {
      // (A servlet without async support reads its own body; Roster's all have it.)
      chain.doFilter(request, response);
      return;
    }
    long keep = serviceProvider.config().maxPayloadSize() + 1;
    BodyBuffer body = new BodyBuffer(keep, budgetMegabytes * 1024L * 1024L);
    BufferedBodyRequest wrapped = new BufferedBodyRequest(request, body::bytes);
    request.setAttribute(PREFETCHED, Boolean.TRUE);
    AsyncContext async = request.startAsync(wrapped, response);
    async.setTimeout(TimeUnit.SECONDS.toMillis(Math.max(1, timeoutSeconds)));
    Prefetch prefetch = new Prefetch(async, request, response, request.getInputStream(), body);
    async.addListener(prefetch);
    request.getInputStream().setReadListener(prefetch);
  }

  /**
   * Serves the request on its asynchronous dispatch. The container starts no CDI request context
   * for such a dispatch, so it is started here, for the request-scoped beans the request uses.
   */
  private void serveWithRequestContext(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    RequestContextController context = requestContexts.get();
    boolean activated = context.activate();
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException failure) {
      showErrorPage(request, response, failure);
    } finally {
      if (activated) {
        context.deactivate();
      }
      requestContexts.destroy(context);
    }
  }

  /**
   * Payara applies web.xml's error pages to a request's first dispatch only; a failure on the
   * asynchronous one got its bare error report instead. So the pages web.xml names are shown here:
   * "this form has expired" for a post with a stale or forged view state, the plain error page for
   * anything else. (JAX-RS answers its own failures, so this is the console's case.)
   */
  private static void showErrorPage(
      HttpServletRequest request, HttpServletResponse response, Exception failure)
      throws IOException, ServletException {
    if (response.isCommitted()) {
      LOG.log(Level.WARNING, "failure after the response was committed", failure);
      return;
    }
    boolean expired = false;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      expired |= cause.getClass().getName().equals(VIEW_EXPIRED);
    }
    if (!expired) {
      LOG.log(Level.SEVERE, "request failed: " + request.getRequestURI(), failure);
    }
    // 500 for both, as the container answers a failure it shows an error page for.
    response.reset();
    response.setStatus(500);
    request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
    request.getRequestDispatcher(expired ? EXPIRED_PAGE : ERROR_PAGE).forward(request, response);
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  private static boolean isScim(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + SCIM_PATH);
  }

  /** The bytes kept of one body, against the shared budget. */
  static final class BodyBuffer {
    private final long keep;
    private final long budget;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;
    private long reserved;

    BodyBuffer(long keep, long budget) {
      this.keep = keep;
      this.budget = budget;
    }

    /**
     * Takes the bytes: keeps them while within the limit, counts them after.
     *
     * @return false when the shared budget is spent
     */
    synchronized boolean take(byte[] chunk, int length) {
      total += length;
      int keepNow = (int) Math.max(0, Math.min(length, keep - kept.size()));
      if (keepNow > 0) {
        if (buffered.addAndGet(keepNow) > budget) {
          buffered.addAndGet(-keepNow);
          return false;
        }
        reserved += keepNow;
        kept.write(chunk, 0, keepNow);
      }
      return true;
    }

    synchronized boolean droppedEnough() {
      return total >= keep + DISCARD_LIMIT;
    }

    synchronized byte[] bytes() {
      return kept.toByteArray();
    }

    /** Gives the bytes back to the budget, once the request is over. */
    synchronized void release() {
      buffered.addAndGet(-reserved);
      reserved = 0;
    }
  }

  /** Reads one body as it arrives, then dispatches the request again. */
  private static final class Prefetch implements ReadListener, AsyncListener {
    private final AsyncContext async;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final ServletInputStream input;
    private final BodyBuffer body;
    private final AtomicBoolean done = new AtomicBoolean();
    private final byte[] chunk = new byte[8192];

    Prefetch(
        AsyncContext async,
        HttpServletRequest request,
        HttpServletResponse response,
        ServletInputStream input,
        BodyBuffer body) {
      this.async = async;
      this.request = request;
      this.response = response;
      this.input = input;
      this.body = body;
    }

    @Override
    public void onDataAvailable() throws IOException {
      while (!done.get() && input.isReady()) {
        int read = input.read(chunk);
        if (read < 0) {
          return; // onAllDataRead follows
        }
        if (!body.take(chunk, read)) {
          incomplete(ScimRequestProperties.BODY_SERVER_BUSY, 503);
          return;
        }
        if (body.droppedEnough()) {
          // Over the limit by far: the answer is 413 whatever follows, and the connection closes.
          response.setHeader("Connection", "close");
          finish();
          return;
        }
      }
    }

    @Override
    public void onAllDataRead() {
      finish();
    }

    @Override
    public void onError(Throwable failure) {
      // The client went away or broke the framing; nobody is left to answer.
      if (done.compareAndSet(false, true)) {
        LOG.log(Level.FINE, "request body not read", failure);
        body.release();
        async.complete();
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      incomplete(ScimRequestProperties.BODY_TIMED_OUT, 408);
    }

    @Override
    public void onComplete(AsyncEvent event) {
      body.release();
    }

    @Override
    public void onError(AsyncEvent event) {
      body.release();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    private void finish() {
      if (done.compareAndSet(false, true)) {
        async.dispatch();
      }
    }

    /**
     * The body is not coming (in time, or there is no room for it): SCIM answers it itself, as a
     * SCIM error with a log record; anything else gets the bare status. The connection closes, as
     * the rest of the body may still be on its way.
     */
    private void incomplete(String reason, int status) {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      response.setHeader("Connection", "close");
      if (isScim(request)) {
        request.setAttribute(ScimRequestProperties.BODY_INCOMPLETE, reason);
        async.dispatch();
        return;
      }
      try {
        if (status == 503) {
          response.setHeader("Retry-After", "5");
        }
        response.sendError(status);
      } catch (IOException | IllegalStateException e) {
        LOG.log(Level.FINE, "answering an incomplete body", e);
      }
      async.complete();
    }
  }
}
