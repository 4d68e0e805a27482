package dev.roster.fuzz;

import static dev.roster.fuzz.Values.chance;
import static dev.roster.fuzz.Values.pick;

import java.util.Random;
import java.util.Set;

/** Ids that requests name in their bodies (members, managers), and new names. */
final class Ids {

  private Ids() {}

  /**
   * An id for a body to name: mostly a user or group of the tenant, sometimes another tenant's or a
   * made-up one (labelled {@code PREFIX.other-tenant-id} or {@code PREFIX.made-up-id}). Bystanders
   * are named now and then: adding one to a group changes the group, not it.
   */
  static String named(
      Random r, Directory directory, Directory.Tenant tenant, Set<String> labels, String prefix) {
    double roll = r.nextDouble();
    if (roll < 0.65) {
      return pick(r, chance(r, 0.9) ? tenant.writableUsers() : tenant.users());
    }
    if (roll < 0.8) {
      return pick(r, tenant.groups());
    }
    if (roll < 0.9) {
      labels.add(prefix + ".other-tenant-id");
      Directory.Tenant other = directory.tenant(directory.other(tenant.name()));
      return pick(r, chance(r, 0.7) ? other.users() : other.groups());
    }
    labels.add(prefix + ".made-up-id");
    return pick(
        r, "00000000-0000-0000-0000-000000000000", "nope", "", "010101001010101011001010101011");
  }

  /** A name no fixture uses, the same for the same random state. */
  static String unique(Random r, String prefix) {
    return prefix + Long.toHexString(r.nextLong() & 0xffffffffffL);
  }
}
