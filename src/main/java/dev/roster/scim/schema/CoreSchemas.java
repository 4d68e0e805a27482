package dev.roster.scim.schema;

import static dev.roster.scim.schema.Attribute.binary;
import static dev.roster.scim.schema.Attribute.bool;
import static dev.roster.scim.schema.Attribute.complex;
import static dev.roster.scim.schema.Attribute.dateTime;
import static dev.roster.scim.schema.Attribute.reference;
import static dev.roster.scim.schema.Attribute.string;

import dev.roster.scim.SchemaUris;
import java.util.List;
import java.util.Optional;

/**
 * The User (RFC 7643 §4.1), Enterprise User (§4.3) and Group (§4.2) schemas with the
 * characteristics of §8.7.1. Where Roster deviates from the RFC's tables it says so next to the
 * attribute.
 */
public final class CoreSchemas {

  public static final Schema USER =
      new Schema(
          SchemaUris.USER,
          "User",
          "User Account",
          List.of(
              string("userName")
                  .asRequired()
                  .unique()
                  .describedAs(
                      "Unique identifier for the User, typically used to sign in. Unique per"
                          + " tenant, compared without regard to case."),
              complex(
                      "name",
                      string("formatted")
                          .describedAs(
                              "The full name, formatted for display, e.g. 'Ms. Barbara J Jensen, III'."),
                      string("familyName").describedAs("The family name, or last name."),
                      string("givenName").describedAs("The given name, or first name."),
                      string("middleName").describedAs("The middle name(s)."),
                      string("honorificPrefix").describedAs("The honorific prefix, e.g. 'Ms.'."),
                      string("honorificSuffix").describedAs("The honorific suffix, e.g. 'III'."))
                  .describedAs("The components of the User's real name."),
              string("displayName").describedAs("The name of the User, suitable for display."),
              string("nickName").describedAs("The casual way to address the User."),
              reference("profileUrl", "external")
                  .describedAs("A URL of the User's online profile."),
              string("title").describedAs("The User's title, such as 'Vice President'."),
              string("userType")
                  .describedAs(
                      "The relationship between the organization and the User, e.g. 'Employee'."),
              string("preferredLanguage")
                  .describedAs("The User's preferred language, as in the Accept-Language header."),
              string("locale").describedAs("The User's default location, e.g. 'en-US'."),
              string("timezone").describedAs("The User's time zone, e.g. 'America/Los_Angeles'."),
              bool("active").describedAs("Whether the User is active (may sign in)."),
              string("password")
                  .writeOnly()
                  .describedAs(
                      "The User's cleartext password. Accepted on writes, never returned."),
              multiValuedValue(
                      "emails",
                      string("value").describedAs("The email address."),
                      "work",
                      "home",
                      "other")
                  .describedAs("Email addresses of the User."),
              multiValuedValue(
                      "phoneNumbers",
                      string("value").describedAs("The phone number."),
                      "work",
                      "home",
                      "mobile",
                      "fax",
                      "pager",
                      "other")
                  .describedAs("Phone numbers of the User."),
              multiValuedValue(
                      "ims",
                      string("value").describedAs("The instant messaging address."),
                      "aim",
                      "gtalk",
                      "icq",
                      "xmpp",
                      "msn",
                      "skype",
                      "qq",
                      "yahoo")
                  .describedAs("Instant messaging addresses of the User."),
              multiValuedValue(
                      "photos",
                      reference("value", "external").describedAs("The URL of a photo of the User."),
                      "photo",
                      "thumbnail")
                  .describedAs("URLs of photos of the User."),
              complex(
                      "addresses",
                      string("formatted")
                          .describedAs("The full mailing address, formatted for display."),
                      string("streetAddress").describedAs("The street address."),
                      string("locality").describedAs("The city or locality."),
                      string("region").describedAs("The state or region."),
                      string("postalCode").describedAs("The postal code."),
                      string("country").describedAs("The country, as an ISO 3166-1 alpha-2 code."),
                      string("type")
                          .canonical("work", "home", "other")
                          .describedAs("A label for the address, e.g. 'work'."),
                      bool("primary").describedAs("Whether this is the primary address."))
                  .asMultiValued()
                  .describedAs("Physical mailing addresses of the User."),
              complex(
                      "groups",
                      string("value").readOnly().describedAs("The id of the Group."),
                      reference("$ref", "User", "Group")
                          .readOnly()
                          .describedAs("The URI of the Group resource."),
                      string("display").readOnly().describedAs("The Group's displayName."),
                      string("type")
                          .canonical("direct", "indirect")
                          .readOnly()
                          .describedAs(
                              "Whether the membership is direct or through another group."))
                  .asMultiValued()
                  .readOnly()
                  .describedAs(
                      "The groups the User belongs to, directly or indirectly. Read-only."),
              multiValuedValue(
                      "entitlements",
                      string("value").describedAs("The entitlement."),
                      new String[0])
                  .describedAs("Entitlements of the User."),
              multiValuedValue("roles", string("value").describedAs("The role."), new String[0])
                  .describedAs("Roles of the User."),
              multiValuedValue(
                      "x509Certificates",
                      binary("value").describedAs("The DER certificate, base64-encoded."),
                      new String[0])
                  .describedAs("X.509 certificates issued to the User.")));

