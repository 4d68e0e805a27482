package dev.roster.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of the test classes that are clients only: the WAR as built on a Payara Micro of the
 * class's own, and a {@link ScimClient} to it. Tests that run inside the server declare their own
 * deployment with {@link Deployments#rosterWith}.
 */
@ExtendWith(ArquillianExtension.class)
abstract class BlackBox {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.roster();
  }

  @ArquillianResource URL server;

  ScimClient scim;

  ScimFixtures fixtures;

  @BeforeEach
  void connect() {
    scim = new ScimClient(server);
    fixtures = new ScimFixtures(scim);
  }
}
