package dev.roster.scim;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Each static {@code jakarta.json.Json.createX()} call looks
 * the provider up again through the service loader, which inside Payara scans jar files: measured
 * at most of the provisioning log's CPU time before this class existed. Use {@link #JSON} instead
 * of {@code Json} everywhere in main code.
 */
public final class JsonProviders {

  public static final JsonProvider JSON = JsonProvider.provider();

  private JsonProviders() {}
}
