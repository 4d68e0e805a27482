package dev.roster.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code resource} tag: three values, whatever path a client sends. */
class MetricsTest {

  @ParameterizedTest
  @CsvSource({
    "Users, Users",
    "/Users/2819c223, Users",
    "Users/.search, Users",
    "Groups, Groups",
    "//Groups/42/, Groups",
    "users, other",
    "UsersX, other",
    "ServiceProviderConfig, other",
    "'', other",
    "/, other",
    "Me, other"
  })
  void resourceTagIsUsersGroupsOrOther(String path, String resource) {
    assertEquals(resource, Metrics.resourceOf(path));
  }
}
