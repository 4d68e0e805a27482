package dev.roster.groups.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.groups.control.GroupDocuments;
import dev.roster.groups.control.GroupPage;
import dev.roster.groups.entity.StoredGroup;
import dev.roster.scim.ETags;
import dev.roster.scim.ScimMediaType;
import dev.roster.scim.boundary.ListParameters;
import dev.roster.scim.boundary.ResourceResponses;
import dev.roster.scim.boundary.ScimRequestProperties;
import dev.roster.scim.boundary.ServiceProvider;
import dev.roster.scim.query.AttributeSelection;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
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
import java.util.Set;

/**
 * {@code /Groups} (RFC 7644 §3): create, read, replace, patch, delete, list and search. Members are
 * streamed into responses (see {@link GroupWriter}).
 *
 * <p>A successful PATCH answers <b>204</b> with the new {@code ETag}, unless the request asks for
 * the result with {@code attributes} or {@code excludedAttributes}: then 200 with the group. Entra
 * ID and Microsoft's test collection expect 204 for group PATCHes, Okta accepts either, and a
 * membership change to a 100,000-member group should not answer with 100,000 members.
 *
 * <p>One instance serves every request, as for {@code UsersResource}.
 */
@Path("Groups")
@Produces(ScimMediaType.SCIM_JSON)
@ApplicationScoped
public class GroupsResource {

  private static final ResourceType TYPE = ResourceType.GROUP;
  private static final JsonObject EVERY_MEMBER_KEY =
      JSON.createObjectBuilder()
          .add(
              "members",
              JSON.createArrayBuilder()
                  .add(
                      JSON.createObjectBuilder()
                          .add("value", "")
                          .add("$ref", "")
                          .add("type", "")
                          .add("display", "")))
          .build();

  @Inject Groups groups;

  @Context UriInfo uriInfo;

  @Context HttpServletRequest request;

  @POST
  public Response create(
      JsonObject body,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes) {
    Groups.Written written = groups.create(body);
    note(written);
    StoredGroup group = written.group();
    return Response.created(URI.create(GroupDocuments.location(group, baseUrl())))
        .tag(etag(group))
        .entity(writer().one(item(group, selection(attributes, excludedAttributes))))
        .build();
  }

  @GET
  public Response list() {
    return page(ListParameters.toQuery(TYPE, uriInfo));
  }

  /** POST /Groups/.search (RFC 7644 §3.4.3): the same query as a GET, in the body. */
  @POST
  @Path(".search")
  public Response search(JsonObject body) {
    return page(ListQuery.ofSearchRequest(TYPE, ServiceProvider.MAX_RESULTS, body));
  }

  @GET
  @Path("{id}")
  public Response get(
      @PathParam("id") String id,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    StoredGroup group = groups.find(id);
    if (ifNoneMatch != null && ETags.matches(ifNoneMatch, group.version())) {
      return Response.notModified(etag(group)).build();
    }
    return ok(group, selection(attributes, excludedAttributes));
  }

  @PUT
  @Path("{id}")
  public Response replace(
      @PathParam("id") String id,
      JsonObject body,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    Groups.Written written = groups.replace(id, body, ifMatch);
    note(written);
    return ok(written.group(), selection(attributes, excludedAttributes));
  }

  @PATCH
  @Path("{id}")
  public Response patch(
      @PathParam("id") String id,
      JsonObject body,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    Groups.Written written = groups.patch(id, body, ifMatch);
    note(written);
    if (attributes == null && excludedAttributes == null) {
      return Response.noContent().tag(etag(written.group())).build();
    }
    return ok(written.group(), selection(attributes, excludedAttributes));
  }

  @DELETE
  @Path("{id}")
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    groups.delete(id, ifMatch);
    return Response.noContent().build();
  }

  private Response page(ListQuery query) {
    GroupPage page = groups.search(query);
    List<GroupWriter.Item> items =
        page.groups().stream().map(g -> item(g, query.selection())).toList();
    return Response.ok(writer().list(page.totalResults(), query.startIndex(), items)).build();
  }

  private Response ok(StoredGroup group, AttributeSelection selection) {
    return Response.ok(writer().one(item(group, selection)))
        .tag(etag(group))
        .location(URI.create(GroupDocuments.location(group, baseUrl())))
        .build();
  }

  private GroupWriter.Item item(StoredGroup group, AttributeSelection selection) {
    JsonObject head = selection.apply(TYPE, GroupDocuments.representation(group, baseUrl()));
    return new GroupWriter.Item(head, group.id(), memberKeys(selection));
  }

  /**
   * The member sub-attributes the selection keeps, or {@code null} when it leaves {@code members}
   * out: then no member is read.
   */
  private static Set<String> memberKeys(AttributeSelection selection) {
    JsonObject selected = selection.apply(TYPE, EVERY_MEMBER_KEY);
    if (!(selected.get("members") instanceof JsonArray members) || members.isEmpty()) {
      return null;
    }
    return Set.copyOf(members.getJsonObject(0).keySet());
  }

  private static AttributeSelection selection(String attributes, String excludedAttributes) {
    return AttributeSelection.of(
        TYPE, AttributeSelection.split(attributes), AttributeSelection.split(excludedAttributes));
  }

  /** Records in the provisioning log which member ids were skipped. */
  private void note(Groups.Written written) {
    if (!written.skippedMembers().isEmpty()) {
      request.setAttribute(
          ScimRequestProperties.NOTE,
          "Skipped members that are not users or groups of this tenant: "
              + String.join(", ", written.skippedMembers()));
    }
  }

  private GroupWriter writer() {
    return new GroupWriter(groups, baseUrl());
  }

  private static EntityTag etag(StoredGroup group) {
    return ResourceResponses.etag(group.version());
  }

  private String baseUrl() {
    return ResourceResponses.baseUrl(uriInfo);
  }
}
