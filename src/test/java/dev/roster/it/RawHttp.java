package dev.roster.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 requests from a chosen local address, such as 127.0.0.2: on Linux every 127.x.y.z is the
 * loopback, so that one test can be several clients, as the server's per-address rules see them.
 * (The JDK's HttpClient cannot bind a local address before Java 19.)
 */
final class RawHttp {

  private RawHttp() {}

  /** A response: status, headers (names in lower case), body. */
  record Response(int status, Map<String, String> headers, String body, long millis) {

    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    JsonObject json() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + body;
    }
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A GET with HTTP Basic credentials, from the local address {@code from}. */
  static Response get(URL server, String from, String path, String user, String password) {
    return send(server, from, "GET " + path, Map.of("Authorization", basic(user, password)));
  }

  /**
   * @param requestLine method and path, e.g. {@code GET /api/admin/v1/tenants}
   */
  static Response send(URL server, String from, String requestLine, Map<String, String> headers) {
    return send(server, from, requestLine, headers, null);
  }

  /**
   * @param body the request's body in UTF-8 (its Content-Type among the headers), or null
   */
  static Response send(
      URL server, String from, String requestLine, Map<String, String> headers, String body) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(60_000);
      socket.bind(new InetSocketAddress(from, 0));
      // the server listens on every interface; its IPv4 loopback is reachable from any 127.x
      socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 10_000);
      StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
      request.append("Host: ").append(server.getHost()).append(':').append(server.getPort());
      request.append("\r\nConnection: close\r\n");
      headers.forEach(
          (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (body != null) {
        request.append("Content-Length: ").append(content.length).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.write(content);
      out.flush();
      return read(socket.getInputStream(), start);
    } catch (IOException e) {
      throw new UncheckedIOException(requestLine + " from " + from, e);
    }
  }

  private static Response read(InputStream in, long start) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream chunks = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16);
          size > 0;
          size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
        chunks.write(in.readNBytes(size));
        line(in);
      }
      body = chunks.toByteArray();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new Response(
        status,
        headers,
        new String(body, StandardCharsets.UTF_8),
        (System.nanoTime() - start) / 1_000_000);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
