package dev.roster.scim.boundary;

import dev.roster.scim.RequestSyntax;
import dev.roster.scim.ScimException;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers, once the caller is authenticated, what is wrong with a request before its body and its
 * path are looked at: a request line or {@code Host} the container could not have read ({@code 400
 * invalidSyntax}), a URI longer than {@value #MAX_URI_CHARS} characters (414), header fields over
 * {@value #MAX_HEADER_BYTES} bytes or {@value #MAX_HEADER_FIELDS} fields (431), a {@code
 * Transfer-Encoding} other than chunked (400 or 501), a {@code Content-Type} that cannot be parsed
 * (400). The container would have answered some of these itself, without a SCIM body or a log
 * record; the listener lets more through than these limits (see payara-config), so that Roster
 * answers them.
 */
@PreMatching
@Priority(Priorities.ENTITY_CODER - 100)
public class RequestSyntaxFilter implements ContainerRequestFilter {

  /** The longest request URI, path and query, Roster reads (the container took 8 KiB in all). */
  static final int MAX_URI_CHARS = 8192;

  /** The most header bytes (names, values, separators) Roster reads. */
  static final int MAX_HEADER_BYTES = 16_384;

  /** The most header fields Roster reads (the container's own default). */
  static final int MAX_HEADER_FIELDS = 100;

  @Context HttpServletResponse response;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getProperty(ScimRequestProperties.UNREADABLE) instanceof String why) {
      throw ScimException.invalidSyntax(why);
    }
    URI uri = request.getUriInfo().getRequestUri();
    int uriChars =
        uri.getRawPath().length()
            + (uri.getRawQuery() == null ? 0 : uri.getRawQuery().length() + 1);
    if (uriChars > MAX_URI_CHARS) {
      throw ScimException.uriTooLong(
          "The request URI has "
              + uriChars
              + " characters; Roster reads at most "
              + MAX_URI_CHARS
              + ". Send a long filter with POST .search.");
    }
    checkHeaderSize(request.getHeaders());
    checkTransferEncoding(request.getHeaderString("Transfer-Encoding"));
    if (request.getProperty(ScimRequestProperties.MALFORMED_CONTENT_TYPE) instanceof String type
        && request.hasEntity()) {
      throw ScimException.invalidSyntax(
          "The Content-Type '"
              + RequestSyntax.printable(type)
              + "' cannot be parsed (RFC 9110 §8.3); send application/scim+json.");
    }
  }

  private static void checkHeaderSize(Map<String, List<String>> headers) {
    int fields = 0;
    long bytes = 0;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        fields++;
        bytes += header.getKey().length() + 2 + value.length() + 2;
      }
    }
    if (fields > MAX_HEADER_FIELDS || bytes > MAX_HEADER_BYTES) {
      throw ScimException.headersTooLarge(
          "The request has "
              + fields
              + " header fields of "
              + bytes
              + " bytes; Roster reads at most "
              + MAX_HEADER_FIELDS
              + " fields of "
              + MAX_HEADER_BYTES
              + " bytes in all.");
    }
  }

  /**
   * Only chunked is a transfer coding Roster reads. A body whose last coding is not chunked has no
   * length a server can determine, so the connection closes after the answer (RFC 9112 §6.3).
   */
  private void checkTransferEncoding(String transferEncoding) {
    if (transferEncoding == null) {
      return;
    }
    List<String> codings =
        Arrays.stream(transferEncoding.split(","))
            .map(coding -> coding.strip().toLowerCase(Locale.ROOT))
            .toList();
    if (codings.equals(List.of("chunked"))) {
      return;
    }
    response.setHeader("Connection", "close");
    String sent = RequestSyntax.printable(transferEncoding);
    if (!codings.get(codings.size() - 1).equals("chunked")) {
      throw ScimException.invalidSyntax(
          "The body's length cannot be determined: Transfer-Encoding '"
              + sent
              + "' does not end with chunked (RFC 9112 §6.3).");
    }
    throw ScimException.notImplemented(
        "Transfer-Encoding '"
            + sent
            + "' is not supported; send the body chunked or with a length.");
  }
}
