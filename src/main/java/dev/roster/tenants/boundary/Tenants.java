package dev.roster.tenants.boundary;

import dev.roster.events.boundary.ChangeEvents;
import dev.roster.runtime.AfterTransaction;
import dev.roster.runtime.TokenSecrets;
import dev.roster.scim.ScimException;
import dev.roster.storage.ChangeEventRows;
import dev.roster.storage.TenantQueries;
import dev.roster.storage.TokenQueries;
import dev.roster.tenants.control.BootstrapTokens;
import dev.roster.tenants.control.TokenCache;
import dev.roster.tenants.control.TokenGrant;
import dev.roster.tenants.control.TokenRefused;
import dev.roster.tenants.entity.ApiToken;
import dev.roster.tenants.entity.Tenant;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Tenants and their tokens: the one bean through which they are created, listed, changed and
 * revoked (by the admin console as by the bootstrap), and through which SCIM requests are
 * authenticated. Other features get read-only views of them ({@link TenantView}, {@link
 * TokenView}), never the entities.
 */
@Stateless
public class Tenants {

  private static final Logger LOG = Logger.getLogger(Tenants.class.getName());

  /** What a tenant id looks like: {@link Tenant#ID_PATTERN}. */
  public static final String ID_PATTERN = Tenant.ID_PATTERN;

  /** The longest tenant name: what its column holds. */
  public static final int MAX_NAME_LENGTH = 200;

  /** The longest token label: what its column holds. */
  public static final int MAX_LABEL_LENGTH = 200;

  /** The latest expiry a token may have (ISO-8601's four-digit years; databases hold no more). */
  public static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

  @PersistenceContext EntityManager em;

  @Inject TokenCache tokenCache;

  /** The time every decision on tokens is taken at; tests move it instead of sleeping. */
  @Inject Clock clock;

  @Resource TransactionSynchronizationRegistry transactions;

  // Tenants

  /**
   * Creates a tenant.
   *
   * @param id the tenant's slug, or null to derive one from the name
   * @throws ScimException invalidValue for a bad id or name, uniqueness if the id is taken
   */
  public TenantView createTenant(String id, String name) {
    requireName(name);
    String tenantId = id == null || id.isBlank() ? freeIdFor(name) : id.strip();
    if (!tenantId.matches(Tenant.ID_PATTERN)) {
      throw ScimException.invalidValue(
          "'"
              + shown(tenantId)
              + "' is not a valid tenant id: use 1 to 64 letters, digits, '.', '-' or '_',"
              + " starting with a letter or digit.");
    }
    if (em.find(Tenant.class, tenantId) != null) {
      throw ScimException.uniqueness("A tenant with id '" + tenantId + "' already exists.");
    }
    Tenant tenant = new Tenant(tenantId, name, clock.instant());
    em.persist(tenant);
    em.flush();
    new ChangeEventRows(em).createCounter(tenantId);
    return TenantView.of(tenant);
  }

  public List<TenantView> listTenants() {
    return TenantQueries.all(em).stream().map(TenantView::of).toList();
  }

  public Optional<TenantView> findTenant(String id) {
    return storedTenant(id).map(TenantView::of);
  }

  public TenantView renameTenant(String id, String name) {
    Tenant tenant = existingTenant(id);
    requireName(name);
    tenant.rename(name);
    return TenantView.of(tenant);
  }

  /** Enables or disables a tenant. A disabled tenant's tokens are refused. */
  public TenantView setTenantEnabled(String id, boolean enabled) {
    Tenant tenant = existingTenant(id);
    tenant.setEnabled(enabled);
    AfterTransaction.run(transactions, () -> tokenCache.evictTenant(tenant.getId()));
    return TenantView.of(tenant);
  }

  /**
   * Chooses where the tenant's departments come from. A real change makes a {@code
   * departments.source_changed} event, so that the product reads its departments again.
   */
  public TenantView setDepartmentSource(String id, DepartmentSource source) {
    Tenant tenant = existingTenant(id);
    DepartmentSource old = DepartmentSource.of(tenant.getDepartmentSource());
    if (old != source) {
      tenant.setDepartmentSource(source.value());
      em.flush();
      ChangeEvents events = new ChangeEvents(em, tenant.getId());
      events.departmentSourceChanged(old, source);
      events.append();
    }
    return TenantView.of(tenant);
  }

