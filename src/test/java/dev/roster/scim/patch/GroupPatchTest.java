package dev.roster.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.schema.ResourceType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Group PATCH requests as Entra ID, Okta and Microsoft's test collection send them
 * (docs/request-shapes.md: G1–G7, Q3, O10, #okta-quirks) and the examples of RFC 7644 §3.5.2, split
 * into the membership changes the store runs as set operations and the attribute operations the
 * engine applies. Each row gives the operations as they arrive, the expected member changes
 * (written compactly: {@code add[a,b(display)]}, {@code remove[a]}, {@code removeAll}, {@code
 * removeMatching(filter)}, {@code replaceAll[a]}), and the group's attributes after the engine
 * applied the rest to {@code {displayName: "Sales", externalId: "e1"}}.
 */
class GroupPatchTest {

  private static final JsonObject SALES =
      Json.createObjectBuilder().add("externalId", "e1").add("displayName", "Sales").build();
  private static final PatchEngine ENGINE = new PatchEngine(ResourceType.GROUP);

  static Stream<Arguments> shapes() {
    return Stream.of(
        // Entra ID
        row(
            "G1 several members in one op, $ref null, no type",
            """
            {"op":"Add","path":"members","value":[{"value":"u1","$ref":null},{"value":"u2"}]}""",
            "add[u1,u2]"),
        row(
            "G1 a member named twice counts once",
            """
            {"op":"add","path":"members","value":[{"value":"u1"},{"value":"u1"}]}""",
            "add[u1]"),
        row(
            "G2 remove with path members and a value list removes only those",
            """
            {"op":"Remove","path":"members","value":[{"value":"u1"},{"value":"u2"}]}""",
            "remove[u1,u2]"),
        row(
            "G2 the value as one object",
            """
            {"op":"Remove","path":"members","value":{"value":"u1"}}""",
            "remove[u1]"),
        row(
            "G2 an empty value list removes nothing (it is not 'no value')",
            """
            {"op":"remove","path":"members","value":[]}""",
            "remove[]"),
        row(
            "G3 remove with a filter path",
            """
            {"op":"remove","path":"members[value eq \\"u1\\"]"}""",
            "remove[u1]"),
        row(
            "G3 filters on value joined by or are removals by id",
            """
            {"op":"remove","path":"members[value eq \\"u1\\" or value eq \\"u2\\"]"}""",
            "remove[u1,u2]"),
        row(
            "G4 remove members without a value clears the group",
            """
            {"op":"remove","path":"members"}""",
            "removeAll"),
        row(
            "G4 a null value is no value",
            """
            {"op":"remove","path":"members","value":null}""",
            "removeAll"),
        row(
            "G5 replace members with a list",
            """
            {"op":"replace","path":"members","value":[{"value":"u1"},{"value":"u2"}]}""",
            "replaceAll[u1,u2]"),
        row(
            "G5 replace members with [] empties the group",
            """
            {"op":"replace","path":"members","value":[]}""",
            "replaceAll[]"),
        row(
            "G6 rename",
            """
            {"op":"Replace","path":"displayName","value":"New"}""",
            "",
            "{\"externalId\":\"e1\",\"displayName\":\"New\"}"),
        row(
            "G6 path-less rename (validator)",
            """
            {"op":"replace","value":{"displayName":"New"}}""",
            "",
            "{\"externalId\":\"e1\",\"displayName\":\"New\"}"),
        row(
            "G6 path-less externalId (validator)",
            """
            {"op":"replace","value":{"externalId":"e2"}}""",
            "",
            "{\"externalId\":\"e2\",\"displayName\":\"Sales\"}"),
        row(
            "G7 a bare string is one member id",
            """
            {"op":"add","path":"members","value":"string id 1"}""",
            "add[string id 1]"),
        // Microsoft's test collection
        row(
            "MS #27 displayName stands for display; the op's extra 'name' is ignored",
            """
            {"name":"addMember","op":"add","path":"members",
             "value":[{"displayName":"new User","value":"u4"}]}""",
            "add[u4(new User)]"),
        row(
            "display wins over displayName",
            """
            {"op":"add","path":"members","value":[{"display":"A","displayName":"B","value":"u4"}]}""",
            "add[u4(A)]"),
        // Okta
        row(
            "Okta path-less {id, displayName} after create and on rename",
            """
            {"op":"replace","value":{"id":"g1","displayName":"Sales EMEA"}}""",
            "",
            "{\"externalId\":\"e1\",\"displayName\":\"Sales EMEA\"}"),
        row(
            "Okta membership delta: remove by filter, then add with display and no type",
            """
            {"op":"remove","path":"members[value eq \\"u1\\"]"},
            {"op":"add","path":"members","value":[{"value":"u2","display":"bob@example.com"}]}""",
            "remove[u1]; add[u2(bob@example.com)]"),
        row(
            "Okta Push Now: replace with the complete list",
            """
            {"op":"replace","path":"members","value":[{"value":"u1","display":"a"},{"value":"u2"}]}""",
            "replaceAll[u1(a),u2]"),
        // RFC 7644 §3.5.2 and other clients
        row(
            "RFC 3.5.2.1 add one member with display and $ref",
            """
            {"op":"add","path":"members","value":[{"display":"Babs Jensen",
              "$ref":"https://example.com/v2/Users/u1","value":"u1"}]}""",
            "add[u1(Babs Jensen)]"),
        row(
            "RFC 3.5.2.2 remove all members",
            """
            {"op":"remove","path":"members"}""",
            "removeAll"),
        row(
            "RFC 3.5.2.2 remove one member by filter",
            """
            {"op":"remove","path":"members[value eq \\"2819c223-7f76-453a-919d-413861904646\\"]"}""",
            "remove[2819c223-7f76-453a-919d-413861904646]"),
        row(
            "RFC 3.5.2.2 remove all, then add (replace as two operations)",
            """
            {"op":"remove","path":"members"},
            {"op":"add","path":"members","value":[{"value":"u1"},{"value":"u2"}]}""",
            "removeAll; add[u1,u2]"),
        row(
            "RFC 3.5.2.3 replace members",
            """
            {"op":"replace","path":"members","value":[{"display":"Babs","value":"u1"}]}""",
            "replaceAll[u1(Babs)]"),
        row(
            "remove members that match another filter",
            """
            {"op":"remove","path":"members[type eq \\"Group\\"]"}""",
            "removeMatching(type eq \"Group\")"),
        row(
            "replace matching members: remove them, add the value",
            """
            {"op":"replace","path":"members[value eq \\"u1\\"]","value":{"value":"u2"}}""",
            "remove[u1]; add[u2]"),
        row(
            "add to a filter path on value without a value adds that id",
            """
            {"op":"add","path":"members[value eq \\"u3\\"]"}""",
            "add[u3]"),
        row(
            "path-less add of members and displayName",
            """
            {"op":"add","value":{"members":[{"value":"u1"}],"displayName":"New"}}""",
            "add[u1]",
            "{\"externalId\":\"e1\",\"displayName\":\"New\"}"),
        row(
            "path-less replace of members is Push Now",
            """
            {"op":"replace","value":{"Members":[{"value":"u1"}]}}""",
            "replaceAll[u1]"),
        row(
            "URN-qualified path and names in any case",
            """
            {"op":"ADD","path":"urn:ietf:params:scim:schemas:core:2.0:Group:Members",
             "value":[{"VALUE":"u1","Display":"x"}]}""",
            "add[u1(x)]"),
        row(
            "ids are trimmed",
            """
            {"op":"add","path":"members","value":[{"value":" u1 "}]}""",
            "add[u1]"),
        row(
            "several operations keep their order; attributes are independent",
            """
            {"op":"add","path":"members","value":[{"value":"u1"}]},
            {"op":"replace","path":"displayName","value":"Renamed"},
            {"op":"remove","path":"members[value eq \\"u1\\"]"}""",
            "add[u1]; remove[u1]",
            "{\"externalId\":\"e1\",\"displayName\":\"Renamed\"}"),
        row("an empty Operations list is a no-op", "", ""));
  }

  /** A display of 600 emoji (2,400 bytes of UTF-8) is within the limits. */
  @Test
  void keepsADisplayOf600CharactersOutsideTheBasicPlane() {
    String display = "\uD83D\uDE00".repeat(600);
    GroupPatch plan =
        GroupPatch.of(
            PatchOperation.listOf(
                body(
                    "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\",\"display\":\""
                        + display
                        + "\"}]}")));
    assertEquals(
        display, ((MemberChange.Add) plan.memberChanges().get(0)).members().get(0).display());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void splitsEveryShape(String name, String operations, String changes, String attributes) {
    GroupPatch plan = GroupPatch.of(PatchOperation.listOf(body(operations)));
    assertEquals(changes, describe(plan.memberChanges()));
    JsonObject after =
        plan.attributeOperations().isEmpty()
            ? SALES
            : ENGINE.apply(SALES, plan.attributeOperations());
    assertEquals(Json.createReader(new StringReader(attributes)).readObject(), after);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        failure(
            "a member's display cannot be changed",
            """
            {"op":"replace","path":"members[value eq \\"u1\\"].display","value":"x"}""",
            ScimType.MUTABILITY),
        failure(
            "a member's value cannot be removed",
            """
            {"op":"remove","path":"members.value"}""",
            ScimType.MUTABILITY),
        failure(
            "members has no sub-attribute foo",
            """
            {"op":"remove","path":"members.foo"}""",
            ScimType.INVALID_PATH),
        failure(
            "a member filter on an unknown sub-attribute",
            """
            {"op":"remove","path":"members[foo eq \\"x\\"]"}""",
            ScimType.INVALID_FILTER),
        failure(
            "a member filter on a URN path",
            """
            {"op":"remove","path":"members[urn:ietf:params:scim:schemas:core:2.0:User:userName eq \\"x\\"]"}""",
            ScimType.INVALID_PATH),
        failure(
            "add members without a value",
            """
            {"op":"add","path":"members"}""",
            ScimType.INVALID_VALUE),
        failure(
            "replace members without a value",
            """
            {"op":"replace","path":"members"}""",
            ScimType.INVALID_VALUE),
        failure(
            "a member without a value",
            """
            {"op":"add","path":"members","value":[{"display":"x"}]}""",
            ScimType.INVALID_VALUE),
        failure(
            "a member whose value is a number",
            """
            {"op":"add","path":"members","value":[{"value":5}]}""",
            ScimType.INVALID_VALUE),
        failure(
            "a member that is a number",
            """
            {"op":"add","path":"members","value":5}""",
            ScimType.INVALID_VALUE),
        failure(
            "a blank member id",
            """
            {"op":"add","path":"members","value":[{"value":"  "}]}""",
            ScimType.INVALID_VALUE),
        failure(
            "a display that is not a string",
            """
            {"op":"add","path":"members","value":[{"value":"u1","display":true}]}""",
            ScimType.INVALID_VALUE),
        failure(
            "a display longer than 2048 characters",
            "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\",\"display\":\""
                + "x".repeat(2049)
                + "\"}]}",
            ScimType.INVALID_VALUE),
        failure(
            "a display of 601 emoji, 2404 bytes",
            "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\",\"display\":\""
                + "\uD83D\uDE00".repeat(601)
                + "\"}]}",
            ScimType.INVALID_VALUE),
        failure(
            "add to a filter path that names no id, without a value",
            """
            {"op":"add","path":"members[type eq \\"User\\"]"}""",
            ScimType.INVALID_PATH),
        failure(
            "an unparseable path",
            """
            {"op":"remove","path":"members[value eq"}""",
            ScimType.INVALID_PATH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void refuses(String name, String operations, ScimType expected) {
    ScimException e =
        assertThrows(
            ScimException.class, () -> GroupPatch.of(PatchOperation.listOf(body(operations))));
    assertEquals(400, e.status());
    assertEquals(Optional.of(expected), e.scimType());
    assertTrue(e.detail().startsWith("Operation 1 ("), e.detail());
  }

  static Stream<Arguments> attributeFailures() {
    return Stream.of(
        failure(
            "displayName is required",
            """
            {"op":"remove","path":"displayName"}""",
            ScimType.INVALID_VALUE),
        failure(
            "an unknown attribute path",
            """
            {"op":"replace","path":"title","value":"x"}""",
            ScimType.INVALID_PATH),
        failure(
            "a path-less operation whose value is not an object",
            """
            {"op":"replace","value":"x"}""",
            ScimType.INVALID_VALUE));
  }

  /** What the engine refuses of the attribute operations: the request is refused as a whole. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("attributeFailures")
  void theEngineRefusesBadAttributeOperations(String name, String operations, ScimType expected) {
    GroupPatch plan = GroupPatch.of(PatchOperation.listOf(body(operations)));
    ScimException e =
        assertThrows(ScimException.class, () -> ENGINE.apply(SALES, plan.attributeOperations()));
    assertEquals(Optional.of(expected), e.scimType());
  }

  private static String describe(List<MemberChange> changes) {
    List<String> parts = new ArrayList<>();
    for (MemberChange change : changes) {
      if (change instanceof MemberChange.Add add) {
        parts.add("add" + members(add.members()));
      } else if (change instanceof MemberChange.Remove remove) {
        parts.add("remove[" + String.join(",", remove.ids()) + "]");
      } else if (change instanceof MemberChange.RemoveAll) {
        parts.add("removeAll");
      } else if (change instanceof MemberChange.RemoveMatching matching) {
        parts.add("removeMatching(" + matching.filter() + ")");
      } else if (change instanceof MemberChange.ReplaceAll replace) {
        parts.add("replaceAll" + members(replace.members()));
      }
    }
    return String.join("; ", parts);
  }

  private static String members(List<MemberChange.Member> members) {
    return members.stream()
        .map(m -> m.value() + (m.display() == null ? "" : "(" + m.display() + ")"))
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static JsonObject body(String operations) {
    return Json.createReader(
            new StringReader(
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":["
                    + operations
                    + "]}"))
        .readObject();
  }

  private static Arguments row(String name, String operations, String changes) {
    return row(name, operations, changes, SALES.toString());
  }

  private static Arguments row(String name, String operations, String changes, String attributes) {
    return Arguments.of(name, operations, changes, attributes);
  }

  private static Arguments failure(String name, String operations, ScimType expected) {
    return Arguments.of(name, operations, expected);
  }
}
