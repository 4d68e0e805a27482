package dev.roster.platform;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A request whose body was read first ({@link BoundedBodyFilter}): the body comes from memory, and
 * so do form parameters, which the container can no longer parse from a stream already read. Form
 * parameters are parsed on first use, in the request's character encoding (UTF-8 when none is set),
 * from the query string and, for {@code application/x-www-form-urlencoded}, the body.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

  private final Supplier<byte[]> body;
  private Map<String, String[]> parameters;

  BufferedBodyRequest(HttpServletRequest request, Supplier<byte[]> body) {
    super(request);
    this.body = body;
  }

  @Override
  public ServletInputStream getInputStream() {
    return new BytesInputStream(body.get());
  }

  @Override
  public BufferedReader getReader() throws UnsupportedEncodingException {
    return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters().keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values.clone();
  }

  private synchronized Map<String, String[]> parameters() {
    if (parameters == null) {
      Map<String, List<String>> collected = new LinkedHashMap<>();
      Charset charset = charset();
      parse(getQueryString(), charset, collected);
      String type = getContentType();
      if (type != null
          && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        parse(new String(body.get(), charset), charset, collected);
      }
      Map<String, String[]> result = new LinkedHashMap<>();
      collected.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
      parameters = Collections.unmodifiableMap(result);
    }
    return parameters;
  }

  private static void parse(String text, Charset charset, Map<String, List<String>> into) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals), charset);
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1), charset);
      into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
  }

  /** Decodes one form field; a malformed escape keeps the text as it is rather than failing. */
  private static String decode(String text, Charset charset) {
    try {
      return URLDecoder.decode(text, charset);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private Charset charset() {
    String name = getCharacterEncoding();
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** The buffered body as a servlet stream, always ready. */
  private static final class BytesInputStream extends ServletInputStream {
    private final ByteArrayInputStream bytes;

    BytesInputStream(byte[] body) {
      this.bytes = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      return bytes.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      return bytes.read(buffer, offset, length);
    }

    @Override
    public boolean isFinished() {
      return bytes.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      try {
        listener.onDataAvailable();
        listener.onAllDataRead();
      } catch (IOException e) {
        listener.onError(e);
      }
    }
  }
}
