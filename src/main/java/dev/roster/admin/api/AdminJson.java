package dev.roster.admin.api;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.ScimException;
import dev.roster.tenants.boundary.HoldThreshold;
import dev.roster.tenants.boundary.TenantView;
import dev.roster.tenants.boundary.TokenView;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The admin API's JSON: tenants and tokens as the API shows them, and the members it reads from
 * request bodies. A token's hash is never shown, and its plaintext only in the response that issued
 * it. Times are ISO-8601 instants in UTC.
 */
final class AdminJson {

  private AdminJson() {}

  static JsonObject tenant(TenantView tenant) {
    return JSON.createObjectBuilder()
        .add("id", tenant.getId())
        .add("name", tenant.getName())
        .add("enabled", tenant.isEnabled())
        .add("departmentSource", tenant.getDepartmentSource().value())
        .add("deprovisioningHold", hold(tenant.getHoldThreshold()))
        .add("created", time(tenant.getCreatedAt()))
        .build();
  }

  static JsonObject hold(HoldThreshold threshold) {
    return JSON.createObjectBuilder()
        .add("enabled", threshold.enabled())
        .add("percent", threshold.percent())
        .add("minimum", threshold.minimum())
        .build();
  }

  /**
   * The threshold a PATCH asks for: its members over the current ones, e.g. {@code {"enabled":
   * false}} or {@code {"percent": 20, "minimum": 100}}.
   */
  static HoldThreshold hold(HoldThreshold current, JsonValue body) {
    if (!(body instanceof JsonObject patch)) {
      throw ScimException.invalidValue(
          "'deprovisioningHold' must be an object such as {\"enabled\": true, \"percent\": 10,"
              + " \"minimum\": 50}.");
    }
    return new HoldThreshold(
        bool(patch, "enabled").orElse(current.enabled()),
        integer(patch, "percent").orElse(current.percent()),
        integer(patch, "minimum").orElse(current.minimum()));
  }

  /** An integer member, absent or null as empty; any other type is a 400. */
  static Optional<Integer> integer(JsonObject body, String name) {
    JsonValue value = body.get(name);
    if (value == null || value == JsonValue.NULL) {
      return Optional.empty();
    }
    if (value instanceof jakarta.json.JsonNumber number
        && number.isIntegral()
        && number.bigIntegerValue().bitLength() < 32) {
      return Optional.of(number.intValue());
    }
    throw ScimException.invalidValue("'" + name + "' must be a whole number.");
  }

  /** A token (a view of it has no hash). */
  static JsonObjectBuilder token(TokenView token) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", token.getId())
            .add("tenant", token.getTenantId())
            .add("prefix", token.getPrefix())
            .add("label", token.getLabel())
            .add("status", token.getStatus().toString())
            .add("created", time(token.getCreatedAt()));
    token.getExpiresAt().ifPresent(t -> json.add("expiresAt", time(t)));
    token.getLastUsedAt().ifPresent(t -> json.add("lastUsed", time(t)));
    token.getRevokedAt().ifPresent(t -> json.add("revokedAt", time(t)));
    return json;
  }

  /**
   * An instant to the millisecond: the database keeps microseconds, so a time in the response that
   * created something reads the same as when it is read back.
   */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** A string member, absent or null as empty; any other type is a 400. */
  static Optional<String> string(JsonObject body, String name) {
    JsonValue value = body.get(name);
    if (value == null || value == JsonValue.NULL) {
      return Optional.empty();
    }
    if (value instanceof JsonString string) {
      return Optional.of(string.getString());
    }
    throw ScimException.invalidValue("'" + name + "' must be a string.");
  }

  /** A boolean member, absent or null as empty; any other type is a 400. */
  static Optional<Boolean> bool(JsonObject body, String name) {
    JsonValue value = body.get(name);
    if (value == null || value == JsonValue.NULL) {
      return Optional.empty();
    }
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return Optional.of(value == JsonValue.TRUE);
    }
    throw ScimException.invalidValue("'" + name + "' must be true or false.");
  }

  /** An instant such as {@code 2027-01-31T00:00:00Z}, or a date, read as its start in UTC. */
  static Optional<Instant> instant(JsonObject body, String name) {
    return string(body, name)
        .filter(s -> !s.isBlank())
        .map(
            text -> {
              try {
                return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
              } catch (DateTimeParseException e) {
                throw ScimException.invalidValue(
                    "'"
                        + name
                        + "' must be an ISO-8601 instant such as 2027-01-31T00:00:00Z, or a date"
                        + " such as 2027-01-31.");
              }
            });
  }
}
