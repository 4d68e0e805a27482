package dev.roster.databases;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On PostgreSQL, gives every integration test class an empty database {@value
 * TestDatabase#DATABASE_NAME} before its server starts, as each class gets a new in-memory H2 on
 * H2. Registered for every test class through {@code META-INF/services} (failsafe turns on JUnit's
 * extension auto-detection), so its callback runs before Arquillian's starts the server.
 */
public class FreshDatabasePerClass implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    if (TestDatabase.isPostgresql()) {
      PostgresCluster.shared().recreate(TestDatabase.DATABASE_NAME);
    }
  }
}
