package dev.roster.tenants.boundary;

import dev.roster.scim.ScimException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a tenant's departments come from, as the product sees them (docs/directory-api.md): the
 * users' enterprise {@code department} attribute (what Entra ID and Okta sync unless groups are
 * pushed; the default), pushed groups, or both.
 */
public enum DepartmentSource {
  ATTRIBUTE,
  GROUPS,
  BOTH;

  /** As stored and as written in the admin API: {@code attribute}, {@code groups}, {@code both}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean includesAttribute() {
    return this != GROUPS;
  }

  public boolean includesGroups() {
    return this != ATTRIBUTE;
  }

  /**
   * The source with that value.
   *
   * @throws ScimException invalidValue for anything else
   */
  public static DepartmentSource of(String value) {
    return Arrays.stream(values())
        .filter(source -> source.value().equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                ScimException.invalidValue(
                    "Departments come from 'attribute', 'groups' or 'both'."));
  }
}
