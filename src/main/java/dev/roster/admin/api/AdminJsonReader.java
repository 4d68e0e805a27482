package dev.roster.admin.api;

import dev.roster.scim.JsonBodies;
import dev.roster.scim.ScimException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads an admin API request body as a {@link JsonObject}, reading at most {@value #MAX_BODY_BYTES}
 * bytes of it: a larger body is a 413, answered without reading the rest. The admin API's bodies
 * are a few hundred bytes (a name, an id, a label, a date).
 */
@Consumes(MediaType.APPLICATION_JSON)
public class AdminJsonReader implements MessageBodyReader<JsonObject> {

  public static final int MAX_BODY_BYTES = 64 * 1024;

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == JsonObject.class;
  }

  @Override
  public JsonObject readFrom(
      Class<JsonObject> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream) {
    if (declaredLength(httpHeaders) > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    byte[] body;
    try {
      body = entityStream.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body", e);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    return JsonBodies.parseObject(body);
  }

  private static long declaredLength(MultivaluedMap<String, String> headers) {
    try {
      String length = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
      return length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ScimException tooLarge() {
    return ScimException.payloadTooLarge(
        "The request body is larger than " + MAX_BODY_BYTES + " bytes, the admin API's limit.");
  }
}
