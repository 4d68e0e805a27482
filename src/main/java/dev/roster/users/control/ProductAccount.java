package dev.roster.users.control;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.SchemaUris;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * One of the product's own accounts, as an import gives it (docs/account-import.md), and the SCIM
 * user it becomes: {@code userName} (the email when absent), the email as the primary {@code work}
 * address and the other addresses as further {@code work} addresses (so that Entra ID's match on
 * {@code emails[type eq "work"].value} finds any of them), the names, and the enterprise {@code
 * department}. Active, as accounts the product uses are.
 *
 * @param position the account's line (CSV, counting the header as 1) or index (JSON, from 0), for
 *     errors
 */
public record ProductAccount(
    long position,
    String accountId,
    String userName,
    String email,
    List<String> otherEmails,
    String givenName,
    String familyName,
    String displayName,
    String department) {

  /** The longest account id Roster keeps (migration V9). */
  public static final int MAX_ACCOUNT_ID_LENGTH = 255;

  public ProductAccount {
    otherEmails = List.copyOf(otherEmails);
  }

  /**
   * What is wrong with the account before it reaches the database, or null. The SCIM validator
   * checks the values themselves (lengths, bytes) when the account is stored.
   */
  public String problem() {
    if (blank(accountId)) {
      return "accountId is missing.";
    }
    if (accountId.length() > MAX_ACCOUNT_ID_LENGTH) {
      return "accountId is longer than " + MAX_ACCOUNT_ID_LENGTH + " characters.";
    }
    if (blank(userName) && blank(email)) {
      return "Neither userName nor email is given: the identity provider could not find it.";
    }
    return null;
  }

  /** The account as a SCIM user's body. */
  public JsonObject asScimUser() {
    JsonObjectBuilder user =
        JSON.createObjectBuilder()
            .add("schemas", JSON.createArrayBuilder().add(SchemaUris.USER))
            .add("userName", blank(userName) ? email.strip() : userName.strip())
            .add("active", true);
    JsonObjectBuilder name = JSON.createObjectBuilder();
    put(name, "givenName", givenName);
    put(name, "familyName", familyName);
    JsonObject names = name.build();
    if (!names.isEmpty()) {
      user.add("name", names);
    }
    put(user, "displayName", displayName);
    JsonArrayBuilder emails = JSON.createArrayBuilder();
    boolean any = false;
    if (!blank(email)) {
      emails.add(
          JSON.createObjectBuilder()
              .add("value", email.strip())
              .add("type", "work")
              .add("primary", true));
      any = true;
    }
    for (String other : otherEmails) {
      if (!blank(other)) {
        emails.add(JSON.createObjectBuilder().add("value", other.strip()).add("type", "work"));
        any = true;
      }
    }
    if (any) {
      user.add("emails", emails);
    }
    if (!blank(department)) {
      user.add(
          SchemaUris.ENTERPRISE_USER,
          JSON.createObjectBuilder().add("department", department.strip()));
    }
    return user.build();
  }

  private static void put(JsonObjectBuilder json, String field, String value) {
    if (!blank(value)) {
      json.add(field, value.strip());
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
