import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a recorded server spends its CPU: reads a Flight Recorder file and prints the share of
 * execution samples under each layer of the stack (inclusive: a sample counts for every layer it
 * passes through), and the hottest methods on top of the stack.
 *
 * <pre>
 * java bench/JfrSummary.java /tmp/roster.jfr [TOP] [THREAD_SUBSTRING] [METHOD_PREFIX]
 * </pre>
 *
 * With a method prefix (such as {@code dev.roster.} or {@code org.h2.}), it also prints the methods
 * with that prefix that the most samples pass through (inclusive).
 *
 * Record with {@code java bench/RosterBench.java --server-jvm-arg
 * -XX:StartFlightRecording=filename=/tmp/roster.jfr,settings=profile} or {@code jcmd PID
 * JFR.start}. A layer holds a sample when a frame's class and method name contains one of its
 * markers; a sample can count for several. JFR samples Java threads only: the JIT compiler and
 * the garbage collector are not in it. Use it to decide which change to measure next, then measure that change with the
 * benchmark: samples are not CPU time.
 */
public class JfrSummary {

  /** Layer name, then the class-name prefixes or fragments that mark it (any frame matches). */
  static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

  static {
    LAYERS.put("provisioning log writer", List.of("dev.roster.provisioning.boundary.ProvisioningLogWriter"));
    LAYERS.put("provisioning log filter", List.of("dev.roster.provisioning.boundary.ProvisioningLogFilter"));
    LAYERS.put("group commit (CHECKPOINT)", List.of("dev.roster.storage.GroupCommit"));
    LAYERS.put("bearer token", List.of("dev.roster.tenants.boundary.BearerTokenFilter"));
    LAYERS.put("Users EJB", List.of("dev.roster.users.boundary.Users."));
    LAYERS.put("Groups EJB", List.of("dev.roster.groups.boundary.Groups."));
    LAYERS.put("  user store", List.of("dev.roster.users.control.UserStore"));
    LAYERS.put("  memberships query", List.of("dev.roster.storage.Memberships"));
    LAYERS.put("  change events", List.of("dev.roster.events."));
    LAYERS.put("EclipseLink", List.of("org.eclipse.persistence."));
    LAYERS.put("  JPQL parse/prepare", List.of("org.eclipse.persistence.internal.jpa.jpql.", "org.eclipse.persistence.jpa.jpql.", "DatabaseQuery.prepare", "EJBQueryImpl"));
    LAYERS.put("H2", List.of("org.h2."));
    LAYERS.put("  H2 commit/store", List.of("org.h2.mvstore."));
    LAYERS.put("PostgreSQL driver", List.of("org.postgresql."));
    LAYERS.put("JSON (Parsson)", List.of("org.eclipse.parsson.", "org.glassfish.json."));
    LAYERS.put("Jakarta Security / JASPIC", List.of("org.glassfish.soteria.", "com.sun.enterprise.security.", "org.glassfish.epicyro.", "jaspic"));
    LAYERS.put("request tracing", List.of("fish.payara.nucleus.requesttracing.", "fish.payara.opentracing", "io.opentelemetry", "fish.payara.requesttracing"));
    LAYERS.put("Jersey", List.of("org.glassfish.jersey."));
    LAYERS.put("Weld (CDI)", List.of("org.jboss.weld."));
    LAYERS.put("EJB container", List.of("com.sun.ejb."));
    LAYERS.put("JTA", List.of("com.sun.enterprise.transaction.", "com.sun.jts."));
    LAYERS.put("Grizzly / servlet", List.of("org.glassfish.grizzly.", "org.apache.catalina."));
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    String threadFilter = args.length > 2 && !args[2].isEmpty() ? args[2] : null;
    String methodPrefix = args.length > 3 ? args[3] : null;
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> layers = new HashMap<>();
    Map<String, Integer> topMethods = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      String thread =
          event.getThread("sampledThread") == null
              ? "?"
              : String.valueOf(event.getThread("sampledThread").getJavaName());
      if (threadFilter != null && !thread.contains(threadFilter)) {
        continue;
      }
      samples++;
      threads.merge(threadGroup(thread), 1, Integer::sum);
      List<RecordedFrame> frames =
          event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
      if (!frames.isEmpty()) {
        RecordedFrame first = frames.get(0);
        topMethods.merge(
            first.getMethod().getType().getName() + "." + first.getMethod().getName(),
            1,
            Integer::sum);
      }
      List<String> names = new ArrayList<>(frames.size());
      for (RecordedFrame frame : frames) {
        names.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
      }
      if (methodPrefix != null) {
        names.stream()
            .filter(name -> name.startsWith(methodPrefix))
            .distinct()
            .forEach(name -> inclusive.merge(name, 1, Integer::sum));
      }
      for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
        boolean in = false;
        for (String name : names) {
          for (String marker : layer.getValue()) {
            if (name.contains(marker)) {
              in = true;
              break;
            }
          }
          if (in) {
            break;
          }
        }
        if (in) {
          layers.merge(layer.getKey(), 1, Integer::sum);
        }
      }
    }
    System.out.printf("%,d execution samples%s%n", samples, threadFilter == null ? "" : " on threads with '" + threadFilter + "'");
    System.out.println("\nlayers (inclusive, a sample counts for each layer on its stack):");
    for (String layer : LAYERS.keySet()) {
      int n = layers.getOrDefault(layer, 0);
      if (n > 0) {
        System.out.printf("  %-32s %6d  %5.1f%%%n", layer, n, 100.0 * n / samples);
      }
    }
    System.out.println("\nthreads:");
    print(threads, samples, 12);
    System.out.println("\nhottest methods (top of stack):");
    print(topMethods, samples, top);
    if (methodPrefix != null) {
      System.out.println("\nmethods under " + methodPrefix + " (inclusive):");
      print(inclusive, samples, top);
    }
  }

  static String threadGroup(String thread) {
    return thread.replaceAll("[0-9]+", "#");
  }

  static void print(Map<String, Integer> counts, int samples, int limit) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(limit)
        .forEach(e -> System.out.printf("  %6d  %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / samples, e.getKey()));
  }
}