  /**
   * Sets when the tenant's deprovisionings are held for review (docs/deprovisioning-hold.md). It
   * applies to the next deactivation or deletion; what is held stays held.
   */
  public TenantView setHoldThreshold(String id, HoldThreshold threshold) {
    Tenant tenant = existingTenant(id);
    tenant.setHold(threshold.enabled(), threshold.percent(), threshold.minimum());
    return TenantView.of(tenant);
  }

  // Tokens

  /**
   * Issues a new token for a tenant.
   *
   * @param expiresAt when it stops working, or null for never
   */
  public IssuedToken issueToken(String tenantId, String label, Instant expiresAt) {
    Tenant tenant = existingTenant(tenantId);
    Instant now = clock.instant();
    requireLabel("A token's", label);
    requireExpiry("A token's", expiresAt, now);
    TokenSecrets.Generated secret = TokenSecrets.generate();
    ApiToken token = new ApiToken(tenant, label, secret.prefix(), secret.hash(), now, expiresAt);
    em.persist(token);
    return new IssuedToken(TokenView.of(token, tenantId, now), secret.plaintext());
  }

  /**
   * A credential's label: at most {@value #MAX_LABEL_LENGTH} characters, no control characters.
   *
   * @param whose how the message starts, e.g. "A token's"
   */
  public static void requireLabel(String whose, String label) {
    if (label != null
        && (label.strip().length() > MAX_LABEL_LENGTH || hasControlCharacters(label))) {
      throw ScimException.invalidValue(
          whose
              + " label has at most "
              + MAX_LABEL_LENGTH
              + " characters, and no line breaks or other control characters.");
    }
  }

