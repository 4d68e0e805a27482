package dev.roster.it;

import static dev.roster.it.ScimAssertions.assertScimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.tenants.boundary.IssuedToken;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.Tenants;
import dev.roster.tenants.boundary.TokenView;
import dev.roster.tenants.control.TokenCache;
import dev.roster.tenants.control.TokenGrant;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenants and tokens through the {@link Tenants} bean, with their effect on SCIM requests over
 * HTTP. Runs inside the server, in the real WAR.
 */
@ExtendWith(ArquillianExtension.class)
class TenantsIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.rosterWith(TenantsIT.class, MovableClock.class);
  }

  @ArquillianResource URL server;

  @Inject Tenants tenants;

  @Inject TokenCache tokenCache;

  /** The server's clock in this deployment: tests move it instead of sleeping. */
  @Inject MovableClock clock;

  @PersistenceContext EntityManager em;

  @AfterEach
  void backToTheSystemsTime() {
    clock.reset();
  }

  private ScimClient.Reply probe(String token) {
    return new ScimClient(server).get("/ServiceProviderConfig", token);
  }

  private TenantView newTenant() {
    return tenants.createTenant("t-" + UUID.randomUUID().toString().substring(0, 8), "Test tenant");
  }

  @Test
  void bootstrapCreatedTheTenantsOfTheEnvironmentWithOneTokenEach() {
    for (String id : List.of("acme", "globex")) {
      TenantView tenant = tenants.findTenant(id).orElseThrow();
      assertTrue(tenant.isEnabled());
      List<TokenView> tokens = tenants.listTokens(id);
      assertEquals(1, tokens.size());
      assertEquals("bootstrap", tokens.get(0).getLabel());
      assertTrue(tokens.get(0).getPrefix().startsWith("ext_"));
    }
  }

  @Test
  void issuedTokenWorksAndOnlyItsHashIsStored() throws Exception {
    TenantView tenant = newTenant();
    IssuedToken issued = tenants.issueToken(tenant.getId(), "Entra ID", null);
    String plaintext = issued.plaintext();
    assertTrue(plaintext.matches("rst_[a-z0-9]{8}_[A-Za-z0-9_-]{43}"), plaintext);
    assertTrue(plaintext.startsWith(issued.token().getPrefix()));

    assertEquals(200, probe(plaintext).status());

    String sha256 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(plaintext.getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        1L,
        ((Number)
                em.createNativeQuery("SELECT COUNT(*) FROM API_TOKEN WHERE SECRET_HASH = ?1")
                    .setParameter(1, sha256)
                    .getSingleResult())
            .longValue());
    // rst_<8>_<secret>: the secret itself may hold '_', so cut after the prefix
    String secretPart = plaintext.substring(issued.token().getPrefix().length() + 1);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("SELECT ID, LABEL, PREFIX, SECRET_HASH FROM API_TOKEN")
            .getResultList();
    for (Object[] row : rows) {
      for (Object column : row) {
        assertFalse(String.valueOf(column).contains(secretPart), "the secret is stored");
      }
    }
  }

  @Test
  void tokenOfAnotherFormatIsStillOnlyHashed() {
    assertEquals(0L, countRowsContaining(Deployments.ACME_TOKEN));
  }

  private long countRowsContaining(String text) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM API_TOKEN WHERE LABEL LIKE ?1 OR PREFIX LIKE ?1"
                        + " OR SECRET_HASH LIKE ?1")
                .setParameter(1, "%" + text + "%")
                .getSingleResult())
        .longValue();
  }

  @Test
  void revokedTokenIsRefusedAtOnce() {
    TenantView tenant = newTenant();
    IssuedToken issued = tenants.issueToken(tenant.getId(), "to revoke", null);
    assertEquals(200, probe(issued.plaintext()).status()); // now cached
    tenants.revokeToken(tenant.getId(), issued.token().getId());
    ScimClient.Reply reply = probe(issued.plaintext());
    assertScimError(reply, 401, null);
    assertTrue(reply.json().getString("detail").contains("revoked"), reply::toString);
    assertTrue(
        tenants.listTokens(tenant.getId()).get(0).getRevokedAt().isPresent(),
        "the list shows the revocation");
  }

  @Test
  void expiredTokenIsRefused() {
    assertTrue(
        tokenCache.timeToLive().compareTo(Duration.ofSeconds(3)) > 0,
        "the expiry must fall within the cache's time-to-live");
    TenantView tenant = newTenant();
    Instant expiry = clock.instant().plusSeconds(2);
    IssuedToken issued = tenants.issueToken(tenant.getId(), "short-lived", expiry);
    assertEquals(200, probe(issued.plaintext()).status()); // now cached
    clock.advance(Duration.ofSeconds(1));
    assertEquals(200, probe(issued.plaintext()).status(), "valid until it expires");

    clock.advance(Duration.ofSeconds(1)); // at the expiry, within the time-to-live: from the cache
    ScimClient.Reply reply = probe(issued.plaintext());
    assertScimError(reply, 401, null);
    assertTrue(reply.json().getString("detail").contains("expired"), reply::toString);

    clock.advance(tokenCache.timeToLive()); // the cached grant is gone: from the database
    reply = probe(issued.plaintext());
    assertScimError(reply, 401, null);
    assertTrue(reply.json().getString("detail").contains("expired"), reply::toString);
  }

  @Test
  void expiryInThePastIsRefused() {
    TenantView tenant = newTenant();
    ScimException error =
        assertThrows(
            ScimException.class,
            () -> tenants.issueToken(tenant.getId(), "x", clock.instant().minusSeconds(1)));
    assertEquals(ScimType.INVALID_VALUE, error.scimType().orElseThrow());
  }

  @Test
  void disabledTenantsTokensAreRefusedAtOnceAndWorkAgainWhenEnabled() {
    TenantView tenant = newTenant();
    IssuedToken issued = tenants.issueToken(tenant.getId(), "x", null);
    assertEquals(200, probe(issued.plaintext()).status());
    tenants.setTenantEnabled(tenant.getId(), false);
    ScimClient.Reply reply = probe(issued.plaintext());
    assertScimError(reply, 401, null);
    assertTrue(reply.json().getString("detail").contains("disabled"), reply::toString);
    tenants.setTenantEnabled(tenant.getId(), true);
    assertEquals(200, probe(issued.plaintext()).status());
  }

  @Test
  void lastUseIsWrittenOnFirstUseButNotOnEveryRequest() {
    TenantView tenant = newTenant();
    IssuedToken issued = tenants.issueToken(tenant.getId(), "x", null);
    assertTrue(tenants.listTokens(tenant.getId()).get(0).getLastUsedAt().isEmpty());
    probe(issued.plaintext());
    Instant firstUse = tenants.listTokens(tenant.getId()).get(0).getLastUsedAt().orElseThrow();
    probe(issued.plaintext());
    probe(issued.plaintext());
    assertEquals(firstUse, tenants.listTokens(tenant.getId()).get(0).getLastUsedAt().orElseThrow());
  }

  @Test
  void lastUseIsWrittenAgainOnceTheWrittenOneIsAMinuteOld() {
    TenantView tenant = newTenant();
    IssuedToken issued = tenants.issueToken(tenant.getId(), "x", null);
    probe(issued.plaintext());
    Instant firstUse = tenants.listTokens(tenant.getId()).get(0).getLastUsedAt().orElseThrow();
    clock.advance(TokenGrant.LAST_USE_GRANULARITY.minusSeconds(1));
    probe(issued.plaintext());
    assertEquals(firstUse, tenants.listTokens(tenant.getId()).get(0).getLastUsedAt().orElseThrow());
    clock.advance(Duration.ofSeconds(1));
    probe(issued.plaintext());
    Instant secondUse = tenants.listTokens(tenant.getId()).get(0).getLastUsedAt().orElseThrow();
    assertTrue(
        !secondUse.isBefore(firstUse.plus(TokenGrant.LAST_USE_GRANULARITY)),
        firstUse + " then " + secondUse);
  }

  @Test
  void tokensAreListedNewestFirstRevokedOnesIncluded() {
    TenantView tenant = newTenant();
    IssuedToken first = tenants.issueToken(tenant.getId(), "first", null);
    clock.advance(Duration.ofSeconds(1));
    IssuedToken second = tenants.issueToken(tenant.getId(), "second", null);
    tenants.revokeToken(tenant.getId(), first.token().getId());
    List<TokenView> tokens = tenants.listTokens(tenant.getId());
    assertEquals(
        List.of(second.token().getId(), first.token().getId()),
        tokens.stream().map(TokenView::getId).toList());
  }

  @Test
  void aTenantCannotRevokeAnotherTenantsToken() {
    TenantView owner = newTenant();
    TenantView other = newTenant();
    IssuedToken issued = tenants.issueToken(owner.getId(), "x", null);
    ScimException error =
        assertThrows(
            ScimException.class, () -> tenants.revokeToken(other.getId(), issued.token().getId()));
    assertEquals(404, error.status());
    assertEquals(200, probe(issued.plaintext()).status());
  }

  @Test
  void tenantIdsAreUniqueAndValid() {
    TenantView tenant = newTenant();
    ScimException duplicate =
        assertThrows(ScimException.class, () -> tenants.createTenant(tenant.getId(), "Again"));
    assertEquals(409, duplicate.status());
    assertEquals(ScimType.UNIQUENESS, duplicate.scimType().orElseThrow());
    ScimException invalid =
        assertThrows(ScimException.class, () -> tenants.createTenant("has space", "X"));
    assertEquals(ScimType.INVALID_VALUE, invalid.scimType().orElseThrow());
  }

  @Test
  void tenantIdIsDerivedFromTheNameWhenNotGiven() {
    String name = "Initech Corporation " + UUID.randomUUID().toString().substring(0, 6);
    TenantView first = tenants.createTenant(null, name);
    TenantView second = tenants.createTenant(null, name);
    assertTrue(first.getId().startsWith("initech-corporation-"), first.getId());
    assertEquals(first.getId() + "-2", second.getId());
  }

  @Test
  void tenantCanBeRenamedKeepingItsId() {
    TenantView tenant = newTenant();
    tenants.renameTenant(tenant.getId(), "New name");
    assertEquals("New name", tenants.findTenant(tenant.getId()).orElseThrow().getName());
  }
}
