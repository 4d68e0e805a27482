package dev.roster.provisioning.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTargetTest {

  @ParameterizedTest(name = "[{0}] -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "Users                         | User                  | null",
        "Users/2819c223                | User                  | 2819c223",
        "/Users/abc/                   | User                  | abc",
        "//Users//abc//                | User                  | abc",
        "users/abc                     | User                  | abc",
        "USERS/abc                     | User                  | abc",
        "Users/.search                 | User                  | null",
        "Users/abc/extra               | User                  | abc",
        "Groups                        | Group                 | null",
        "Groups/g1                     | Group                 | g1",
        "Groups/.search                | Group                 | null",
        "Me                            | User                  | null",
        "Schemas                       | Schema                | null",
        "Schemas/urn:x                 | Schema                | urn:x",
        "Schemas/urn:ietf:params:scim:schemas:core:2.0:User | Schema | urn:ietf:params:scim:schemas:core:2.0:User",
        "ResourceTypes                 | ResourceType          | null",
        "ResourceTypes/User            | ResourceType          | User",
        "ServiceProviderConfig         | ServiceProviderConfig | null",
        "serviceproviderconfig         | ServiceProviderConfig | null",
        "Bulk                          | Bulk                  | null",
        ".search                       | null                  | null",
        "Nope                          | null                  | null",
        "Nope/abc                      | null                  | null",
        "Userss/abc                    | null                  | null",
        "''                            | null                  | null",
        "/                             | null                  | null",
      })
  void readsTheTargetFromThePath(String path, String type, String id) {
    assertEquals(new RequestTarget(type, id), RequestTarget.ofPath(path));
  }

  @ParameterizedTest(name = "[{0}] + {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "Users    | https://h/scim/v2/Users/42  | 42",
        "Users    | https://h/scim/v2/Users/42/ | 42",
        "Groups   | https://h/scim/v2/Groups/g7 | g7",
        "Users    | null                        | null",
        "Users    | ''                          | null",
        "Users    | '   '                       | null",
        "Users/7  | https://h/scim/v2/Users/42  | 7",
        "Users/7  | null                        | 7",
      })
  void takesTheIdFromLocationOnlyWhenThePathHadNone(String path, String location, String id) {
    RequestTarget target = RequestTarget.ofPath(path);

    assertEquals(new RequestTarget(target.resourceType(), id), target.withLocation(location));
  }
}
