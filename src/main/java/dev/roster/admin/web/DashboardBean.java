package dev.roster.admin.web;

import dev.roster.admin.boundary.Dashboard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The dashboard: the week's traffic, and one line per tenant with its connection health. */
@Named("dashboard")
@RequestScoped
public class DashboardBean {

  @Inject Dashboard dashboard;

  private List<Dashboard.TenantSummary> summaries;
  private String chart;

  public List<Dashboard.TenantSummary> getSummaries() {
    if (summaries == null) {
      summaries = dashboard.summaries();
    }
    return summaries;
  }

  /** Every tenant's requests and errors per hour over seven days, as SVG. */
  public String getChart() {
    if (chart == null) {
      chart = dashboard.weekChart(null);
    }
    return chart;
  }
}
