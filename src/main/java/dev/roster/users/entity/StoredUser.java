package dev.roster.users.entity;

import dev.roster.scim.schema.ResourceValidator;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A user as Roster stores it: the canonical SCIM JSON of its writable attributes in {@code
 * DOCUMENT}, plus columns for what is looked up on every request.
 *
 * <p>Storage design. The document is the truth; everything else is an index of it:
 *
 * <ul>
 *   <li>Columns with their own indexes hold the values Entra ID and Okta query on every user:
 *       {@code userName} (lower-cased, unique per tenant, so that concurrent creates end in one 201
 *       and 409s), {@code externalId} (case-exact, not unique), {@code displayName} (lower-cased),
 *       {@code active}, and the meta times.
 *   <li>Every other value is a row of {@link IndexedValue}: path, element, comparison key, indexed
 *       by (tenant, path, key). A filter on any attribute becomes an indexed subquery over it.
 *   <li>{@code ID}, from a sequence, is the stable default order: users are listed in the order
 *       they were created, so that paging neither repeats nor skips users that are created or
 *       changed meanwhile. {@code SCIM_ID} is the resource id clients see.
 * </ul>
 */
@Entity
@Table(
    name = "SCIM_USERS",
    uniqueConstraints =
        @UniqueConstraint(
            name = "SCIM_USERS_USER_NAME",
            columnNames = {"TENANT_ID", "USER_NAME_KEY"}),
    indexes = {
      @Index(name = "SCIM_USERS_SCIM_ID", columnList = "SCIM_ID", unique = true),
      @Index(name = "SCIM_USERS_TENANT_ORDER", columnList = "TENANT_ID, ID"),
      @Index(name = "SCIM_USERS_EXTERNAL_ID", columnList = "TENANT_ID, EXTERNAL_ID"),
      @Index(name = "SCIM_USERS_DISPLAY_NAME", columnList = "TENANT_ID, DISPLAY_NAME_KEY"),
      @Index(name = "SCIM_USERS_LAST_MODIFIED", columnList = "TENANT_ID, LAST_MODIFIED"),
      @Index(name = "SCIM_USERS_CREATED", columnList = "TENANT_ID, CREATED"),
      // the deprovisioning hold's count of active users reads this index alone (migration V17)
      @Index(name = "SCIM_USERS_ACTIVE", columnList = "TENANT_ID, ACTIVE")
    })
public class StoredUser {

  /** Documents can be as large as the largest request body a client may send. */
  public static final int DOCUMENT_LENGTH = 1_048_576;

  @Id
  // one id at a time, so that ids follow creation order across instances (migration V3)
  @SequenceGenerator(name = "SCIM_USERS_SEQ", sequenceName = "SCIM_USERS_SEQ", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "SCIM_USERS_SEQ")
  private Long id;

  @Column(name = "SCIM_ID", nullable = false, length = 36)
  private String scimId;

  @Column(name = "TENANT_ID", nullable = false, length = 64)
  private String tenantId;

  @Column(name = "USER_NAME_KEY", nullable = false, length = ResourceValidator.MAX_STORED_LENGTH)
  private String userNameKey;

  @Column(name = "EXTERNAL_ID", length = ResourceValidator.MAX_STORED_LENGTH)
  private String externalId;

  @Column(name = "DISPLAY_NAME_KEY", length = ResourceValidator.MAX_STORED_LENGTH)
  private String displayNameKey;

  @Column(name = "ACTIVE")
  private Boolean active;

  @Column(name = "CREATED", nullable = false)
  private LocalDateTime created;

  @Column(name = "LAST_MODIFIED", nullable = false)
  private LocalDateTime lastModified;

  @Column(name = "VERSION", nullable = false)
  private long version;

  @Column(name = "DOCUMENT", nullable = false, length = DOCUMENT_LENGTH)
  private String document;

  /** The product's own account this user is, when it was imported (migration V9), else null. */
  @Column(name = "PRODUCT_ACCOUNT_ID", length = 255)
  private String productAccountId;

