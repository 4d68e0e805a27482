package dev.roster.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A database created before issue 12 gets its text columns widened, data kept. */
class ColumnWideningIT {

  @Test
  void widensNarrowColumnsAndKeepsTheirValues() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:widening", "sa", "sa");
        Statement sql = db.createStatement()) {
      sql.execute(
          "CREATE TABLE SCIM_USERS (ID BIGINT PRIMARY KEY, USER_NAME_KEY VARCHAR(2048) NOT NULL,"
              + " EXTERNAL_ID VARCHAR(2048), DISPLAY_NAME_KEY VARCHAR(4096))");
      sql.execute("CREATE INDEX SCIM_USERS_EXTERNAL_ID ON SCIM_USERS (EXTERNAL_ID)");
      sql.execute("INSERT INTO SCIM_USERS VALUES (1, 'bjensen', 'x-1', 'babs')");

      assertEquals(
          List.of("SCIM_USERS.USER_NAME_KEY", "SCIM_USERS.EXTERNAL_ID"),
          ColumnWidening.widen(db, 4096),
          "only the narrow columns of the tables that exist");
      assertEquals(List.of(), ColumnWidening.widen(db, 4096), "nothing left to do");

      sql.execute("UPDATE SCIM_USERS SET USER_NAME_KEY = '" + "\uD83D\uDE00".repeat(2048) + "'");
      try (ResultSet row = sql.executeQuery("SELECT EXTERNAL_ID FROM SCIM_USERS WHERE ID = 1")) {
        row.next();
        assertEquals("x-1", row.getString(1));
      }
    }
  }
}
