package dev.roster.admin.web;

import dev.roster.admin.boundary.Dashboard;
import dev.roster.admin.control.LogFilters;
import dev.roster.provisioning.boundary.LogPage;
import dev.roster.provisioning.boundary.LogRecord;
import dev.roster.provisioning.boundary.ProvisioningLog;
import dev.roster.scim.LogActions;
import dev.roster.scim.ScimException;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The provisioning log page. Its filters are URL parameters read by {@link LogFilters}, and its
 * form is a plain GET, so every view of the log, every page of it included, is a link that can be
 * bookmarked and shared. Pages follow one another by key ({@code after=<cursor>}), which costs the
 * same on the first page and deep into millions of records.
 */
@Named("logView")
@RequestScoped
public class LogBean {

  /** Records per page. */
  public static final int PAGE_SIZE = 50;

  @Inject ProvisioningLog log;

  @Inject Tenants tenants;

  @Inject Dashboard dashboard;

  /** Totals are counted up to this; above, the page says "more than". */
  public static final int COUNT_CAP = 10_000;

  private LogFilters filters;
  private String error;
  private LogPage page;
  private List<TenantView> tenantList;
  private Integer total;
  private String chart;

  /** Reads the URL and the page once per request; getters only read what it found. */
  private void load() {
    if (filters != null) {
      return;
    }
    Map<String, String> parameters =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    try {
      filters = LogFilters.parse(parameters::get);
    } catch (ScimException e) {
      filters = LogFilters.NONE;
      error = e.getMessage() + " The log is shown without filters.";
    }
    page = log.search(filters.query().limit(PAGE_SIZE).build());
  }

  public LogFilters getFilters() {
    load();
    return filters;
  }

  /** Why the URL's filters could not be used, or null. */
  public String getError() {
    load();
    return error;
  }

  public List<LogRecord> getRecords() {
    load();
    return page.records();
  }

  /**
   * How many entries match the filters, on every page: "1 matching entry", "1,234 matching
   * entries", or "More than 10,000 matching entries".
   */
  public String getTotal() {
    load();
    if (total == null) {
      total = log.count(filters.startingAfter(null).query().build(), COUNT_CAP);
    }
    if (total > COUNT_CAP) {
      return String.format("More than %,d matching entries", COUNT_CAP);
    }
    return String.format("%,d matching %s", total, total == 1 ? "entry" : "entries");
  }

  /** The last seven days of the filtered tenant, or of all tenants, as an SVG chart. */
  public String getChart() {
    load();
    if (chart == null) {
      chart = dashboard.weekChart(filters.tenant());
    }
    return chart;
  }

  /** The quick ranges, each a link with the other filters kept. */
  public List<QuickRange> getRanges() {
    load();
    List<QuickRange> ranges = new ArrayList<>();
    LogFilters.RANGES
        .keySet()
        .forEach(
            r -> ranges.add(new QuickRange(r, link(filters.over(r)), r.equals(filters.range()))));
    return ranges;
  }

  /** A quick range's label, link and whether it is the one shown. */
  public record QuickRange(String label, String url, boolean current) {}

  public List<String> getActions() {
    return LogActions.ALL;
  }

  /** The link to the following page, or null on the last one. */
  public String getNextUrl() {
    load();
    return page.next() == null ? null : link(filters.startingAfter(page.next()));
  }

  /** The link to the first page with the same filters, or null when this is the first page. */
  public String getFirstUrl() {
    load();
    return filters.after() == null && filters.before() == null
        ? null
        : link(filters.startingAfter(null));
  }

  /** The link to the page before this one, or null on the first. */
  public String getPreviousUrl() {
    load();
    return page.previous() == null ? null : link(filters.startingBefore(page.previous()));
  }

  /** The CSV export of these filters, from the first record (or from this page's position). */
  public String getCsvUrl() {
    load();
    String query = filters.startingAfter(null).urlQuery();
    return "log.csv" + (query.isEmpty() ? "" : "?" + query);
  }

  public List<TenantView> getTenants() {
    if (tenantList == null) {
      tenantList = tenants.listTenants();
    }
    return tenantList;
  }

  public List<LogFilters.Outcome> getOutcomes() {
    return List.of(LogFilters.Outcome.values());
  }

  public List<String> getMethods() {
    return LogFilters.METHODS;
  }

  public List<String> getTypes() {
    return LogFilters.TYPES;
  }

  /** Whether the option is the one the URL chose, for a select of plain HTML. */
  public boolean chosen(Object value, Object option) {
    return value != null && value.equals(option);
  }

  private static String link(LogFilters view) {
    String query = view.urlQuery();
    return "log.xhtml" + (query.isEmpty() ? "" : "?" + query);
  }
}
