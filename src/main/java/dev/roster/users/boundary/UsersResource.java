package dev.roster.users.boundary;

import dev.roster.scim.ListResponse;
import dev.roster.scim.ScimMediaType;
import dev.roster.scim.boundary.ResourceEndpoint;
import dev.roster.scim.boundary.ScimRequestProperties;
import dev.roster.scim.query.AttributeSelection;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.users.control.UserDocuments;
import dev.roster.users.control.UserPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /Users} (RFC 7644 §3), through {@link ResourceEndpoint}. A successful PATCH answers 200
 * with the user, which {@code attributes} can narrow (RFC 7644 §3.5.2 allows 204, but most clients
 * want to see the result). A user's {@code groups} are read only when the response shows them.
 *
 * <p>One instance serves every request ({@code @ApplicationScoped}: {@code uriInfo} is a proxy to
 * the current request's), and each request makes one call to {@link Users}: creating the resource
 * and its bean references anew per request cost more CPU than the lookup itself.
 */
@Path("Users")
@Produces(ScimMediaType.SCIM_JSON)
@ApplicationScoped
public class UsersResource extends ResourceEndpoint<Users.Found> {

  @Inject Users users;

  @Inject UserLookups lookups;

  @Inject UserTypes types;

  @Inject DroppedAttributes dropped;

  @Context HttpServletRequest request;

  public UsersResource() {
    super(ResourceType.USER);
  }

  /** The tenant's user type: with the extensions its admin defined. */
  @Override
  protected ResourceType type() {
    return types.users();
  }

  @Override
  protected Users.Found createResource(JsonObject body, AttributeSelection selection) {
    return noted(new Users.Found(users.create(body), List.of())); // in no group yet
  }

  @Override
  protected Users.Found findResource(String id, AttributeSelection selection) {
    return users.find(id, showsGroups(selection));
  }

  @Override
  protected Users.Found replaceResource(
      String id, JsonObject body, String ifMatch, AttributeSelection selection) {
    return noted(users.replace(id, body, ifMatch, showsGroups(selection)));
  }

  @Override
  protected Users.Found patchResource(
      String id, JsonObject body, String ifMatch, AttributeSelection selection) {
    return noted(users.patch(id, body, ifMatch, showsGroups(selection)));
  }

  @Override
  protected void deleteResource(String id, String ifMatch) {
    users.delete(id, ifMatch);
  }

  /**
   * A page of users. Without {@code attributes} or {@code excludedAttributes}, as Okta's import and
   * Entra's lookups ask, each stored document is written through as text ({@link
   * UserDocuments#listResponse}); a selection works on the parsed users.
   */
  @Override
  protected Object listResources(ListQuery query) {
    boolean withGroups = showsGroups(query.selection());
    UserPage page =
        lookups.search(query, withGroups).orElseGet(() -> users.search(query, withGroups));
    String baseUrl = baseUrl();
    ResourceType type = type();
    if (query.selection().keepsEverything(type)) {
      return UserDocuments.listResponse(page, query.startIndex(), baseUrl, type)
          .getBytes(StandardCharsets.UTF_8);
    }
    return ListResponse.of(
        page.totalResults(),
        query.startIndex(),
        page.users().stream()
            .map(
                u ->
                    query
                        .selection()
                        .apply(
                            type, UserDocuments.representation(u, baseUrl, page.groupsOf(u), type)))
            .toList());
  }

  @Override
  protected JsonObject representation(Users.Found found, AttributeSelection selection) {
    ResourceType type = type();
    return selection.apply(
        type, UserDocuments.representation(found.user(), baseUrl(), found.groups(), type));
  }

  @Override
  protected long version(Users.Found found) {
    return found.user().version();
  }

  @Override
  protected String location(Users.Found found, String baseUrl) {
    return UserDocuments.location(found.user(), baseUrl);
  }

  /** Names in the provisioning log the attributes the write ignored, if any. */
  private Users.Found noted(Users.Found found) {
    String note = dropped.note();
    if (note != null) {
      request.setAttribute(ScimRequestProperties.NOTE, note);
    }
    return found;
  }

  private static boolean showsGroups(AttributeSelection selection) {
    return !selection.excludes("groups");
  }
}
