package dev.roster.webhooks.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The event types an endpoint wants: {@code *} for all, {@code user.*} for a family, or exact types
 * such as {@code user.deactivated}. Stored comma-separated.
 */
public record EventTypes(List<String> patterns) {

  private static final Pattern VALID = Pattern.compile("\\*|[a-z_]{1,30}\\.(\\*|[a-z_]{1,30})");

  public static final EventTypes ALL = new EventTypes(List.of("*"));

  /**
   * The types of a request.
   *
   * @throws IllegalArgumentException naming the first pattern that is not one of the forms above
   */
  public static EventTypes of(List<String> patterns) {
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("Name at least one event type, or \"*\" for all.");
    }
    List<String> kept = new ArrayList<>();
    for (String pattern : patterns) {
      if (pattern == null || !VALID.matcher(pattern).matches()) {
        throw new IllegalArgumentException(
            "'"
                + (pattern == null
                    ? "null"
                    : pattern.length() > 40 ? pattern.substring(0, 40) : pattern)
                + "' is not an event type: use \"*\", \"user.*\" or a type such as"
                + " \"user.deactivated\".");
      }
      if (!kept.contains(pattern)) {
        kept.add(pattern);
      }
    }
    if (kept.size() > 50) {
      throw new IllegalArgumentException("At most 50 event types.");
    }
    return new EventTypes(List.copyOf(kept));
  }

  public static EventTypes stored(String text) {
    return new EventTypes(List.of(text.split(",")));
  }

  public String stored() {
    return String.join(",", patterns);
  }

  public boolean wants(String type) {
    for (String pattern : patterns) {
      if (pattern.equals("*")
          || pattern.equals(type)
          || (pattern.endsWith(".*")
              && type.startsWith(pattern.substring(0, pattern.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
