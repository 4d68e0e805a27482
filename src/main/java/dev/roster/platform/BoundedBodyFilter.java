package dev.roster.platform;

import dev.roster.scim.boundary.ScimRequestProperties;
import dev.roster.scim.boundary.ServiceProvider;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads every request body before the application sees it, so that no client can hold the server's
 * worker threads by sending a body slowly.
 *
 * <p>Why: a servlet reads a body with blocking reads, on a worker thread of a fixed pool (200 in
 * Payara). A client that sent {@code Content-Length: 100000} and then one byte every few seconds
 * held a worker for as long as it liked, and some 200 of them took every worker: every other
 * request, SCIM included, timed out.
 *
 * <p>How: a body that has already arrived with its headers (nearly every SCIM request: a few KB
 * sent at once) is taken from the buffer without waiting. Any other body is a <em>slow read</em>:
 * at most {@code roster.http.slow-body-readers} (32) of them at once, each given at most {@code
 * roster.http.body-timeout-seconds} (30) in all (a read that gets nothing waits at most the
 * listener's 10 s read timeout). So slow clients hold at most 32 of the 200 threads, each for a
 * bounded time. A body that does not arrive in time, or finds no free slow reader, is not read:
 * under {@code /scim/v2} the request goes on, marked, so that SCIM answers it after authentication
 * (408, or 503 with {@code Retry-After}, with a SCIM error body and a provisioning-log record);
 * anything else gets the bare status. Either closes the connection, since the rest of the body may
 * still be coming.
 *
 * <p>The body is kept up to the SCIM payload limit plus one byte (so that the limit is enforced,
 * with 413, where it was before); beyond it the rest is read and dropped, up to {@value
 * #DISCARD_LIMIT} bytes in all, so that a client that sends everything before it reads gets its
 * answer. The request then goes on as a {@link BufferedBodyRequest}.
 *
 * <p>One exception: an account import ({@link #streamsItsBody}) may be far larger than a SCIM
 * request, so it reads its own body, under its own bounds ({@code AccountImport}: one at a time, a
 * byte limit, a deadline), and only for a signed-in admin or an API key.
 */
public class BoundedBodyFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final long DISCARD_LIMIT = 16L * 1024 * 1024;
  private static final String SCIM_PATH = "/scim/v2/";

  private static final java.util.regex.Pattern STREAMED =
      java.util.regex.Pattern.compile(
          "/api/admin/v1/tenants/[^/]+/accounts/import|/admin/accounts\\.xhtml");

  @Inject ServiceProvider serviceProvider;

  @Inject
  @ConfigProperty(name = "roster.http.body-timeout-seconds", defaultValue = "30")
  int timeoutSeconds;

  @Inject
  @ConfigProperty(name = "roster.http.slow-body-readers", defaultValue = "32")
  int slowReaders;

  private Semaphore slowReads;

  @Override
  public void init() {
    slowReads = new Semaphore(Math.max(1, slowReaders));
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long length = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (request.getDispatcherType() != DispatcherType.REQUEST
        || (length <= 0 && !chunked)
        || streamsItsBody(request)) {
      chain.doFilter(request, response);
      return;
    }
    long keep = serviceProvider.config().maxPayloadSize() + 1;
    ServletInputStream input = request.getInputStream();
    byte[] body;
    if (!chunked && input.available() >= length) {
      body = read(input, keep, Long.MAX_VALUE); // all here: no read waits
    } else if (slowReads.tryAcquire()) {
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, timeoutSeconds));
        body = read(input, keep, deadline);
      } finally {
        slowReads.release();
      }
    } else {
      refuse(request, response, chain, ScimRequestProperties.BODY_SERVER_BUSY, 503);
      return;
    }
    if (body == null) {
      refuse(request, response, chain, ScimRequestProperties.BODY_TIMED_OUT, 408);
      return;
    }
    chain.doFilter(new BufferedBodyRequest(request, () -> body), response);
  }

  /** Whether the request is an account import, which reads its body itself. */
  static boolean streamsItsBody(HttpServletRequest request) {
    return "POST".equals(request.getMethod())
        && STREAMED
            .matcher(request.getRequestURI().substring(request.getContextPath().length()))
            .matches();
  }

  /**
   * The body, up to {@code keep} bytes; the rest is read and dropped (up to the discard limit).
   *
   * @return null when the deadline passed first, or a read failed: it waited longer than the
   *     listener's read timeout, or the client went away (then nobody reads the answer)
   */
  private static byte[] read(ServletInputStream input, long keep, long deadline) {
    try {
      return readOrFail(input, keep, deadline);
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] readOrFail(ServletInputStream input, long keep, long deadline)
      throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    long total = 0;
    int read;
    while ((read = input.read(chunk)) >= 0) {
      int keepNow = (int) Math.max(0, Math.min(read, keep - kept.size()));
      kept.write(chunk, 0, keepNow);
      total += read;
      if (total >= keep + DISCARD_LIMIT) {
        break; // over the limit by far: the answer is 413 whatever follows
      }
      if (System.nanoTime() - deadline > 0) {
        return null;
      }
    }
    return kept.toByteArray();
  }

  /**
   * The body is not read: SCIM answers such a request itself, as a SCIM error with a log record;
   * anything else gets the bare status. The connection closes: the body may still be on its way.
   */
  private static void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      String reason,
      int status)
      throws IOException, ServletException {
    response.setHeader("Connection", "close");
    if (request.getRequestURI().startsWith(request.getContextPath() + SCIM_PATH)) {
      request.setAttribute(ScimRequestProperties.BODY_INCOMPLETE, reason);
      chain.doFilter(new BufferedBodyRequest(request, () -> new byte[0]), response);
      return;
    }
    if (status == 503) {
      response.setHeader("Retry-After", "5");
    }
    response.sendError(status);
  }
}