  /** A credential's expiry: none, or in the future and no later than {@link #LATEST_EXPIRY}. */
  public static void requireExpiry(String whose, Instant expiresAt, Instant now) {
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw ScimException.invalidValue(whose + " expiry must lie in the future.");
    }
    if (expiresAt != null && expiresAt.isAfter(LATEST_EXPIRY)) {
      throw ScimException.invalidValue(
          whose + " expiry must lie no later than " + LATEST_EXPIRY + ".");
    }
  }

  /** A tenant's tokens, newest first, revoked ones included. */
  public List<TokenView> listTokens(String tenantId) {
    existingTenant(tenantId);
    Instant now = clock.instant();
    return TokenQueries.ofTenant(em, tenantId).stream()
        .map(token -> TokenView.of(token, tenantId, now))
        .toList();
  }

  /** Revokes a token. It stops working on this instance at once, on others within the cache TTL. */
  public TokenView revokeToken(String tenantId, String tokenId) {
    ApiToken token = tokenId == null ? null : em.find(ApiToken.class, tokenId);
    if (token == null || !token.getTenant().getId().equals(tenantId)) {
      throw ScimException.notFound(
          "Tenant '" + shown(tenantId) + "' has no token " + shown(tokenId) + ".");
    }
    Instant now = clock.instant();
    token.revoke(now);
    AfterTransaction.run(transactions, () -> tokenCache.evictToken(tokenId));
    return TokenView.of(token, tenantId, now);
  }

  // Authentication

  /**
   * The grant of a presented bearer token: one indexed query by hash, or none while the token is
   * cached. Writes the token's last use at most once a minute.
   *
   * @throws ScimException unauthorized (401) when the token is unknown, revoked or expired, or its
   *     tenant is disabled
   */
  public TokenGrant authenticate(String presentedToken) {
    Instant now = clock.instant();
    String hash = TokenSecrets.hash(presentedToken);
    TokenGrant grant = tokenCache.get(hash, now).orElse(null);
    if (grant == null) {
      grant = load(presentedToken, hash, now);
      tokenCache.put(hash, grant, now);
    } else if (grant.expiredAt(now)) {
      throw new TokenRefused("The bearer token has expired.", grant.prefix(), grant.tenantId());
    }
    if (grant.useToRecordAt(now)) {
      TokenQueries.recordUse(em, grant.tokenId(), now, now.minus(TokenGrant.LAST_USE_GRANULARITY));
      grant = grant.usedAt(now);
      tokenCache.update(hash, grant);
    }
    return grant;
  }

  /**
   * The 401 for a token nobody issued: attributed to a tenant when it carries the prefix of one of
   * its tokens (docs/console.md), one more indexed lookup.
   */
  private ScimException unknown(String presented) {
    String detail = "The bearer token is not valid.";
    return TokenSecrets.claimedPrefix(presented)
        .flatMap(
            claimed ->
                TokenQueries.tenantOfPrefix(em, claimed)
                    .map(
                        tenant ->
                            (ScimException) TokenRefused.claimingPrefix(detail, claimed, tenant)))
        .orElseGet(() -> ScimException.unauthorized(detail));
  }

  private TokenGrant load(String presented, String hash, Instant now) {
    ApiToken token = TokenQueries.byHash(em, hash).orElseThrow(() -> unknown(presented));
    token
        .refusalAt(now)
        .ifPresent(
            reason -> {
              throw new TokenRefused(reason, token.getPrefix(), token.getTenant().getId());
            });
    return new TokenGrant(
        token.getId(),
        token.getTenant().getId(),
        token.getPrefix(),
        token.getExpiresAt().orElse(null),
        token.getLastUsedAt().orElse(null));
  }

  // Bootstrap

  /**
   * Makes each pair of ROSTER_BOOTSTRAP_TOKENS true: the tenant exists, and the token is valid for
   * it (a revoked or expired one is reinstated). A disabled tenant stays disabled.
   *
   * @return one line per pair, for the server log, without secrets
   * @throws IllegalStateException if a token already belongs to another tenant
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW) // each try alone (TenantBootstrap)
  public List<String> bootstrap(List<BootstrapTokens.Entry> entries) {
    Instant now = clock.instant();
    return entries.stream().map(entry -> bootstrap(entry, now)).toList();
  }

  private String bootstrap(BootstrapTokens.Entry entry, Instant now) {
    Tenant tenant = em.find(Tenant.class, entry.tenantId());
    String tenantState = "existing tenant";
    if (tenant == null) {
      tenant = new Tenant(entry.tenantId(), entry.tenantId(), now);
      em.persist(tenant);
      new ChangeEventRows(em).createCounter(tenant.getId());
      tenantState = "new tenant";
    } else if (!tenant.isEnabled()) {
      tenantState = "existing tenant, DISABLED: its tokens are refused until it is enabled";
    }
    String hash = TokenSecrets.hash(entry.token());
    String prefix = TokenSecrets.prefixOf(entry.token());
    Optional<ApiToken> existing = TokenQueries.byHash(em, hash);
    String tokenState;
    if (existing.isPresent()) {
      ApiToken token = existing.get();
      if (!token.getTenant().getId().equals(entry.tenantId())) {
        throw new IllegalStateException(
            "ROSTER_BOOTSTRAP_TOKENS: the token "
                + prefix
                + " given for tenant '"
                + entry.tenantId()
                + "' already belongs to tenant '"
                + token.getTenant().getId()
                + "'.");
      }
      tokenState = token.refusalAt(now).isPresent() ? "token reinstated" : "token already valid";
      token.reinstate();
      AfterTransaction.run(transactions, () -> tokenCache.evictToken(token.getId()));
    } else {
      em.persist(new ApiToken(tenant, "bootstrap", prefix, hash, now, null));
      tokenState = "token added";
    }
    LOG.fine(() -> "bootstrap " + entry);
    return "tenant '" + entry.tenantId() + "' (" + tenantState + "): " + tokenState + " " + prefix;
  }

  // Helpers

  private Optional<Tenant> storedTenant(String id) {
    return Optional.ofNullable(id).map(i -> em.find(Tenant.class, i));
  }

  private Tenant existingTenant(String id) {
    return storedTenant(id)
        .orElseThrow(() -> ScimException.notFound("There is no tenant '" + shown(id) + "'."));
  }

  /** The same rules for a new tenant's name and for a rename, from the console and the API. */
  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw ScimException.invalidValue("A tenant needs a name.");
    }
    if (name.strip().length() > MAX_NAME_LENGTH || hasControlCharacters(name)) {
      throw ScimException.invalidValue(
          "A tenant's name has at most "
              + MAX_NAME_LENGTH
              + " characters, and no line breaks or other control characters.");
    }
  }

  private static boolean hasControlCharacters(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }

  /** A value as an error message quotes it back: short. */
  private static String shown(String value) {
    return value == null || value.length() <= 60 ? value : value.substring(0, 60) + "…";
  }

  /** A slug from the name, with -2, -3, ... appended while it is taken. */
  private String freeIdFor(String name) {
    String base =
        name.strip()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (base.isEmpty()) {
      base = "tenant";
    }
    if (base.length() > 56) {
      base = base.substring(0, 56);
    }
    String candidate = base;
    for (int n = 2; em.find(Tenant.class, candidate) != null; n++) {
      candidate = base + "-" + n;
    }
    return candidate;
  }
}
