package dev.roster.scim;

import static dev.roster.scim.JsonProviders.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Collection;

/** The ListResponse message of RFC 7644 §3.4.2. */
public final class ListResponse {

  private ListResponse() {}

  /**
   * A page of results.
   *
   * @param totalResults how many resources match in all, not only on this page
   * @param startIndex the 1-based index of the first resource on this page
   * @param resources the resources on this page; {@code Resources} is present even when empty,
   *     because Entra's Test Connection and Microsoft's test collection expect {@code []}
   */
  public static JsonObject of(
      long totalResults, long startIndex, Collection<JsonObject> resources) {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    resources.forEach(array::add);
    return JSON.createObjectBuilder()
        .add("schemas", JSON.createArrayBuilder().add(SchemaUris.LIST_RESPONSE))
        .add("totalResults", totalResults)
        .add("itemsPerPage", resources.size())
        .add("startIndex", startIndex)
        .add("Resources", array)
        .build();
  }

  /**
   * Appends what {@link #of} writes before its resources, as JSON text, up to the opening bracket
   * of {@code Resources}: the caller appends the resources, separated by commas, and {@code ]}}.
   */
  public static StringBuilder writeHead(
      StringBuilder out, long totalResults, long startIndex, int itemsPerPage) {
    return out.append("{\"schemas\":[\"")
        .append(SchemaUris.LIST_RESPONSE)
        .append("\"],\"totalResults\":")
        .append(totalResults)
        .append(",\"itemsPerPage\":")
        .append(itemsPerPage)
        .append(",\"startIndex\":")
        .append(startIndex)
        .append(",\"Resources\":[");
  }

  /** All of a small, fixed collection on one page, as the discovery endpoints answer. */
  public static JsonObject ofAll(Collection<JsonObject> resources) {
    return of(resources.size(), 1, resources);
  }
}