  public static final Schema ENTERPRISE_USER =
      new Schema(
          SchemaUris.ENTERPRISE_USER,
          "EnterpriseUser",
          "Enterprise User",
          List.of(
              string("employeeNumber").describedAs("The User's employee number."),
              string("costCenter").describedAs("The name of a cost center."),
              string("organization").describedAs("The name of an organization."),
              string("division").describedAs("The name of a division."),
              string("department").describedAs("The name of a department."),
              complex(
                      "manager",
                      string("value").describedAs("The id of the manager's User resource."),
                      reference("$ref", "User")
                          .describedAs("The URI of the manager's User resource."),
                      string("displayName").readOnly().describedAs("The manager's displayName."))
                  .describedAs("The User's manager.")));

  public static final Schema GROUP =
      new Schema(
          SchemaUris.GROUP,
          "Group",
          "Group",
          List.of(
              // RFC 7643 leaves uniqueness at "none"; Entra ID needs displayName unique, so Roster
              // enforces it per tenant, ignoring case.
              string("displayName")
                  .asRequired()
                  .unique()
                  .describedAs("A name for the Group, suitable for display. Unique per tenant."),
              complex(
                      "members",
                      string("value").immutable().describedAs("The id of the member resource."),
                      reference("$ref", "User", "Group")
                          .immutable()
                          .describedAs("The URI of the member resource."),
                      string("type")
                          .canonical("User", "Group")
                          .immutable()
                          .describedAs("The type of the member resource."),
                      string("display")
                          .immutable()
                          .describedAs("A name of the member, for display."))
                  .asMultiValued()
                  .describedAs("The members of the Group: Users or other Groups.")));

  /**
   * The common attributes of RFC 7643 §3.1, which every resource has and no schema lists. Only
   * {@code externalId} is writable; {@code id} is returned always.
   */
  public static final List<Attribute> COMMON =
      List.of(
          string("id")
              .asCaseExact()
              .readOnly()
              .returned(Attribute.Returned.ALWAYS)
              .describedAs("The server's identifier of the resource."),
          string("externalId")
              .asCaseExact()
              .describedAs("The client's identifier of the resource."),
          complex(
                  "meta",
                  string("resourceType").asCaseExact().readOnly(),
                  dateTime("created").readOnly(),
                  dateTime("lastModified").readOnly(),
                  reference("location", "uri").asCaseExact().readOnly(),
                  string("version").asCaseExact().readOnly())
              .readOnly()
              .describedAs("Resource metadata."));

  /** All schemas Roster knows, in the order {@code /Schemas} lists them. */
  public static final List<Schema> ALL = List.of(USER, ENTERPRISE_USER, GROUP);

  private CoreSchemas() {}

  /** The schema with that URN. URNs compare without regard to case (RFC 8141 §3.1, for the NID). */
  public static Optional<Schema> find(String urn) {
    return ALL.stream().filter(s -> s.id().equalsIgnoreCase(urn)).findFirst();
  }

  /**
   * The usual shape of a multi-valued attribute (RFC 7643 §2.4): value, display, type and primary.
   */
  private static Attribute multiValuedValue(String name, Attribute value, String... types) {
    Attribute type = string("type").describedAs("A label for the value, e.g. 'work'.");
    return complex(
            name,
            value,
            string("display").describedAs("A human-readable name for the value."),
            types.length == 0 ? type : type.canonical(types),
            bool("primary").describedAs("Whether this is the primary value of the attribute."))
        .asMultiValued();
  }
}
