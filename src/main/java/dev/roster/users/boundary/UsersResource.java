package dev.roster.users.boundary;

import dev.roster.groups.control.Memberships;
import dev.roster.scim.ETags;
import dev.roster.scim.ListResponse;
import dev.roster.scim.ScimMediaType;
import dev.roster.scim.boundary.ListParameters;
import dev.roster.scim.boundary.ResourceResponses;
import dev.roster.scim.boundary.ServiceProvider;
import dev.roster.scim.query.AttributeSelection;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.users.control.UserDocuments;
import dev.roster.users.control.UserPage;
import dev.roster.users.entity.StoredUser;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code /Users} (RFC 7644 §3): create, read, replace, patch, delete, list and search. A successful
 * PATCH answers 200 with the user, which {@code attributes} can narrow (RFC 7644 §3.5.2 allows 204,
 * but most clients want to see the result).
 */
@Path("Users")
@Produces(ScimMediaType.SCIM_JSON)
public class UsersResource {

  private static final ResourceType TYPE = ResourceType.USER;

  @Inject Users users;

  @Inject ServiceProvider serviceProvider;

  @Context UriInfo uriInfo;

  @POST
  public Response create(
      JsonObject body,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes) {
    StoredUser user = users.create(body);
    return Response.created(URI.create(UserDocuments.location(user, baseUrl())))
        .tag(etag(user))
        .entity(representation(user, attributes, excludedAttributes, false))
        .build();
  }

  @GET
  public JsonObject list(@BeanParam ListParameters parameters) {
    return page(parameters.toQuery(TYPE));
  }

  /** POST /Users/.search (RFC 7644 §3.4.3): the same query as a GET, in the body. */
  @POST
  @Path(".search")
  public JsonObject search(JsonObject body) {
    return page(ListQuery.ofSearchRequest(TYPE, ServiceProvider.MAX_RESULTS, body));
  }

  @GET
  @Path("{id}")
  public Response get(
      @PathParam("id") String id,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    StoredUser user = users.find(id);
    if (ifNoneMatch != null && ETags.matches(ifNoneMatch, user.version())) {
      return Response.notModified(etag(user)).build();
    }
    return ok(user, attributes, excludedAttributes);
  }

  @PUT
  @Path("{id}")
  public Response replace(
      @PathParam("id") String id,
      JsonObject body,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return ok(users.replace(id, body, ifMatch), attributes, excludedAttributes);
  }

  @PATCH
  @Path("{id}")
  public Response patch(
      @PathParam("id") String id,
      JsonObject body,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return ok(users.patch(id, body, ifMatch), attributes, excludedAttributes);
  }

  @DELETE
  @Path("{id}")
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    users.delete(id, ifMatch);
    return Response.noContent().build();
  }

  private JsonObject page(ListQuery query) {
    UserPage page = users.search(query);
    String baseUrl = baseUrl();
    Map<String, List<Memberships.GroupRef>> groups = groupsOf(page.users(), query.selection());
    return ListResponse.of(
        page.totalResults(),
        query.startIndex(),
        page.users().stream()
            .map(
                u ->
                    query
                        .selection()
                        .apply(
                            TYPE,
                            UserDocuments.representation(
                                u, baseUrl, groups.getOrDefault(u.scimId(), List.of()))))
            .toList());
  }

  private Response ok(StoredUser user, String attributes, String excludedAttributes) {
    return Response.ok(representation(user, attributes, excludedAttributes, true))
        .tag(etag(user))
        .location(URI.create(UserDocuments.location(user, baseUrl())))
        .build();
  }

  /** {@code inGroups}: whether the user may be in groups (a user just created is in none). */
  private JsonObject representation(
      StoredUser user, String attributes, String excluded, boolean inGroups) {
    AttributeSelection selection =
        AttributeSelection.of(
            TYPE, AttributeSelection.split(attributes), AttributeSelection.split(excluded));
    List<Memberships.GroupRef> groups =
        inGroups
            ? groupsOf(List.of(user), selection).getOrDefault(user.scimId(), List.of())
            : List.of();
    return selection.apply(TYPE, UserDocuments.representation(user, baseUrl(), groups));
  }

  /** The groups of these users, read only when the response shows {@code groups}. */
  private Map<String, List<Memberships.GroupRef>> groupsOf(
      List<StoredUser> page, AttributeSelection selection) {
    if (page.isEmpty() || selection.excludes("groups")) {
      return Map.of();
    }
    return users.groupsOf(page.stream().map(StoredUser::scimId).toList());
  }

  private static EntityTag etag(StoredUser user) {
    return ResourceResponses.etag(user.version());
  }

  private String baseUrl() {
    return ResourceResponses.baseUrl(uriInfo);
  }
}
