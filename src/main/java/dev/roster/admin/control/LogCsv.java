package dev.roster.admin.control;

import dev.roster.provisioning.boundary.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The provisioning log as CSV (RFC 4180: comma-separated, CRLF line ends, quotes around a cell that
 * needs them). The log holds what clients sent, so a cell may begin with {@code =}, {@code +},
 * {@code -} or {@code @}, which a spreadsheet would run as a formula: such a cell is prefixed with
 * an apostrophe (OWASP's advice on CSV injection), as are cells that begin with a tab or a carriage
 * return.
 */
public final class LogCsv {

  /** The first line, CRLF included. */
  public static final String HEADER =
      "time,tenant,method,path,query,status,scimType,detail,durationMs,correlationId,"
          + "resourceType,resourceId,tokenPrefix,client,subject,action\r\n";

  private LogCsv() {}

  /** One record as a line, CRLF included. */
  public static String row(LogRecord record) {
    return Stream.of(
                record.getTime().toString(),
                record.getTenantId(),
                record.getMethod(),
                record.getPath(),
                record.getQuery(),
                Integer.toString(record.getStatus()),
                record.getScimType(),
                record.getDetail(),
                Long.toString(record.getDurationMillis()),
                record.getCorrelationId(),
                record.getResourceType(),
                record.getResourceId(),
                record.getTokenPrefix(),
                record.getClient(),
                record.getSubject(),
                record.getAction())
            .map(LogCsv::cell)
            .collect(Collectors.joining(","))
        + "\r\n";
  }

  /** A value as a cell: empty for null, defused if a spreadsheet would read a formula, quoted. */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
