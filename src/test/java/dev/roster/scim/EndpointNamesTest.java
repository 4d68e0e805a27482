package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointNamesTest {

  @ParameterizedTest
  @CsvSource({
    "users, Users",
    "users/42, Users/42",
    "USERS/.search, Users/.search",
    "Users/abc, Users/abc",
    "groups/, Groups/",
    "serviceproviderconfig, ServiceProviderConfig",
    "resourcetypes/user, ResourceTypes/user",
    "usersx, usersx",
    "'', ''",
    "other/users, other/users"
  })
  void spellsTheFirstSegmentAsTheRfcDoes(String path, String expected) {
    assertEquals(expected, EndpointNames.canonical(path));
  }
}
