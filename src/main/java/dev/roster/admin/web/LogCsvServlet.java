package dev.roster.admin.web;

import dev.roster.admin.control.LogCsv;
import dev.roster.admin.control.LogFilters;
import dev.roster.provisioning.boundary.LogCursor;
import dev.roster.provisioning.boundary.LogPage;
import dev.roster.provisioning.boundary.LogQuery;
import dev.roster.provisioning.boundary.LogRecord;
import dev.roster.provisioning.boundary.ProvisioningLog;
import dev.roster.scim.ScimException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The CSV export of a log view ({@code /admin/log.csv?<the page's filters>}). It is streamed: the
 * log is read by key in pages of {@value LogQuery#MAX_LIMIT}, each in its own short transaction,
 * and each page is sent before the next is read, so that an export of millions of records needs no
 * more memory than one page. It lies under {@code /admin/}, so only a signed-in admin gets it; it
 * only reads, so a GET is right.
 */
@WebServlet("/admin/log.csv")
public class LogCsvServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Inject ProvisioningLog log;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    LogFilters filters;
    try {
      filters = LogFilters.parse(request::getParameter);
    } catch (ScimException e) {
      response.setStatus(400);
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().println(e.getMessage());
      return;
    }
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"roster-log-" + FILE_TIME.format(Instant.now()) + ".csv\"");
    PrintWriter out = response.getWriter();
    out.write(LogCsv.HEADER);
    LogCursor after = filters.after();
    do {
      LogPage page = log.search(filters.query().after(after).limit(LogQuery.MAX_LIMIT).build());
      for (LogRecord record : page.records()) {
        out.write(LogCsv.row(record));
      }
      out.flush();
      if (out.checkError()) {
        return; // the client went away: stop reading the log
      }
      after = page.next();
    } while (after != null);
  }
}
