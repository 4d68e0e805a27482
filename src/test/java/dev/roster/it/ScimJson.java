package dev.roster.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The SCIM URNs, PATCH bodies and readers of responses that the integration tests share. */
public final class ScimJson {

  public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";

  public static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  public static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

  public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private ScimJson() {}

  /** A PatchOp request (RFC 7644 §3.5.2) of these operations, each a JSON object. */
  public static String patchOf(String... operations) {
    return """
        {"schemas": ["%s"], "Operations": [%s]}
        """
        .formatted(PATCH_OP, String.join(",", operations));
  }

  /** The value encoded for a query parameter. */
  public static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The ids of a list response's resources, in order. */
  public static List<String> ids(JsonObject list) {
    return list.getJsonArray("Resources").getValuesAs(JsonObject.class).stream()
        .map(r -> r.getString("id"))
        .toList();
  }

  /** The ids of a group's members, in order. */
  public static List<String> memberIds(JsonObject group) {
    return values(group.getJsonArray("members"));
  }

  /** The {@code value}s of a multi-valued attribute, in order. */
  public static List<String> values(JsonArray multiValued) {
    return multiValued.getValuesAs(JsonObject.class).stream()
        .map(m -> m.getString("value"))
        .toList();
  }

  /** The elements of a multi-valued attribute by their {@code value}. */
  public static Map<String, JsonObject> byValue(JsonArray multiValued) {
    return multiValued.getValuesAs(JsonObject.class).stream()
        .collect(Collectors.toMap(m -> m.getString("value"), m -> m));
  }

  public static List<String> strings(JsonArray array) {
    return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  /** {@code meta.version} of a resource. */
  public static String version(JsonObject resource) {
    return resource.getJsonObject("meta").getString("version");
  }
}
