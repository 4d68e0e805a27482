package dev.roster.admin.control;

/**
 * A value that an error message quotes back, cut short: a message must say what was wrong without
 * repeating a kilobyte of it.
 */
public final class Echo {

  static final int MAX = 60;

  private Echo() {}

  public static String of(String value) {
    if (value == null) {
      return "";
    }
    return value.length() <= MAX ? value : value.substring(0, MAX) + "…";
  }
}
