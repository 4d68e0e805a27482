package dev.roster.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A request whose body was read ahead gives the body and the form parameters as the container would
 * have: Faces reads its form posts through {@code getParameter}.
 */
class BufferedBodyRequestTest {

  /** A request that answers only what the wrapper asks of it. */
  private static HttpServletRequest request(String contentType, String query) {
    Map<String, Object> answers = new HashMap<>();
    answers.put("getContentType", contentType);
    answers.put("getQueryString", query);
    answers.put("getCharacterEncoding", null);
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            HttpServletRequest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> {
              if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
              }
              return answers.get(method.getName());
            });
  }

  private static BufferedBodyRequest wrap(String contentType, String query, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new BufferedBodyRequest(request(contentType, query), () -> bytes);
  }

  @Test
  void givesTheBodyAsOftenAsItIsAskedFor() throws IOException {
    BufferedBodyRequest request = wrap("application/scim+json", null, "{\"userName\":\"bjensen\"}");
    byte[] first = request.getInputStream().readAllBytes();
    byte[] second = request.getInputStream().readAllBytes();
    assertArrayEquals(first, second);
    assertEquals("{\"userName\":\"bjensen\"}", new String(first, StandardCharsets.UTF_8));
    assertEquals("{\"userName\":\"bjensen\"}", request.getReader().readLine());
  }

  @Test
  void parsesFormParametersFromTheQueryAndTheBody() {
    BufferedBodyRequest request =
        wrap(
            "application/x-www-form-urlencoded; charset=UTF-8",
            "next=%2Fadmin%2F&a=1",
            "form=form&form%3Auser=J%C3%B8rgen+Jensen&a=2&empty=&flag");
    assertEquals("/admin/", request.getParameter("next"));
    assertEquals("Jørgen Jensen", request.getParameter("form:user"));
    assertArrayEquals(new String[] {"1", "2"}, request.getParameterValues("a"));
    assertEquals("", request.getParameter("empty"));
    assertEquals("", request.getParameter("flag"));
    assertNull(request.getParameter("missing"));
    assertEquals(
        List.of("next", "a", "form", "form:user", "empty", "flag"),
        List.copyOf(request.getParameterMap().keySet()));
  }

  @Test
  void readsNoParametersFromABodyThatIsNotAForm() {
    BufferedBodyRequest request = wrap("application/json", "x=1", "y=2");
    assertEquals("1", request.getParameter("x"));
    assertNull(request.getParameter("y"));
  }

  @Test
  void keepsAMalformedEscapeAsItIs() {
    BufferedBodyRequest request = wrap("application/x-www-form-urlencoded", null, "q=100%zz");
    assertEquals("100%zz", request.getParameter("q"));
  }
}
