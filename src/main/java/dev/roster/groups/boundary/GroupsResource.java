package dev.roster.groups.boundary;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.groups.control.GroupDocuments;
import dev.roster.groups.control.GroupPage;
import dev.roster.groups.entity.StoredGroup;
import dev.roster.scim.ScimMediaType;
import dev.roster.scim.boundary.ResourceEndpoint;
import dev.roster.scim.boundary.ScimRequestProperties;
import dev.roster.scim.query.AttributeSelection;
import dev.roster.scim.query.ListQuery;
import dev.roster.scim.schema.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.Set;

/**
 * {@code /Groups} (RFC 7644 §3), through {@link ResourceEndpoint}. Members are streamed into
 * responses (see {@link GroupWriter}).
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
public class GroupsResource extends ResourceEndpoint<StoredGroup> {

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

  @Context HttpServletRequest request;

  public GroupsResource() {
    super(TYPE);
  }

  @Override
  protected StoredGroup createResource(JsonObject body, AttributeSelection selection) {
    return noted(groups.create(body));
  }

  @Override
  protected StoredGroup findResource(String id, AttributeSelection selection) {
    return groups.find(id);
  }

  @Override
  protected StoredGroup replaceResource(
      String id, JsonObject body, String ifMatch, AttributeSelection selection) {
    return noted(groups.replace(id, body, ifMatch));
  }

  @Override
  protected StoredGroup patchResource(
      String id, JsonObject body, String ifMatch, AttributeSelection selection) {
    return noted(groups.patch(id, body, ifMatch));
  }

  @Override
  protected boolean patchAnswersResource(boolean asked) {
    return asked;
  }

  @Override
  protected void deleteResource(String id, String ifMatch) {
    groups.delete(id, ifMatch);
  }

  @Override
  protected Object listResources(ListQuery query) {
    GroupPage page = groups.search(query);
    List<GroupWriter.Item> items =
        page.groups().stream().map(g -> item(g, query.selection())).toList();
    return writer().list(page.totalResults(), query.startIndex(), items);
  }

  @Override
  protected Object representation(StoredGroup group, AttributeSelection selection) {
    return writer().one(item(group, selection));
  }

  @Override
  protected long version(StoredGroup group) {
    return group.version();
  }

  @Override
  protected String location(StoredGroup group, String baseUrl) {
    return GroupDocuments.location(group, baseUrl);
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

  /** Records in the provisioning log which member ids were skipped. */
  private StoredGroup noted(Groups.Written written) {
    if (!written.skippedMembers().isEmpty()) {
      request.setAttribute(
          ScimRequestProperties.NOTE,
          "Skipped members that are not users or groups of this tenant: "
              + String.join(", ", written.skippedMembers()));
    }
    return written.group();
  }

  private GroupWriter writer() {
    return new GroupWriter(groups, baseUrl());
  }
}
