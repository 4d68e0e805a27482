package dev.roster.scim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.schema.ResourceType;
import jakarta.json.Json;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Paging and sorting parameters (RFC 7644 §3.4.2.3, §3.4.2.4) and the SearchRequest. */
class ListQueryTest {

  static ListQuery query(String sortBy, String sortOrder, String startIndex, String count) {
    return ListQuery.of(
        ResourceType.USER, 200, null, sortBy, sortOrder, startIndex, count, null, null);
  }

  @ParameterizedTest
  @CsvSource({
    ",, 1, 200",
    "1, 2, 1, 2",
    "0, 10, 1, 10",
    "-5, 10, 1, 10",
    "101, 100, 101, 100",
    "1, 0, 1, 0",
    "1, -1, 1, 0",
    "1, 1000, 1, 200",
    "' 3 ', ' 7 ', 3, 7"
  })
  void pagesAsTheRfcSays(String startIndex, String count, int expectedStart, int expectedCount) {
    ListQuery query = query(null, null, startIndex, count);
    assertEquals(expectedStart, query.startIndex());
    assertEquals(expectedCount, query.count());
  }

  @ParameterizedTest
  @CsvSource({"startIndex, abc", "count, 1.5", "count, ''"})
  void refusesPagingValuesThatAreNotIntegers(String name, String value) {
    ScimException e =
        assertThrows(
            ScimException.class,
            () ->
                query(
                    null,
                    null,
                    name.equals("startIndex") ? value : null,
                    name.equals("count") ? value : null));
    assertEquals(ScimType.INVALID_VALUE, e.scimType().orElseThrow());
  }

  @Test
  void resolvesTheSortAttributeAndOrder() {
    ListQuery query = query("NAME.familyname", "DESCENDING", null, null);
    assertEquals("name.familyName", query.sortBy().canonical());
    assertTrue(query.descending());
    assertEquals("emails.value", query("emails", null, null, null).sortBy().canonical());
    assertNull(query(null, null, null, null).sortBy());
  }

  @ParameterizedTest
  @CsvSource({"nosuch,", "name,", "password,", "userName, sideways"})
  void refusesSortsItCannotDo(String sortBy, String sortOrder) {
    ScimException e = assertThrows(ScimException.class, () -> query(sortBy, sortOrder, null, null));
    assertEquals(ScimType.INVALID_VALUE, e.scimType().orElseThrow());
  }

  @Test
  void readsASearchRequestLikeTheEquivalentParameters() {
    ListQuery fromBody =
        ListQuery.ofSearchRequest(
            ResourceType.USER,
            200,
            Json.createReader(
                    new StringReader(
                        """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                         "attributes":["displayName","userName"],"filter":"displayName sw \\"smith\\"",
                         "startIndex":1,"count":10,"sortBy":"userName","sortOrder":"descending"}
                        """))
                .readObject());
    ListQuery fromParameters =
        ListQuery.of(
            ResourceType.USER,
            200,
            "displayName sw \"smith\"",
            "userName",
            "descending",
            "1",
            "10",
            "displayName,userName",
            null);
    assertEquals(Filter.parse("displayName sw \"smith\""), fromBody.filter());
    assertEquals(fromParameters.filter(), fromBody.filter());
    assertEquals(fromParameters.sortBy(), fromBody.sortBy());
    assertEquals(fromParameters.descending(), fromBody.descending());
    assertEquals(fromParameters.startIndex(), fromBody.startIndex());
    assertEquals(fromParameters.count(), fromBody.count());
  }
}
