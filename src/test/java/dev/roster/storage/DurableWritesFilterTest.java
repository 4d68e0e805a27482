package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A write is acknowledged only once its commit is in the database's file: when the file cannot be
 * written, its 2xx becomes a 503 with {@code Retry-After} and a SCIM error body.
 */
class DurableWritesFilterTest {

  /** A file write that succeeds or fails as told, counting the writes. */
  static class File extends GroupCommit {
    boolean failing;
    int writes;

    File() {
      enable();
    }

    @Override
    void checkpoint() throws SQLException {
      writes++;
      if (failing) {
        throw new SQLException("No space left on device");
      }
    }
  }

  /** What the filter left of a response: status, entity, media type, headers. */
  static final class Answer {
    int status;
    Object entity;
    MediaType type;
    final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

    ContainerResponseContext context() {
      return (ContainerResponseContext)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {ContainerResponseContext.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "getStatus" -> status;
                    case "getStatusInfo" -> Response.Status.fromStatusCode(status);
                    case "setStatus" -> {
                      status = (Integer) args[0];
                      yield null;
                    }
                    case "getHeaders" -> headers;
                    case "setEntity" -> {
                      entity = args[0];
                      type = args.length > 2 ? (MediaType) args[2] : null;
                      yield null;
                    }
                    case "getEntity" -> entity;
                    default -> throw new UnsupportedOperationException(method.getName());
                  });
    }
  }

  static ContainerRequestContext request(String method) {
    return (ContainerRequestContext)
        Proxy.newProxyInstance(
            DurableWritesFilterTest.class.getClassLoader(),
            new Class<?>[] {ContainerRequestContext.class},
            (proxy, m, args) -> {
              if (m.getName().equals("getMethod")) {
                return method;
              }
              throw new UnsupportedOperationException(m.getName());
            });
  }

  static Answer created() {
    Answer answer = new Answer();
    answer.status = 201;
    answer.entity = "the created user";
    answer.headers.putSingle(HttpHeaders.LOCATION, "https://host/scim/v2/Users/1");
    answer.headers.putSingle(HttpHeaders.ETAG, "W/\"1\"");
    return answer;
  }

  static Answer filtered(File file, String method, Answer answer) {
    DurableWritesFilter filter = new DurableWritesFilter();
    filter.groupCommit = file;
    filter.filter(request(method), answer.context());
    return answer;
  }

  @Test
  void aStoredWriteKeepsItsAnswer() {
    File file = new File();
    Answer answer = filtered(file, "POST", created());
    assertEquals(1, file.writes);
    assertEquals(201, answer.status);
    assertEquals("the created user", answer.entity);
    assertEquals("https://host/scim/v2/Users/1", answer.headers.getFirst(HttpHeaders.LOCATION));
  }

  @Test
  void aWriteWhoseCommitCouldNotBeStoredIsAnswered503() {
    for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
      File file = new File();
      file.failing = true;
      Answer answer = filtered(file, method, created());
      assertEquals(503, answer.status, method);
      assertEquals("30", String.valueOf(answer.headers.getFirst(HttpHeaders.RETRY_AFTER)), method);
      assertNull(answer.headers.getFirst(HttpHeaders.LOCATION), method);
      assertNull(answer.headers.getFirst(HttpHeaders.ETAG), method);
      assertEquals(
          "application/scim+json", answer.type.getType() + "/" + answer.type.getSubtype(), method);
      JsonObject body = (JsonObject) answer.entity;
      assertEquals("503", body.getString("status"), method);
      assertTrue(
          body.getJsonArray("schemas")
              .getString(0)
              .equals("urn:ietf:params:scim:api:messages:2.0:Error"),
          body::toString);
      assertTrue(body.getString("detail").contains("Try again later"), body::toString);
    }
  }

  @Test
  void readsAndFailedWritesDoNotWaitForTheFile() {
    File file = new File();
    file.failing = true;
    Answer read = new Answer();
    read.status = 200;
    filtered(file, "GET", read);
    Answer refused = new Answer();
    refused.status = 409;
    filtered(file, "POST", refused);
    assertEquals(0, file.writes);
    assertEquals(200, read.status);
    assertEquals(409, refused.status);
  }
}
