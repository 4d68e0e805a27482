package dev.roster.admin.web;

import dev.roster.admin.boundary.Dashboard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The dashboard: one line per tenant. */
@Named("dashboard")
@RequestScoped
public class DashboardBean {

  @Inject Dashboard dashboard;

  private List<Dashboard.TenantSummary> summaries;

  public List<Dashboard.TenantSummary> getSummaries() {
    if (summaries == null) {
      summaries = dashboard.summaries();
    }
    return summaries;
  }
}
