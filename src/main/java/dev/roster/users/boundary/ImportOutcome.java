package dev.roster.users.boundary;

/** What an import did with one product account (docs/account-import.md). */
public enum ImportOutcome {
  /** A new user, awaiting its link. */
  CREATED,
  /** The account's user, not yet linked, took the imported values. */
  UPDATED,
  /** The account's user, not yet linked, already had them. */
  UNCHANGED,
  /** The account's user is linked: the identity provider's values stay. */
  LINKED_ALREADY,
  /** The identity provider had created a user with this userName: it is now this account. */
  MATCHED
}
