package dev.roster.fuzz;

import static dev.roster.fuzz.Attr.binary;
import static dev.roster.fuzz.Attr.bool;
import static dev.roster.fuzz.Attr.complex;
import static dev.roster.fuzz.Attr.dateTime;
import static dev.roster.fuzz.Attr.multiValue;
import static dev.roster.fuzz.Attr.reference;
import static dev.roster.fuzz.Attr.string;

import java.util.List;

/** The User, Enterprise User and Group schemas of RFC 7643 §4 and the common attributes of §3.1. */
final class Schemas {

  static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

  static final List<Attr> USER =
      List.of(
          string("userName"),
          complex(
              "name",
              string("formatted"),
              string("familyName"),
              string("givenName"),
              string("middleName"),
              string("honorificPrefix"),
              string("honorificSuffix")),
          string("displayName"),
          string("nickName"),
          reference("profileUrl"),
          string("title"),
          string("userType"),
          string("preferredLanguage"),
          string("locale"),
          string("timezone"),
          bool("active"),
          string("password"),
          multiValue("emails", string("value"), "work", "home", "other"),
          multiValue(
              "phoneNumbers", string("value"), "work", "home", "mobile", "fax", "pager", "other"),
          multiValue("ims", string("value"), "aim", "gtalk", "icq", "xmpp", "msn", "skype"),
          multiValue("photos", reference("value"), "photo", "thumbnail"),
          complex(
                  "addresses",
                  string("formatted"),
                  string("streetAddress"),
                  string("locality"),
                  string("region"),
                  string("postalCode"),
                  string("country"),
                  string("type", "work", "home", "other"),
                  bool("primary"))
              .multi(),
          complex(
                  "groups",
                  string("value"),
                  reference("$ref"),
                  string("display"),
                  string("type", "direct", "indirect"))
              .multi()
              .readOnlyAttr(),
          multiValue("entitlements", string("value")),
          multiValue("roles", string("value")),
          multiValue("x509Certificates", binary("value")));

  static final List<Attr> ENTERPRISE =
      List.of(
          string("employeeNumber"),
          string("costCenter"),
          string("organization"),
          string("division"),
          string("department"),
          complex("manager", string("value"), reference("$ref"), string("displayName")));

  static final List<Attr> GROUP =
      List.of(
          string("displayName"),
          complex(
                  "members",
                  string("value"),
                  reference("$ref"),
                  string("type", "User", "Group"),
                  string("display"))
              .multi());

  static final List<Attr> COMMON =
      List.of(
          string("id").readOnlyAttr(),
          string("externalId"),
          complex(
                  "meta",
                  string("resourceType"),
                  dateTime("created"),
                  dateTime("lastModified"),
                  reference("location"),
                  string("version"))
              .readOnlyAttr());

  private Schemas() {}
}
