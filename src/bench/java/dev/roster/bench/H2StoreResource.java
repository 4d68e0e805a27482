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
 * <p>{@code POST /bench/h2/settle?seconds=S} runs H2's own background housekeeping (what its
 * writer thread does every tenth of a second: commit, then rewrite sparse chunks and move chunks
 * to shrink a file less than half full, more of both when the file has been quiet) round after
 * round, a {@code CHECKPOINT} after each pair, until a round writes nothing or {@code S} seconds
 * have passed. Then it frees the dead chunks whose retention time (45 s) has passed, which H2
 * does only at its next file write. It answers {@code done} or {@code more}, then the figures
 * above. Left to itself after a large load, H2 did the same work a little at a time whenever
 * the file was quiet, for an hour after a million users: whatever the benchmark measured next paid
 * for the writes before it. The benchmark calls this at the end of each phase instead. Since
 * Roster turns H2's own compaction off ({@code AUTO_COMPACT_FILL_RATE=0}, 2026-12-06) a round
 * only commits, and the rewriting is Roster's own ({@code COMPACTIONS} counts its calls).
 */
@Path("h2")
@ApplicationScoped
public class H2StoreResource {

  @Resource(lookup = "jdbc/roster")
  DataSource database;

  @jakarta.inject.Inject dev.roster.storage.H2FileCompaction compaction;

  @POST
  @Path("settle")
  @Produces(MediaType.TEXT_PLAIN)
  public String settle(@QueryParam("seconds") @DefaultValue("20") int seconds)
      throws SQLException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    boolean busy = true;
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      declare(
          statement,
          "ROSTER_H2_HOUSEKEEPING",
          "long housekeep(java.sql.Connection c)",
          "  Class<?> k = fs.getClass();\n"
              + "  while (!k.getSimpleName().equals(\"FileStore\")) k = k.getSuperclass();\n"
              + "  java.lang.reflect.Method run = k.getDeclaredMethod(\"writeInBackground\");\n"
              + "  run.setAccessible(true);\n"
              + "  run.invoke(fs);\n"
              + "  return (Long) k.getMethod(\"getWriteCount\").invoke(fs);\n");
      declare(
          statement,
          "ROSTER_H2_DROP_DEAD_CHUNKS",
          "void drop(java.sql.Connection c)",
          "  java.lang.reflect.Method drop = fs.getClass().getMethod(\"dropUnusedChunks\");\n"
              + "  Runnable dropping = () -> {\n"
              + "    try {\n"
              + "      drop.invoke(fs);\n"
              + "    } catch (ReflectiveOperationException e) {\n"
              + "      throw new IllegalStateException(e);\n"
              + "    }\n"
              + "  };\n"
              + "  mv.getClass().getMethod(\"executeFilestoreOperation\", Runnable.class)\n"
              + "      .invoke(mv, dropping);\n");
      statement.execute("CHECKPOINT");
      long writes = housekeeping(statement);
      while (busy && System.nanoTime() < deadline) {
        // H2 does more when nothing was read or written since its last round, as in a pause
        housekeeping(statement);
        statement.execute("CHECKPOINT");
        long after = housekeeping(statement);
        busy = after != writes;
        writes = after;
      }
      statement.execute("CALL ROSTER_H2_DROP_DEAD_CHUNKS()");
      statement.execute("CHECKPOINT");
    }
    return (busy ? "more\n" : "done\n") + get();
  }

  /**
   * Moves H2's chunks towards the start of its file and cuts the file's end, {@code megabytes} of
   * chunks a step, until {@value #SHRUNK_FILL_PERCENT}% of the file is in use, 20 steps in a
   * row gained nothing, or {@code seconds} have passed: what H2 itself does a few MB at a time,
   * whenever a new chunk finds no hole to fit in, while less than half of the file is in use. A bulk load leaves H2's file so (38% at a million users),
   * and H2 then spent minutes of the next phases moving tens of GB. The benchmark calls this after
   * each seed. It copies chunks as they are, whatever their age: they stay valid, only their
   * place in the file changes. Answers {@code done} or {@code more}, then the figures of {@link
   * #get}.
   */
  @POST
  @Path("shrink")
  @Produces(MediaType.TEXT_PLAIN)
  public String shrink(
      @QueryParam("seconds") @DefaultValue("60") int seconds,
      @QueryParam("megabytes") @DefaultValue("512") int megabytes)
      throws SQLException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    boolean shrinking = true;
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      declare(
          statement,
          "ROSTER_H2_MOVE_CHUNKS",
          "long move(java.sql.Connection c, long bytes)",
          "  Class<?> k = fs.getClass();\n"
              + "  while (!k.getSimpleName().equals(\"RandomAccessStore\")) k = k.getSuperclass();\n"
              + "  k.getMethod(\"compactMoveChunks\", int.class, long.class, mv.getClass())\n"
              + "      .invoke(fs, 101, bytes, mv);\n"
              + "  return ((Integer) k.getMethod(\"getFillRate\").invoke(fs)).longValue();\n");
      long fillPercent = 0;
      int stepsWithoutGain = 0;
      while (shrinking && System.nanoTime() < deadline) {
        statement.execute("CHECKPOINT");
        long after;
        try (ResultSet moved =
            statement.executeQuery(
                "CALL ROSTER_H2_MOVE_CHUNKS(" + megabytes * 1024L * 1024L + ")")) {
          moved.next();
          after = moved.getLong(1);
        }
        // a step may fill holes near the start and free nothing at the end yet
        stepsWithoutGain = after > fillPercent ? 0 : stepsWithoutGain + 1;
        fillPercent = Math.max(fillPercent, after);
        shrinking = fillPercent < SHRUNK_FILL_PERCENT && stepsWithoutGain < 20;
      }
    }
    return (shrinking ? "more\n" : "done\n") + get();
  }

  /** The share of H2's file in use at which {@link #shrink} stops. */
  static final int SHRUNK_FILL_PERCENT = 90;

  /**
   * Declares the function {@code name} once per database: {@code signature} (its first parameter
   * the calling connection {@code c}), then {@link #STORES}, then {@code body}. H2 compiles it,
   * which needs a JDK.
   */
  private static void declare(Statement statement, String name, String signature, String body)
      throws SQLException {
    statement.execute(
        "CREATE ALIAS IF NOT EXISTS "
            + name
            + " AS $$\n"
            + signature
            + " throws Exception {\n"
            + STORES
            + body
            + "}\n$$");
  }

  /** The start of the functions above: H2's MVStore {@code mv} and its file store {@code fs}. */
  private static final String STORES =
      "  Object session = c.getClass().getMethod(\"getSession\").invoke(c);\n"
          + "  Object db = session.getClass().getMethod(\"getDatabase\").invoke(session);\n"
          + "  Object store = db.getClass().getMethod(\"getStore\").invoke(db);\n"
          + "  Object mv = store.getClass().getMethod(\"getMvStore\").invoke(store);\n"
          + "  Object fs = mv.getClass().getMethod(\"getFileStore\").invoke(mv);\n";

  /** One round of H2's background housekeeping, now; the file's write count after it. */
  private static long housekeeping(Statement statement) throws SQLException {
    try (ResultSet writes = statement.executeQuery("CALL ROSTER_H2_HOUSEKEEPING()")) {
      writes.next();
      return writes.getLong(1);
    }
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
        declare(
          statement,
          "ROSTER_H2_DEBUG",
          "String debug(java.sql.Connection c)",
          "  Class<?> fsc = fs.getClass();\n"
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
              + " + ((java.util.Collection<?>) dead.get(fs)).size() + \" PINNED=\" + pinned;\n");
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
