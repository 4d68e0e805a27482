package dev.roster.runtime;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends the process when Roster's own configuration is unusable. Payara Micro keeps running after a
 * failed deployment, answering 404 to everything; an operator is better served by a server that
 * stops and says why. On an application server (Payara Server, Open Liberty) the JVM is the whole
 * server, with other applications on it: there only the deployment fails, with the reason.
 */
public final class RefuseToStart {

  private static final Logger LOG = Logger.getLogger(RefuseToStart.class.getName());

  private RefuseToStart() {}

  /** Logs the reason, exits with status 1, and returns the exception to throw meanwhile. */
  public static IllegalStateException because(String reason) {
    LOG.log(Level.SEVERE, "Roster cannot start: {0}", reason);
    if (!onPayaraMicro()) {
      return new IllegalStateException("Roster cannot start: " + reason);
    }
    Thread exit = new Thread(() -> System.exit(1), "roster-refuse-to-start");
    exit.setDaemon(true);
    exit.start();
    return new IllegalStateException("Roster cannot start: " + reason);
  }

  /** Whether this JVM is Payara Micro's, whose launcher is on the system class path. */
  public static boolean onPayaraMicro() {
    try {
      Class.forName(
          "fish.payara.micro.boot.PayaraMicroLauncher", false, ClassLoader.getSystemClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
