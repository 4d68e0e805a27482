package dev.roster.users.boundary;

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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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

/**
 * {@code /Users} (RFC 7644 §3): create, read, replace, patch, delete, list and search. A successful
 * PATCH answers 200 with the user, which {@code attributes} can narrow (RFC 7644 §3.5.2 allows 204,
 * but most clients want to see the result).
 *
 * <p>One instance serves every request ({@code @ApplicationScoped}: {@code uriInfo} is a proxy to
 * the current request's), and each request makes one call to {@link Users}: creating the resource
 * and its bean references anew per request cost more CPU than the lookup itself.
 */
@Path("Users")
@Produces(ScimMediaType.SCIM_JSON)
@ApplicationScoped
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
    AttributeSelection selection = selection(attributes, excludedAttributes);
    return Response.created(URI.create(UserDocuments.location(user, baseUrl())))
        .tag(etag(user))
        .entity(representation(new Users.Found(user, List.of()), selection)) // in no group yet
        .build();
  }

  @GET
  public JsonObject list() {
    return page(ListParameters.toQuery(TYPE, uriInfo));
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
    AttributeSelection selection = selection(attributes, excludedAttributes);
    Users.Found found = users.find(id, showsGroups(selection));
    if (ifNoneMatch != null && ETags.matches(ifNoneMatch, found.user().version())) {
      return Response.notModified(etag(found.user())).build();
    }
    return ok(found, selection);
  }

  @PUT
  @Path("{id}")
  public Response replace(
      @PathParam("id") String id,
      JsonObject body,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    AttributeSelection selection = selection(attributes, excludedAttributes);
    return ok(users.replace(id, body, ifMatch, showsGroups(selection)), selection);
  }

  @PATCH
  @Path("{id}")
  public Response patch(
      @PathParam("id") String id,
      JsonObject body,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    AttributeSelection selection = selection(attributes, excludedAttributes);
    return ok(users.patch(id, body, ifMatch, showsGroups(selection)), selection);
  }

  @DELETE
  @Path("{id}")
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    users.delete(id, ifMatch);
    return Response.noContent().build();
  }

  private JsonObject page(ListQuery query) {
    UserPage page = users.search(query, showsGroups(query.selection()));
    String baseUrl = baseUrl();
    return ListResponse.of(
        page.totalResults(),
        query.startIndex(),
        page.users().stream()
            .map(
                u ->
                    query
                        .selection()
                        .apply(TYPE, UserDocuments.representation(u, baseUrl, page.groupsOf(u))))
            .toList());
  }

  private Response ok(Users.Found found, AttributeSelection selection) {
    return Response.ok(representation(found, selection))
        .tag(etag(found.user()))
        .location(URI.create(UserDocuments.location(found.user(), baseUrl())))
        .build();
  }

  private JsonObject representation(Users.Found found, AttributeSelection selection) {
    return selection.apply(
        TYPE, UserDocuments.representation(found.user(), baseUrl(), found.groups()));
  }

  /** Groups are read only when the response shows them. */
  private static boolean showsGroups(AttributeSelection selection) {
    return !selection.excludes("groups");
  }

  private static AttributeSelection selection(String attributes, String excludedAttributes) {
    return AttributeSelection.of(
        TYPE, AttributeSelection.split(attributes), AttributeSelection.split(excludedAttributes));
  }

  private static EntityTag etag(StoredUser user) {
    return ResourceResponses.etag(user.version());
  }

  private String baseUrl() {
    return ResourceResponses.baseUrl(uriInfo);
  }
}
