package dev.roster.scim.boundary;

import dev.roster.scim.ETags;
import dev.roster.scim.query.AttributeSelection;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * The HTTP side of a resource endpoint (RFC 7644 §3), the same for {@code /Users} and {@code
 * /Groups}: create, read, replace, patch, delete, list and search. Each method parses the request
 * (attribute selection, list parameters, {@code If-Match}, {@code If-None-Match}), makes one call
 * to the subclass, and builds the response with its {@code ETag} and {@code Location}. The subclass
 * says what a resource is and how it is written.
 *
 * @param <R> what the subclass returns for one resource
 */
public abstract class ResourceEndpoint<R> {

  @Context protected UriInfo uriInfo;

  private final ResourceType type;

  protected ResourceEndpoint(ResourceType type) {
    this.type = type;
  }

  /**
   * The resource type this request reads and writes: the one given, unless the subclass knows the
   * tenant's own (users with a tenant's extensions, docs/custom-attributes.md).
   */
  protected ResourceType type() {
    return type;
  }

  protected abstract R createResource(JsonObject body, AttributeSelection selection);

  protected abstract R findResource(String id, AttributeSelection selection);

  protected abstract R replaceResource(
      String id, JsonObject body, String ifMatch, AttributeSelection selection);

  protected abstract R patchResource(
      String id, JsonObject body, String ifMatch, AttributeSelection selection);

  protected abstract void deleteResource(String id, String ifMatch);

  /** The entity of a list response. */
  protected abstract Object listResources(ListQuery query);

  /** The entity of a response with one resource. */
  protected abstract Object representation(R resource, AttributeSelection selection);

  protected abstract long version(R resource);

  /** The resource's URL, under {@code baseUrl}. */
  protected abstract String location(R resource, String baseUrl);

  /**
   * Whether a successful PATCH answers 200 with the resource, rather than 204 with its ETag (RFC
   * 7644 §3.5.2 allows either).
   *
   * @param asked whether the request named {@code attributes} or {@code excludedAttributes}
   */
  protected boolean patchAnswersResource(boolean asked) {
    return true;
  }

  @POST
  public Response create(
      JsonObject body,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes) {
    AttributeSelection selection = selection(attributes, excludedAttributes);
    R resource = createResource(body, selection);
    return Response.created(URI.create(location(resource, baseUrl())))
        .tag(etag(version(resource)))
        .entity(representation(resource, selection))
        .build();
  }

  @GET
  public Response list() {
    return Response.ok(listResources(ListParameters.toQuery(type(), uriInfo))).build();
  }

  /** {@code POST .search} (RFC 7644 §3.4.3): the same query as a GET, in the body. */
  @POST
  @Path(".search")
  public Response search(JsonObject body) {
    return Response.ok(
            listResources(ListQuery.ofSearchRequest(type(), ServiceProvider.MAX_RESULTS, body)))
        .build();
  }

  @GET
  @Path("{id}")
  public Response get(
      @PathParam("id") String id,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    AttributeSelection selection = selection(attributes, excludedAttributes);
    R resource = findResource(id, selection);
    if (ifNoneMatch != null && ETags.matches(ifNoneMatch, version(resource))) {
      return Response.notModified(etag(version(resource))).build();
    }
    return ok(resource, selection);
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
    return ok(replaceResource(id, body, ifMatch, selection), selection);
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
    R resource = patchResource(id, body, ifMatch, selection);
    if (!patchAnswersResource(attributes != null || excludedAttributes != null)) {
      return Response.noContent().tag(etag(version(resource))).build();
    }
    return ok(resource, selection);
  }

  @DELETE
  @Path("{id}")
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    deleteResource(id, ifMatch);
    return Response.noContent().build();
  }

  /** The SCIM base URL of the request, without a trailing slash: what locations start with. */
  protected String baseUrl() {
    String base = uriInfo.getBaseUri().toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private Response ok(R resource, AttributeSelection selection) {
    return Response.ok(representation(resource, selection))
        .tag(etag(version(resource)))
        .location(URI.create(location(resource, baseUrl())))
        .build();
  }

  /** The weak ETag of a resource version, {@code W/"3"}, equal to its {@code meta.version}. */
  private static EntityTag etag(long version) {
    return new EntityTag(Long.toString(version), true);
  }

  private AttributeSelection selection(String attributes, String excludedAttributes) {
    return AttributeSelection.of(
        type(), AttributeSelection.split(attributes), AttributeSelection.split(excludedAttributes));
  }
}
