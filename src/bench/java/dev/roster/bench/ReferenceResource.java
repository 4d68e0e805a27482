package dev.roster.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /bench/reference}: a small fixed JSON body, with no database, no JSON-P and no
 * authentication. Its server CPU per request is the floor of the platform (Grizzly, the servlet
 * container, Jersey) that every SCIM request pays too.
 */
@Path("reference")
public class ReferenceResource {

  static final String BODY = "{\"status\":\"ok\",\"service\":\"roster-bench\",\"version\":1}";

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String get() {
    return BODY;
  }
}
