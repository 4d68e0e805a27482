package dev.roster.admin.web;

import dev.roster.scim.ScimException;
import dev.roster.storage.ProductAccountRows;
import dev.roster.users.boundary.AccountImport;
import dev.roster.users.boundary.ImportOutcome;
import dev.roster.users.boundary.ImportedAccounts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A tenant's product accounts (docs/account-import.md): how many were imported and linked, and a
 * CSV upload that imports more. The upload's report travels to the page the post redirects to in
 * the flash (Post/Redirect/Get); importing again is harmless anyway.
 */
@Named("accountsPage")
@RequestScoped
public class AccountsBean extends TenantSubpage {

  static final String PROBLEMS = "importProblems";

  @Inject ImportedAccounts accounts;

  @Inject AccountImport accountImport;

  private ProductAccountRows.Counts counts;
  private Part file;

  public ProductAccountRows.Counts getCounts() {
    if (counts == null && getTenant() != null) {
      counts = accounts.counts(getTenant().getId());
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
      report = accountImport.run(getTenant().getId(), in, AccountImport.Format.CSV);
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
    Redirects.to(page("/admin/accounts.xhtml"));
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }
}
