package dev.roster.scim.boundary;

import dev.roster.scim.JsonBodies;
import dev.roster.scim.ScimMediaType;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Hands a SCIM request body to a resource as a {@link JsonObject}: the one {@link
 * RequestBodyFilter} parsed (request properties are servlet request attributes), so that a body is
 * parsed once.
 */
@Consumes({ScimMediaType.SCIM_JSON, ScimMediaType.JSON})
public class ScimJsonReader implements MessageBodyReader<JsonObject> {

  @Context HttpServletRequest servletRequest;

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
    if (servletRequest.getAttribute(ScimRequestProperties.BODY_JSON) instanceof JsonObject parsed) {
      return parsed;
    }
    return JsonBodies.parseObject(entityStream);
  }
}
