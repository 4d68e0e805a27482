package dev.roster.admin.control;

import java.util.Locale;

/**
 * Admin account names: one normalisation for the account lookup and the sign-in throttle alike, so
 * that {@code " Admin"} and {@code "ADMIN"} are the account {@code admin} everywhere, including in
 * the count of its failed sign-ins.
 */
public final class AdminNames {

  public static final int MAX_LENGTH = 64;

  /** 1 to 64 lower-case letters, digits, '.', '_', '@' or '-', starting with a letter or digit. */
  public static final String PATTERN = "[a-z0-9][a-z0-9._@-]{0," + (MAX_LENGTH - 1) + "}";

  private AdminNames() {}

  /** The account a typed name means: without surrounding white space, in lower case. */
  public static String normalise(String typed) {
    return typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether a normalised name can be an account's name. */
  public static boolean valid(String normalised) {
    return normalised.matches(PATTERN);
  }
}
