package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.scim.filter.Filter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which filters are one equality on a key column, or equalities on one element in the value index,
 * as {@link JdbcUserLookups} answers them.
 */
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

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Entra's form: the value drives, the type is checked on the same element
        "emails[type eq \"work\"].value eq \"X@Example.com\" | emails.value=x@example.com,"
            + " emails.type=work",
        "emails[type eq \"Work\" and value eq \"x@example.com\"] | emails.value=x@example.com,"
            + " emails.type=work",
        "emails[value eq \"x@example.com\"] | emails.value=x@example.com",
        // only type and primary: the first drives
        "emails[type eq \"work\" and primary eq true] | emails.type=work, emails.primary=true",
        "addresses[locality eq \"Dublin\" and type eq \"work\"] | addresses.locality=dublin,"
            + " addresses.type=work",
        // a single-valued complex attribute is one element
        "name[givenName eq \"Babs\"] | name.givenName=babs",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"m-1\"]"
            + " | urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value=m-1"
      })
  void equalitiesOnOneElementAreItsPathsAndKeysTheDriverFirst(String filter, String keys) {
    FilterTranslation.ElementEquality equality =
        FilterTranslation.elementEquality(ResourceTable.USERS, Filter.parse(filter)).orElseThrow();
    assertEquals(
        keys,
        String.join(", ", equality.keys().stream().map(k -> k.path() + "=" + k.key()).toList()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "emails[type eq \"work\" and value co \"x\"]",
        "emails[type eq \"work\"].value sw \"x\"",
        "emails[type eq \"work\" or value eq \"x\"]",
        "emails[not (value eq \"x\")]",
        "emails[type ne \"work\"]",
        "emails[type eq \"work\" and display pr]",
        "emails[value pr]",
        "emails[nosuch eq \"x\"]",
        "emails.value eq \"x\"",
        "userName eq \"x\"",
        "emails[type eq \"work\"].value eq \"x\" and active eq true",
        "groups[value eq \"x\"]",
        "meta[resourceType eq \"User\"]",
        "userName[value eq \"x\"]",
        "emails[value eq null]"
      })
  void otherFiltersAreNotOneElementsEqualities(String filter) {
    assertTrue(
        FilterTranslation.elementEquality(ResourceTable.USERS, Filter.parse(filter)).isEmpty(),
        filter);
  }

  @Test
  void groupsHaveNoValueIndex() {
    assertTrue(
        FilterTranslation.elementEquality(
                ResourceTable.GROUPS, Filter.parse("members[value eq \"x\"]"))
            .isEmpty());
  }
}
