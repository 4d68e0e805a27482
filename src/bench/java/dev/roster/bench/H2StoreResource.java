package dev.roster.bench;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * {@code GET /bench/h2} prints H2's own figures about its file, one {@code name=value} a line: the
 * file's size, how much of it live chunks fill ({@code FILL_RATE}), how much of the chunks' pages
 * are live ({@code CHUNKS_FILL_RATE}, {@code _RW} for the chunks old enough to be rewritten) and
 * how many chunks there are; then, from inside H2 by reflection (a function H2 compiles, so it needs
 * a JDK), the store's version, the oldest version it keeps for readers, the chunks that are dead but
 * not yet freed, and the chunks pinned. {@code bench/RosterBench.java} prints them after each seed
 * and at the end, to show what the file is made of when it grows (docs/benchmark.md,
 * "H2's file under steady writes"). The bench build only: it reads H2's private fields.
 *
 * <p>{@code POST /bench/h2/compact?percent=P&seconds=S} rewrites the live pages of the emptiest
 * chunks, 4 MB at a time, each batch written to the file at once, until at least {@code P}% of the
 * chunks' bytes are live or {@code S} seconds have passed. Then it frees the dead chunks whose
 * retention time has passed, which H2 does only at its next file write, and writes that too. It
 * answers {@code done} or {@code more}, then the figures above. After a large load H2 does this
 * work itself, a little whenever the file is quiet for a second (for an hour after a million
 * users), and a few thousand dead chunks at the first write after their retention time: whatever
 * the benchmark measured next paid for the writes before it. The benchmark calls this at the end
 * of each phase instead, so that the phase that caused the work counts it.
 */
@Path("h2")
@ApplicationScoped
public class H2StoreResource {

  @Resource(lookup = "jdbc/roster")
  DataSource database;

  @jakarta.inject.Inject dev.roster.storage.H2FileCompaction compaction;

  @POST
  @Path("compact")
  @Produces(MediaType.TEXT_PLAIN)
  public String compact(
      @QueryParam("percent") @DefaultValue("60") int percent,
      @QueryParam("seconds") @DefaultValue("20") int seconds)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    boolean rewrote = true;
    while (rewrote && System.nanoTime() < deadline) {
      rewrote = compaction.compactAndWrite(percent, 4 << 20);
    }
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE ALIAS IF NOT EXISTS ROSTER_H2_DROP_DEAD_CHUNKS AS $$\n"
              + "void drop(java.sql.Connection c) throws Exception {\n"
              + "  Object session = c.getClass().getMethod(\"getSession\").invoke(c);\n"
              + "  Object db = session.getClass().getMethod(\"getDatabase\").invoke(session);\n"
              + "  Object store = db.getClass().getMethod(\"getStore\").invoke(db);\n"
              + "  Object mv = store.getClass().getMethod(\"getMvStore\").invoke(store);\n"
              + "  Object fs = mv.getClass().getMethod(\"getFileStore\").invoke(mv);\n"
              + "  java.lang.reflect.Method drop = fs.getClass().getMethod(\"dropUnusedChunks\");\n"
              + "  Runnable dropping = () -> {\n"
              + "    try {\n"
              + "      drop.invoke(fs);\n"
              + "    } catch (ReflectiveOperationException e) {\n"
              + "      throw new IllegalStateException(e);\n"
              + "    }\n"
              + "  };\n"
              + "  mv.getClass().getMethod(\"executeFilestoreOperation\", Runnable.class)\n"
              + "      .invoke(mv, dropping);\n"
              + "}\n$$");
      statement.execute("CALL ROSTER_H2_DROP_DEAD_CHUNKS()");
      statement.execute("CHECKPOINT");
    }
    return (rewrote ? "more\n" : "done\n") + get();
  }

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String get() throws SQLException {
    StringBuilder figures = new StringBuilder();
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet settings =
            statement.executeQuery(
                "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE"
                    + " SETTING_NAME IN ('info.FILE_SIZE', 'info.FILL_RATE',"
                    + " 'info.CHUNKS_FILL_RATE', 'info.CHUNKS_FILL_RATE_RW', 'info.CHUNK_COUNT')"
                    + " ORDER BY SETTING_NAME")) {
      while (settings.next()) {
        figures
            .append(settings.getString(1).substring("info.".length()))
            .append('=')
            .append(settings.getString(2))
            .append('\n');
      }
      figures.append("COMPACTIONS=").append(compaction.counts()).append('\n');
      try {
        statement.execute(
          "CREATE ALIAS IF NOT EXISTS ROSTER_H2_DEBUG AS $$\n"
              + "String debug(java.sql.Connection c) throws Exception {\n"
              + "  Object session = c.getClass().getMethod(\"getSession\").invoke(c);\n"
              + "  Object db = session.getClass().getMethod(\"getDatabase\").invoke(session);\n"
              + "  Object store = db.getClass().getMethod(\"getStore\").invoke(db);\n"
              + "  Object mv = store.getClass().getMethod(\"getMvStore\").invoke(store);\n"
              + "  Object fs = mv.getClass().getMethod(\"getFileStore\").invoke(mv);\n"
              + "  Class<?> fsc = fs.getClass();\n"
              + "  while (!fsc.getSimpleName().equals(\"FileStore\")) fsc = fsc.getSuperclass();\n"
              + "  java.lang.reflect.Field dead = fsc.getDeclaredField(\"deadChunks\");\n"
              + "  dead.setAccessible(true);\n"
              + "  java.lang.reflect.Field chunks = fsc.getDeclaredField(\"chunks\");\n"
              + "  chunks.setAccessible(true);\n"
              + "  int pinned = 0;\n"
              + "  for (Object ch : ((java.util.Map<?, ?>) chunks.get(fs)).values()) {\n"
              + "    Class<?> cc = ch.getClass();\n"
              + "    while (!cc.getSimpleName().equals(\"Chunk\")) cc = cc.getSuperclass();\n"
              + "    java.lang.reflect.Field pin = cc.getDeclaredField(\"pinCount\");\n"
              + "    pin.setAccessible(true);\n"
              + "    if (pin.getInt(ch) > 0) pinned++;\n"
              + "  }\n"
              + "  java.lang.reflect.Method oldest ="
              + " mv.getClass().getDeclaredMethod(\"getOldestVersionToKeep\");\n"
              + "  oldest.setAccessible(true);\n"
              + "  return \"VERSION=\" + mv.getClass().getMethod(\"getCurrentVersion\").invoke(mv)"
              + " + \" OLDEST_TO_KEEP=\""
              + " + oldest.invoke(mv)"
              + " + \" DEAD_CHUNKS=\""
              + " + ((java.util.Collection<?>) dead.get(fs)).size() + \" PINNED=\" + pinned;\n"
              + "}\n$$");
        try (ResultSet debug = statement.executeQuery("CALL ROSTER_H2_DEBUG()")) {
          debug.next();
          figures.append(debug.getString(1)).append('\n');
        }
      } catch (SQLException e) {
        figures.append("DEBUG=").append(e.getMessage().replace('\n', ' ')).append('\n');
      }
    }
    return figures.toString();
  }
}
