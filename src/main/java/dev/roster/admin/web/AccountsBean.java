package dev.roster.admin.web;

import dev.roster.scim.ScimException;
import dev.roster.storage.ProductAccountRows;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import dev.roster.users.boundary.AccountImport;
import dev.roster.users.boundary.ImportOutcome;
import dev.roster.users.boundary.ImportedAccounts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A tenant's product accounts (docs/account-import.md): how many were imported and linked, and a
 * CSV upload that imports more. The upload's report travels to the page the post redirects to in
 * the flash (Post/Redirect/Get); importing again is harmless anyway.
 */
@Named("accountsPage")
@RequestScoped
public class AccountsBean {

  static final String PROBLEMS = "importProblems";

  @Inject Tenants tenants;

  @Inject ImportedAccounts accounts;

  @Inject AccountImport accountImport;

  private TenantView tenant;
  private ProductAccountRows.Counts counts;
  private Part file;

  public String getId() {
    return FacesContext.getCurrentInstance()
        .getExternalContext()
        .getRequestParameterMap()
        .get("id");
  }

  public void requireTenant() {
    if (getTenant() == null) {
      FacesContext.getCurrentInstance()
          .getExternalContext()
          .setResponseStatus(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  public TenantView getTenant() {
    String id = getId();
    if (tenant == null && id != null && !id.isBlank()) {
      tenant = tenants.findTenant(id).orElse(null);
    }
    return tenant;
  }

  public ProductAccountRows.Counts getCounts() {
    if (counts == null && getTenant() != null) {
      counts = accounts.counts(tenant.getId());
    }
    return counts;
  }

  /** The accounts the last upload did not import, with why. */
  @SuppressWarnings("unchecked")
  public List<AccountImport.Problem> getProblems() {
    Object problems =
        FacesContext.getCurrentInstance().getExternalContext().getFlash().get(PROBLEMS);
    return problems instanceof List<?> list ? (List<AccountImport.Problem>) list : List.of();
  }

  public Part getFile() {
    return file;
  }

  public void setFile(Part file) {
    this.file = file;
  }

  public void upload() throws IOException {
    if (getTenant() == null) {
      return;
    }
    if (file == null || file.getSize() == 0) {
      message(FacesMessage.SEVERITY_ERROR, "Choose a CSV file to import.");
      return;
    }
    AccountImport.Report report;
    try (InputStream in = file.getInputStream()) {
      report = accountImport.run(tenant.getId(), in, AccountImport.Format.CSV);
    } catch (ScimException e) {
      message(FacesMessage.SEVERITY_ERROR, e.detail());
      return;
    }
    message(
        report.failed() == 0 ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_WARN,
        "Read "
            + report.received()
            + " accounts: "
            + report.count(ImportOutcome.CREATED)
            + " new, "
            + report.count(ImportOutcome.UPDATED)
            + " updated, "
            + report.count(ImportOutcome.UNCHANGED)
            + " unchanged, "
            + report.count(ImportOutcome.LINKED_ALREADY)
            + " already linked (left as the identity provider wrote them), "
            + report.count(ImportOutcome.MATCHED)
            + " matched to users the identity provider had created, "
            + report.failed()
            + " not imported.");
    FacesContext.getCurrentInstance()
        .getExternalContext()
        .getFlash()
        .put(PROBLEMS, report.problems());
    Redirects.to(
        "/admin/accounts.xhtml?id=" + URLEncoder.encode(tenant.getId(), StandardCharsets.UTF_8));
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }
}
