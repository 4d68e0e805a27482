package dev.roster.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment factory of the integration tests: the WAR that {@code mvn package} built,
 * unchanged, so the tests run what ships. In-container tests add their own classes to it.
 */
public final class Deployments {

  /** The tokens arquillian.xml bootstraps. */
  public static final String ACME_TOKEN = "acme-token-0123456789";

  public static final String GLOBEX_TOKEN = "globex-token-0123456789";

  /** The first admin arquillian.xml bootstraps (ROSTER_ADMIN_USER, ROSTER_ADMIN_PASSWORD). */
  public static final String ADMIN_USER = "admin";

  public static final String ADMIN_PASSWORD = "admin-password-0123";

  private Deployments() {}

  public static WebArchive roster() {
    String path = System.getProperty("roster.war", "target/roster.war");
    File war = new File(path);
    if (!war.isFile()) {
      throw new IllegalStateException(path + " is missing: run the tests with 'mvn verify'");
    }
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }

  /** The WAR plus test classes that run inside the server, with the helpers they use. */
  public static WebArchive rosterWith(Class<?>... testClasses) {
    return roster()
        .addClasses(testClasses)
        .addClasses(ScimClient.class, ScimClient.Reply.class, ScimAssertions.class)
        .addClasses(ScimJson.class, ScimFixtures.class, Concurrently.class);
  }
}
