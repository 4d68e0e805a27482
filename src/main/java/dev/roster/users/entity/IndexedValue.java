package dev.roster.users.entity;

import dev.roster.scim.schema.ResourceValidator;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One value of a user's document, as the filter index keeps it: the attribute's canonical path
 * ({@code emails.value}, {@code urn:…:enterprise:2.0:User:manager.value}), the element of a
 * multi-valued attribute it belongs to (0 for single values, and for the primary element), and its
 * comparison key (lower-cased unless the attribute is case-exact).
 *
 * <p>The index (tenant, path, key) answers {@code eq}, {@code sw}, ranges and {@code pr} on any
 * attribute; the primary key (user, path, element) joins the sub-attributes of one element, which
 * is what {@code emails[type eq "work"].value eq "…"} needs.
 */
@Entity
@IdClass(IndexedValue.Key.class)
@Table(
    name = "SCIM_USER_VALUES",
    indexes =
        @Index(
            name = "SCIM_USER_VALUES_LOOKUP",
            columnList = "TENANT_ID, PATH, VALUE_KEY, USER_ID"))
public class IndexedValue {

  @Id
  @Column(name = "USER_ID", nullable = false)
  private Long userId;

  @Id
  @Column(name = "PATH", nullable = false, length = 200)
  private String path;

  @Id
  @Column(name = "ELEMENT", nullable = false)
  private int element;

  @Column(name = "TENANT_ID", nullable = false, length = 64)
  private String tenantId;

  @Column(name = "VALUE_KEY", nullable = false, length = ResourceValidator.MAX_STORED_LENGTH)
  private String valueKey;

  @ManyToOne
  @JoinColumn(name = "USER_ID", insertable = false, updatable = false)
  private StoredUser user;

  protected IndexedValue() {}

  public IndexedValue(Long userId, String tenantId, String path, int element, String valueKey) {
    this.userId = userId;
    this.tenantId = tenantId;
    this.path = path;
    this.element = element;
    this.valueKey = valueKey;
  }

  /** The primary key: user, path, element. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private Long userId;
    private String path;
    private int element;

    public Key() {}

    public Key(Long userId, String path, int element) {
      this.userId = userId;
      this.path = path;
      this.element = element;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k
          && Objects.equals(userId, k.userId)
          && Objects.equals(path, k.path)
          && element == k.element;
    }

    @Override
    public int hashCode() {
      return Objects.hash(userId, path, element);
    }
  }
}
