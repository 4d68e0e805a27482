package dev.roster.users.boundary;

import dev.roster.scim.ListResponse;
import dev.roster.scim.ScimMediaType;
import dev.roster.scim.boundary.ResourceEndpoint;
import dev.roster.scim.query.AttributeSelection;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import dev.roster.users.control.UserDocuments;
import dev.roster.users.control.UserPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

  private static final ResourceType TYPE = ResourceType.USER;

  @Inject Users users;

  public UsersResource() {
    super(TYPE);
  }

  @Override
  protected Users.Found createResource(JsonObject body, AttributeSelection selection) {
    return new Users.Found(users.create(body), List.of()); // in no group yet
  }

  @Override
  protected Users.Found findResource(String id, AttributeSelection selection) {
    return users.find(id, showsGroups(selection));
  }

  @Override
  protected Users.Found replaceResource(
      String id, JsonObject body, String ifMatch, AttributeSelection selection) {
    return users.replace(id, body, ifMatch, showsGroups(selection));
  }

  @Override
  protected Users.Found patchResource(
      String id, JsonObject body, String ifMatch, AttributeSelection selection) {
    return users.patch(id, body, ifMatch, showsGroups(selection));
  }

  @Override
  protected void deleteResource(String id, String ifMatch) {
    users.delete(id, ifMatch);
  }

  @Override
  protected JsonObject listResources(ListQuery query) {
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

  @Override
  protected JsonObject representation(Users.Found found, AttributeSelection selection) {
    return selection.apply(
        TYPE, UserDocuments.representation(found.user(), baseUrl(), found.groups()));
  }

  @Override
  protected long version(Users.Found found) {
    return found.user().version();
  }

  @Override
  protected String location(Users.Found found, String baseUrl) {
    return UserDocuments.location(found.user(), baseUrl);
  }

  private static boolean showsGroups(AttributeSelection selection) {
    return !selection.excludes("groups");
  }
}
