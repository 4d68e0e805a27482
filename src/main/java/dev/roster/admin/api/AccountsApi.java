package dev.roster.admin.api;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.apikeys.boundary.Scope;
import dev.roster.scim.ScimMediaType;
import dev.roster.storage.ProductAccountRows;
import dev.roster.tenants.boundary.Tenants;
import dev.roster.users.boundary.AccountImport;
import dev.roster.users.boundary.ImportOutcome;
import dev.roster.users.boundary.ImportedAccounts;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/v1/tenants/{tenant}/accounts}: import the product's existing accounts before
 * provisioning starts, so that the identity provider links to them instead of creating them twice;
 * and see how many it has linked (docs/account-import.md).
 */
@ApiKeyScope(Scope.ADMIN)
@Path("tenants/{tenant}/accounts")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminApiApplication.BASIC)
@SecurityRequirement(name = AdminApiApplication.API_KEY)
@Tag(
    name = "Accounts",
    description = "The product's existing accounts, imported so that provisioning links to them.")
@APIResponse(responseCode = "401", description = "No or wrong credentials (SCIM error body).")
@APIResponse(
    responseCode = "404",
    description = "No such tenant.",
    content = @Content(mediaType = ScimMediaType.SCIM_JSON))
public class AccountsApi {

  static final String CSV = "text/csv";

  static final String JSON_EXAMPLE =
      "[{\"accountId\":\"4711\",\"userName\":\"nancy.davolio@northwind.example\","
          + "\"email\":\"nancy.davolio@northwind.example\","
          + "\"otherEmails\":[\"nancy@northwind.example\"],"
          + "\"givenName\":\"Nancy\",\"familyName\":\"Davolio\",\"displayName\":\"Nancy Davolio\","
          + "\"department\":\"Sales\"}]";

  static final String CSV_EXAMPLE =
      "accountId,userName,email,otherEmails,givenName,familyName,displayName,department\n"
          + "4711,nancy.davolio@northwind.example,nancy.davolio@northwind.example,"
          + "nancy@northwind.example,Nancy,Davolio,Nancy Davolio,Sales\n";

  static final String REPORT_EXAMPLE =
      "{\"format\":\"json\",\"received\":3,\"created\":1,\"updated\":0,\"unchanged\":0,"
          + "\"alreadyLinked\":0,\"matchedExisting\":1,\"failed\":1,"
          + "\"problems\":[{\"index\":2,\"accountId\":null,\"problem\":\"accountId is missing.\"}],"
          + "\"problemsNotShown\":0}";

  @Inject Tenants tenants;

  @Inject AccountImport accountImport;

  @Inject ImportedAccounts accounts;

  @GET
  @Operation(
      operationId = "accountCounts",
      summary = "How many accounts were imported and linked",
      description =
          "users: all users of the tenant; imported: users that are imported product accounts;"
              + " linked: imported accounts the identity provider has found or written;"
              + " notYetLinked: the others (after a full sync, the people the identity provider"
              + " does not assign); provisionedWithoutMatch: users the identity provider created"
              + " that matched no imported account.")
  @APIResponse(
      responseCode = "200",
      description = "The counts.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "counts",
                      value =
                          "{\"users\":120,\"imported\":100,\"linked\":90,\"notYetLinked\":10,"
                              + "\"provisionedWithoutMatch\":20}")))
  public JsonObject counts(@PathParam("tenant") String tenant) {
    DirectoryApi.existingTenant(tenants, tenant);
    ProductAccountRows.Counts counts = accounts.counts(tenant);
    return JSON.createObjectBuilder()
        .add("users", counts.users())
        .add("imported", counts.imported())
        .add("linked", counts.linked())
        .add("notYetLinked", counts.notYetLinked())
        .add("provisionedWithoutMatch", counts.provisionedWithoutMatch())
        .build();
  }

  @POST
  @Path("import")
  @Consumes({MediaType.APPLICATION_JSON, CSV})
  @Operation(
      operationId = "importAccounts",
      summary = "Import the product's existing accounts",
      description =
          "Each account becomes a user of the tenant that awaits its link: the identity"
              + " provider's lookup (userName, externalId or email, without regard to case) finds"
              + " it, and its next POST, PUT or PATCH fills it in, with a user.linked event."
              + " Importing again is safe: accounts are found by accountId, and those not yet"
              + " linked take the new values. An account whose userName the identity provider"
              + " already created is matched to that user. Up to roster.import.max-bytes (64 MiB)"
              + " of JSON (an array, or {\"accounts\": [...]}) or CSV (a header line naming the"
              + " columns); a part of 500 accounts is one transaction. A file that is not valid"
              + " JSON or CSV imports nothing (400); an account with a problem of its own is"
              + " skipped and reported, the others are imported.")
  @RequestBody(
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "json", value = JSON_EXAMPLE)),
        @Content(mediaType = CSV, examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE))
      })
  @APIResponse(
      responseCode = "200",
      description =
          "What the import did; problems names at most 100 accounts (by CSV line or"
              + " JSON index).",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples = @ExampleObject(name = "report", value = REPORT_EXAMPLE)))
  @APIResponse(
      responseCode = "400",
      description = "The body is not JSON or CSV as described (scimType invalidSyntax).",
      content = @Content(mediaType = ScimMediaType.SCIM_JSON))
  @APIResponse(
      responseCode = "413",
      description = "The body is larger than roster.import.max-bytes.",
      content = @Content(mediaType = ScimMediaType.SCIM_JSON))
  @APIResponse(
      responseCode = "503",
      description = "Another import is running on this instance; Retry-After says when to retry.",
      content = @Content(mediaType = ScimMediaType.SCIM_JSON))
  public JsonObject importAccounts(
      @PathParam("tenant") String tenant,
      @jakarta.ws.rs.HeaderParam("Content-Type") String contentType,
      InputStream body) {
    DirectoryApi.existingTenant(tenants, tenant);
    AccountImport.Format format =
        contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(CSV)
            ? AccountImport.Format.CSV
            : AccountImport.Format.JSON;
    return json(accountImport.run(tenant, body, format));
  }

  /** A report as the API and the console show it. */
  public static JsonObject json(AccountImport.Report report) {
    String position = report.format() == AccountImport.Format.CSV ? "line" : "index";
    JsonArrayBuilder problems = JSON.createArrayBuilder();
    for (AccountImport.Problem problem : report.problems()) {
      JsonObjectBuilder p = JSON.createObjectBuilder().add(position, problem.position());
      if (problem.accountId() == null) {
        p.addNull("accountId");
      } else {
        p.add("accountId", problem.accountId());
      }
      problems.add(p.add("problem", problem.problem()));
    }
    return JSON.createObjectBuilder()
        .add("format", report.format().name().toLowerCase(java.util.Locale.ROOT))
        .add("received", report.received())
        .add("created", report.count(ImportOutcome.CREATED))
        .add("updated", report.count(ImportOutcome.UPDATED))
        .add("unchanged", report.count(ImportOutcome.UNCHANGED))
        .add("alreadyLinked", report.count(ImportOutcome.LINKED_ALREADY))
        .add("matchedExisting", report.count(ImportOutcome.MATCHED))
        .add("failed", report.failed())
        .add("problems", problems)
        .add("problemsNotShown", report.problemsNotShown())
        .build();
  }
}
