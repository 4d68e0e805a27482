package dev.roster.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, one connection per request: the request goes out byte for byte as
 * generated (broken percent-encoding, odd methods, bodies that are not UTF-8, no Content-Type),
 * which {@link java.net.http.HttpClient} refuses to send or would repair.
 */
public final class RawHttp {

  private final String host;
  private final int port;
  private final int timeoutMillis;

  public RawHttp(String host, int port, int timeoutMillis) {
    this.host = host;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * A response: its status (-1 when none came), headers, body and how long it took.
   *
   * @param failure what went wrong on the wire (a timeout, a reset), or null
   */
  public record Response(
      int status, List<String[]> headers, byte[] body, long millis, String failure) {

    public String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String describe(int max) {
      StringBuilder s = new StringBuilder();
      s.append(status);
      if (failure != null) {
        s.append(" (").append(failure).append(')');
      }
      s.append(", ").append(millis).append(" ms");
      String type = header("Content-Type");
      s.append(", Content-Type: ").append(type == null ? "(none)" : type).append('\n');
      s.append(WireRequest.printable(body, max));
      return s.toString();
    }
  }

  public Response send(WireRequest request) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      String writeFailure = null;
      try {
        out.write(request.head(host + ":" + port));
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (request.body() != null) {
          out.write(request.body());
        }
        out.flush();
      } catch (IOException e) {
        // The server may answer (413, 400) and close before it has read everything.
        writeFailure = "write: " + e.getMessage();
      }
      byte[] raw = readAll(socket.getInputStream());
      long millis = (System.nanoTime() - start) / 1_000_000;
      return parse(raw, request.method().equals("HEAD"), millis, writeFailure);
    } catch (SocketTimeoutException e) {
      return new Response(
          -1, List.of(), new byte[0], (System.nanoTime() - start) / 1_000_000, "timeout");
    } catch (IOException e) {
      return new Response(
          -1,
          List.of(),
          new byte[0],
          (System.nanoTime() - start) / 1_000_000,
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[16_384];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketException e) {
      // A reset after the response arrived still leaves the response.
      if (all.size() == 0) {
        throw e;
      }
    }
    return all.toByteArray();
  }

  private static Response parse(byte[] raw, boolean head, long millis, String writeFailure) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      return new Response(
          -1,
          List.of(),
          raw,
          millis,
          "no complete response" + (writeFailure == null ? "" : " (" + writeFailure + ")"));
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (RuntimeException e) {
      return new Response(-1, List.of(), raw, millis, "bad status line: " + lines[0]);
    }
    List<String[]> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.add(
            new String[] {
              lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()
            });
      }
    }
    byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    byte[] body;
    if (head || status == 204 || status == 304) {
      body = new byte[0];
    } else if ("chunked".equalsIgnoreCase(value(headers, "Transfer-Encoding"))) {
      body = dechunk(rest);
    } else if (value(headers, "Content-Length") != null) {
      int length = Integer.parseInt(value(headers, "Content-Length").trim());
      body = java.util.Arrays.copyOf(rest, Math.min(length, rest.length));
    } else {
      body = rest;
    }
    return new Response(status, headers, body, millis, null);
  }

  private static String value(List<String[]> headers, String name) {
    for (String[] h : headers) {
      if (h[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return h[1];
      }
    }
    return null;
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < chunked.length) {
      int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, pos);
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
      int semicolon = sizeText.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
      pos = lineEnd + 2;
      if (size == 0) {
        break;
      }
      out.write(chunked, pos, Math.min(size, chunked.length - pos));
      pos += size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
