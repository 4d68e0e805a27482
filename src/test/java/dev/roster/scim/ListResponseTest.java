package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListResponseTest {

  private static JsonObject user(String userName) {
    return Json.createObjectBuilder().add("userName", userName).build();
  }

  @Test
  void describesAPage() {
    JsonObject page = ListResponse.of(12, 11, List.of(user("bjensen"), user("jsmith")));

    assertEquals(
        List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse"),
        page.getJsonArray("schemas").getValuesAs(JsonString::getString));
    assertEquals(12, page.getJsonNumber("totalResults").longValueExact());
    assertEquals(2, page.getInt("itemsPerPage"));
    assertEquals(11, page.getJsonNumber("startIndex").longValueExact());
    assertEquals(List.of(user("bjensen"), user("jsmith")), page.getJsonArray("Resources"));
  }

  @Test
  void keepsResourcesEvenWhenEmpty() {
    JsonObject page = ListResponse.of(0, 1, List.of());

    assertTrue(page.containsKey("Resources"));
    assertTrue(page.getJsonArray("Resources").isEmpty());
    assertEquals(0, page.getInt("totalResults"));
    assertEquals(0, page.getInt("itemsPerPage"));
    assertEquals(1, page.getInt("startIndex"));
  }

  @Test
  void itemsPerPageCountsThePageNotTheTotal() {
    JsonObject page = ListResponse.of(500, 101, List.of(user("a")));

    assertEquals(1, page.getInt("itemsPerPage"));
    assertEquals(500, page.getInt("totalResults"));
  }

  @Test
  void ofAllPutsEverythingOnPageOne() {
    JsonObject page = ListResponse.ofAll(List.of(user("a"), user("b"), user("c")));

    assertEquals(3, page.getInt("totalResults"));
    assertEquals(3, page.getInt("itemsPerPage"));
    assertEquals(1, page.getInt("startIndex"));
    assertEquals(3, page.getJsonArray("Resources").size());
  }
}