  /** When the identity provider first found or wrote this imported user; null until then. */
  @Column(name = "LINKED_AT")
  private LocalDateTime linkedAt;

  /**
   * {@code held} while the user's deactivation awaits review, {@code kept} after it was rejected
   * (migration V10, docs/deprovisioning-hold.md): inactive for SCIM, active for the product. Null
   * for every other user.
   */
  @Column(name = "HOLD", length = 8)
  private String hold;

  /**
   * The document as JSON, once this instance has read or written it: a request that changes a user
   * and answers with it parses the document once. Never stored.
   */
  @Transient private JsonObject parsedDocument;

  /** Only for sorting in JPQL ({@code LEFT JOIN u.values}); never loaded. */
  @OneToMany(mappedBy = "user")
  private List<IndexedValue> values;

  protected StoredUser() {}

  public StoredUser(String scimId, String tenantId, LocalDateTime now) {
    this.scimId = scimId;
    this.tenantId = tenantId;
    this.created = now;
    this.lastModified = now;
    this.version = 1;
  }

  /**
   * A user as a plain JDBC read found it ({@code dev.roster.storage.JdbcUserLookups}): not managed
   * by JPA, only to be answered with.
   */
  public static StoredUser read(
      long id,
      String scimId,
      String tenantId,
      String userNameKey,
      String externalId,
      String displayNameKey,
      Boolean active,
      LocalDateTime created,
      LocalDateTime lastModified,
      long version,
      String document,
      String productAccountId,
      LocalDateTime linkedAt,
      String hold) {
    StoredUser user = new StoredUser(scimId, tenantId, created);
    user.id = id;
    user.userNameKey = userNameKey;
    user.externalId = externalId;
    user.displayNameKey = displayNameKey;
    user.active = active;
    user.lastModified = lastModified;
    user.version = version;
    user.document = document;
    user.productAccountId = productAccountId;
    user.linkedAt = linkedAt;
    user.hold = hold;
    return user;
  }

  /** Takes a new state; the version and lastModified change only with {@link #touch}. */
  public void setState(
      String document,
      String userNameKey,
      String externalId,
      String displayNameKey,
      Boolean active) {
    this.document = document;
    this.parsedDocument = null;
    this.userNameKey = userNameKey;
    this.externalId = externalId;
    this.displayNameKey = displayNameKey;
    this.active = active;
  }

  /** The document as JSON, if this instance has it; see {@link #rememberParsed}. */
  public JsonObject parsedDocument() {
    return parsedDocument;
  }

  /** Keeps the JSON of the current document, which must be what {@link #document()} holds. */
  public void rememberParsed(JsonObject document) {
    this.parsedDocument = document;
  }

  /** Records a change: a new version (and ETag) and lastModified. */
  public void touch(LocalDateTime now) {
    version++;
    lastModified = now.isAfter(lastModified) ? now : lastModified;
  }

  public Long id() {
    return id;
  }

  public String scimId() {
    return scimId;
  }

  public String tenantId() {
    return tenantId;
  }

  public String externalId() {
    return externalId;
  }

  public String userNameKey() {
    return userNameKey;
  }

  public LocalDateTime created() {
    return created;
  }

  public LocalDateTime lastModified() {
    return lastModified;
  }

  public long version() {
    return version;
  }

  public String document() {
    return document;
  }

  public String productAccountId() {
    return productAccountId;
  }

  /** Marks the user as the product's account {@code accountId}, not yet linked. */
  public void importedAs(String accountId) {
    this.productAccountId = accountId;
    this.linkedAt = null;
  }

  /** Whether this is an imported account the identity provider has not found or written yet. */
  public boolean awaitsLink() {
    return productAccountId != null && linkedAt == null;
  }

  public LocalDateTime linkedAt() {
    return linkedAt;
  }

  public String hold() {
    return hold;
  }

  public void setHold(String hold) {
    this.hold = hold;
  }

  /** The identity provider has found or written this imported user. */
  public void linked(LocalDateTime now) {
    this.linkedAt = now;
  }
}
