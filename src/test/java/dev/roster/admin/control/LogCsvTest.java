package dev.roster.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.provisioning.boundary.LogRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogCsvTest {

  @ParameterizedTest(name = "[{0}] → [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "plain | plain",
        "/scim/v2/Users | /scim/v2/Users",
        "a,b | \"a,b\"",
        "say \"hi\" | \"say \"\"hi\"\"\"",
        "=HYPERLINK(\"http://x\") | \"'=HYPERLINK(\"\"http://x\"\")\"",
        "+1 | '+1",
        "-2+3 | '-2+3",
        "@SUM(A1) | '@SUM(A1)",
        "a=b | a=b",
      })
  void escapesAndDefusesCells(String value, String cell) {
    assertEquals(cell, LogCsv.cell(value));
  }

  @Test
  void quotesLineBreaksAndDefusesALeadingTab() {
    assertEquals("\"two\nlines\"", LogCsv.cell("two\nlines"));
    assertEquals("'\tx", LogCsv.cell("\tx"));
    assertEquals("\"'\rx\"", LogCsv.cell("\rx"));
    assertEquals("", LogCsv.cell(null));
    assertEquals("", LogCsv.cell(""));
  }

  @Test
  void aRowHasTheHeadersColumns() {
    LogRecord record =
        new LogRecord(
            4711L,
            Instant.parse("2026-11-23T09:00:00.5Z"),
            "acme",
            "ext_1234",
            "Okta, SCIM",
            "POST",
            "/scim/v2/Users",
            "a=b",
            "User",
            "2819c223",
            409,
            "uniqueness",
            "=1+1",
            12,
            "corr-1",
            null,
            "bjensen",
            "create");

    assertEquals(
        "2026-11-23T09:00:00.500Z,acme,POST,/scim/v2/Users,a=b,409,uniqueness,'=1+1,12,corr-1,"
            + "User,2819c223,ext_1234,\"Okta, SCIM\",bjensen,create\r\n",
        LogCsv.row(record));
    assertEquals(
        LogCsv.HEADER.split(",").length,
        LogCsv.row(record).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)").length);
  }
}
