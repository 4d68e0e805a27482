package dev.roster.admin.control;

import java.util.Locale;

/**
 * Why a request failed and what to change, for each kind of error Roster answers (docs/console.md):
 * shown on a log entry beside the response, with the settings to check in Entra ID and in Okta.
 * Chosen by status, {@code scimType} and, where one kind has several causes, the detail Roster
 * wrote.
 *
 * @param title the kind, in a few words
 * @param why why it happens
 * @param entra what to check or change in Entra ID
 * @param okta what to check or change in Okta
 */
public record ErrorAdvice(String kind, String title, String why, String entra, String okta) {

  /** The advice for a failed request, or null for a success. */
  public static ErrorAdvice of(int status, String scimType, String detail, String resourceType) {
    if (status < 400) {
      return null;
    }
    String type = scimType == null ? "" : scimType;
    String text = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
    boolean group = "Group".equals(resourceType);
    String attribute = group ? "displayName" : "userName";
    switch (status) {
      case 401:
        return unauthorized(text);
      case 404:
        return new ErrorAdvice(
            "notFound",
            "The " + (group ? "group" : "user") + " does not exist in Roster",
            "The identity provider addressed a resource by an id Roster does not have in this"
                + " tenant: it was deleted here (or by another tool), or the identity provider"
                + " remembers it from another tenant or an earlier Roster.",
            "Entra ID keeps the id it learned when it created the "
                + (group ? "group" : "user")
                + ". Restart provisioning with \"Restart provisioning\" (clears that state) or"
                + " remove and re-assign the "
                + (group ? "group" : "user")
                + " in the enterprise application.",
            "Okta keeps the id it linked. Unassign and re-assign the "
                + (group ? "group (Push Groups: unlink and push again)" : "user")
                + " in the application, so that Okta looks it up again.");
      case 409:
        return new ErrorAdvice(
            "uniqueness",
            "Another " + (group ? "group" : "user") + " already has this " + attribute,
            "Roster keeps "
                + attribute
                + " unique per tenant and compares it ignoring case (Nancy@Contoso.com and"
                + " nancy@contoso.com are the same). The identity provider tried to create a second"
                + " one instead of matching the existing one.",
            "In the enterprise application's Provisioning > Mappings, check that the matching"
                + " attribute (\"Match objects using this attribute\", precedence 1) maps to "
                + attribute
                + " and that two source objects do not map to the same value. Entra looks the"
                + " existing one up by that attribute before it creates.",
            "In the application's Provisioning > To App, Okta matches existing accounts by"
                + " userName (\"Okta username format\"). Make the format produce the value the"
                + " existing user has, or delete the conflicting user in Roster and retry.");
      case 412:
        return new ErrorAdvice(
            "preconditionFailed",
            "The resource changed since the client read it",
            "The request carried an If-Match ETag that no longer matches: another write came"
                + " between the client's read and its write.",
            "Nothing to change: Entra ID sends no ETags. Another client uses this token.",
            "Nothing to change: Okta sends no ETags. Another client uses this token.");
      case 413:
        return new ErrorAdvice(
            "tooLarge",
            "The request body is too large",
            "Roster refuses bodies above its limit (see the operator's guide): usually a group"
                + " PATCH or PUT with very many members at once.",
            "Entra ID sends members in small batches; a body this size comes from another client."
                + " Raise roster.scim.max-payload-bytes if it is legitimate.",
            "Okta pushes group members in batches; if this is Okta, raise roster.scim.max-payload-bytes"
                + " or push the group with fewer members at a time.");
      case 415:
        return new ErrorAdvice(
            "mediaType",
            "The body is not JSON",
            "Roster reads application/scim+json and application/json bodies only.",
            "Entra ID always sends JSON: this is another client.",
            "Okta always sends JSON: this is another client.");
      case 429:
        return new ErrorAdvice(
            "tooMany",
            "The tenant sent more requests at once than it may",
            "Each tenant has a limit on concurrent requests and on its rate, so that one tenant"
                + " cannot slow the others down. The answer carried Retry-After.",
            "Entra ID retries after Retry-After by itself. If this persists, lower the number of"
                + " concurrent assignments or raise the tenant's limit (roster.scim.tenant-rate and tenant-concurrency, operator's guide).",
            "Okta retries by itself. If it persists, raise the tenant's limit (operator's"
                + " guide) or lower Okta's rate limit for the app.");
      case 503:
      case 408:
        return new ErrorAdvice(
            "unavailable",
            status == 408 ? "The body arrived too slowly" : "Roster could not answer in time",
            status == 408
                ? "The client did not send its body within the time allowed; the request was"
                    + " not applied."
                : "The database was unreachable or the server was busy; nothing was applied."
                    + " The answer carried Retry-After.",
            "Entra ID retries failed requests on its next cycle (about 40 minutes). Check the"
                + " server's health page if it persists.",
            "Okta retries by itself. Check the server's health page if it persists.");
      default:
        break;
    }
    if (status >= 500) {
      return new ErrorAdvice(
          "serverError",
          "Roster failed",
          "An unexpected error. Nothing was applied. The detail holds an incident reference that"
              + " the server log names with the cause.",
          "Entra ID retries on its next cycle. Give the incident reference to whoever runs"
              + " Roster.",
          "Okta retries. Give the incident reference to whoever runs Roster.");
    }
    switch (type) {
      case "invalidFilter":
        return new ErrorAdvice(
            "invalidFilter",
            "The filter could not be used",
            "The filter names an attribute Roster does not know, uses an operator the attribute"
                + " does not support, or is not valid SCIM filter syntax (RFC 7644 §3.4.2.2).",
            "Check the matching attribute in Provisioning > Mappings: it must be a SCIM attribute"
                + " (userName, externalId, emails[type eq \"work\"].value; for groups displayName"
                + " or externalId). A custom attribute must be defined on the tenant's Custom"
                + " attributes page first.",
            "Okta filters on userName; check the app's \"Okta username format\" and any custom"
                + " attribute used for matching (define it under Custom attributes).");
      case "invalidValue":
        return new ErrorAdvice(
            "invalidValue",
            "A value has the wrong type or form",
            "An attribute's value is not of its schema's type (a string where a boolean is"
                + " expected, an object where a list is), or a required attribute is missing.",
            "Check the attribute mapping named in the detail (Provisioning > Mappings >"
                + " Attribute mapping): its target type, and that the source is never empty for a"
                + " required attribute such as userName.",
            "Check the attribute named in the detail in the Profile Editor of the app: its type"
                + " and whether its source can be empty.");
      case "mutability":
        return new ErrorAdvice(
            "mutability",
            "The request tried to change something that cannot change",
            "Some attributes are read-only (id, meta, groups of a user) or set once: the request"
                + " changed one.",
            "Remove the mapping to a read-only attribute such as id, meta or groups in"
                + " Provisioning > Mappings.",
            "Remove the read-only attribute from the app's attribute mappings.");
      case "noTarget":
        return new ErrorAdvice(
            "noTarget",
            "The PATCH path matched nothing",
            "A PATCH operation's path with a filter (for example emails[type eq \"work\"]) selects"
                + " no value, and the operation needs one (RFC 7644 §3.5.2).",
            "Usually harmless to retry once the attribute has a value; check that the mapping"
                + " creates the value (e.g. a work email) before it is updated.",
            "Check that the attribute exists on the user before Okta updates it.");
      case "invalidPath":
        return new ErrorAdvice(
            "invalidPath",
            "The PATCH path names no attribute",
            "The path is not valid SCIM path syntax or names an attribute Roster does not know."
                + " URN-qualified paths of undefined extension attributes are ignored instead.",
            "Check the target attribute names in Provisioning > Mappings; define custom"
                + " attributes on the tenant's Custom attributes page.",
            "Check the attribute names in the app's Profile Editor.");
      case "invalidSyntax":
      case "":
      default:
        return new ErrorAdvice(
            type.isEmpty() ? "badRequest" : type,
            "The request could not be read",
            "The body is not valid JSON or SCIM, or a parameter is malformed; the detail says"
                + " where.",
            "Entra ID sends valid SCIM: if this is Entra, report the request (copy it as curl"
                + " below) to whoever runs Roster.",
            "Okta sends valid SCIM: if this is Okta, report the request (copy it as curl below)"
                + " to whoever runs Roster.");
    }
  }

  private static ErrorAdvice unauthorized(String detail) {
    String why;
    if (detail.contains("required")) {
      why = "The request carried no bearer token.";
    } else if (detail.contains("revoked")) {
      why = "The token was revoked in Roster.";
    } else if (detail.contains("expired")) {
      why = "The token has expired.";
    } else if (detail.contains("disabled")) {
      why = "The tenant is disabled: all its tokens are refused.";
    } else if (detail.contains("cut short") || detail.contains("began with")) {
      why = "The token is one of this tenant's, but not whole: it was cut short or mistyped.";
    } else {
      why = "The token is not one Roster issued (or it was deleted).";
    }
    return new ErrorAdvice(
        "unauthorized",
        "The token was refused",
        why,
        "In the enterprise application's Provisioning > Admin Credentials, paste the whole token"
            + " (it begins with rst_) into Secret Token, check that Tenant URL is this server's"
            + " base URL, and click Test Connection. Generate a new token on the tenant page if"
            + " the old one is lost, revoked or expired.",
        "In the application's Provisioning > Integration, paste the whole token into API Token"
            + " (Authentication Mode: HTTP Header), check the base URL, and click Test API"
            + " Credentials.");
  }
}
