package dev.roster.apikeys.boundary;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API key may do in the admin API. Admin accounts may do everything; a key only what its
 * scopes name, and never manage API keys.
 */
public enum Scope {
  /** Read tenants' change feeds (and, as they come, their directories). */
  DIRECTORY,
  /** Manage tenants and their SCIM tokens, and read the provisioning log. */
  ADMIN;

  /** The scope's name in the API and in storage: {@code directory}, {@code admin}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The container role a key with this scope gets. */
  public String role() {
    return "scope-" + key();
  }

  public static Optional<Scope> of(String key) {
    for (Scope scope : values()) {
      if (scope.key().equals(key)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }

  /** Scopes as stored: their keys, comma-separated, in declaration order. */
  public static String stored(Set<Scope> scopes) {
    return EnumSet.copyOf(scopes).stream().map(Scope::key).collect(Collectors.joining(","));
  }

  public static Set<Scope> parseStored(String stored) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String key : stored.split(",")) {
      of(key.strip()).ifPresent(scopes::add);
    }
    return scopes;
  }
}
