package dev.roster.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, one connection per request, so that a request goes out byte for
 * byte as written: broken percent-encoding, odd methods and headers, which {@link
 * java.net.http.HttpClient} refuses to send or repairs. The response is read until the server
 * closes the connection, or for as long as its {@code Content-Length} says.
 */
final class WireHttp {

  private final int port;

  WireHttp(int port) {
    this.port = port;
  }

  /** Sends the request as ISO-8859-1 text, so each char below 256 is one byte. */
  Reply send(String request) {
    return send(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  Reply send(byte[] request) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 10_000);
      socket.setSoTimeout(30_000);
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
      } catch (IOException e) {
        // The server may answer and close before it has read everything.
      }
      Reply reply = read(socket.getInputStream());
      return reply.took((System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[16_384];
    int headEnd = -1;
    long contentLength = -1;
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
        byte[] sofar = all.toByteArray();
        if (headEnd < 0) {
          headEnd = indexOf(sofar, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          if (headEnd >= 0) {
            contentLength = parseHead(sofar, headEnd).contentLength();
          }
        }
        if (headEnd >= 0 && contentLength >= 0 && sofar.length >= headEnd + 4 + contentLength) {
          break;
        }
      }
    } catch (SocketException | SocketTimeoutException e) {
      // A reset after the response still leaves the response; a timeout leaves what came.
      if (headEnd < 0) {
        throw e;
      }
    }
    byte[] raw = all.toByteArray();
    if (headEnd < 0) {
      throw new IOException("no complete response: " + new String(raw, StandardCharsets.UTF_8));
    }
    Reply head = parseHead(raw, headEnd);
    byte[] body = Arrays.copyOfRange(raw, headEnd + 4, raw.length);
    if (head.contentLength() >= 0 && body.length > head.contentLength()) {
      body = Arrays.copyOf(body, (int) head.contentLength());
    }
    return new Reply(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8), 0);
  }

  private static Reply parseHead(byte[] raw, int headEnd) {
    String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new Reply(status, headers, "", 0);
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A response: status, headers (names in lower case), body, and how long it took in ms. */
  record Reply(int status, Map<String, String> headers, String body, long millis) {

    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    long contentLength() {
      return header("Content-Length").map(Long::parseLong).orElse(-1L);
    }

    JsonObject json() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }

    Reply took(long elapsed) {
      return new Reply(status, headers, body, elapsed);
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + body;
    }
  }
}
