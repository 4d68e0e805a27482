package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.scim.filter.Filter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which filters are one equality on a key column, as {@link JdbcUserLookups} answers them. */
class FilterTranslationTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "userName eq \"BJensen\" | u.userNameKey | bjensen",
        "USERNAME EQ \"BJensen\" | u.userNameKey | bjensen",
        "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\" | u.userNameKey | x",
        "externalId eq \"AbC-1\" | u.externalId | AbC-1",
        "displayName eq \"Babs\" | u.displayNameKey | babs"
      })
  void anEqualityOnAKeyColumnIsThatColumnAndKey(String filter, String column, String key) {
    FilterTranslation.KeyEquality equality =
        FilterTranslation.keyEquality(ResourceTable.USERS, Filter.parse(filter)).orElseThrow();
    assertEquals(column, equality.column().field());
    assertEquals(key, equality.key());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "userName ne \"x\"",
        "userName sw \"x\"",
        "userName gt \"x\"",
        "active eq true",
        "meta.created eq \"2026-01-01T00:00:00Z\"",
        "meta.resourceType eq \"User\"",
        "groups eq \"x\"",
        "groups.display eq \"x\"",
        "emails eq \"x@example.com\"",
        "emails[type eq \"work\"].value eq \"x@example.com\"",
        "title eq \"x\"",
        "userName eq \"x\" and active eq true",
        "not (userName eq \"x\")",
        "nosuch eq \"x\"",
        "password eq \"x\"",
        "userName eq null"
      })
  void anythingElseIsNot(String filter) {
    assertTrue(
        FilterTranslation.keyEquality(ResourceTable.USERS, Filter.parse(filter)).isEmpty(), filter);
  }

  @Test
  void noFilterIsNot() {
    assertEquals(Optional.empty(), FilterTranslation.keyEquality(ResourceTable.USERS, null));
  }
}
