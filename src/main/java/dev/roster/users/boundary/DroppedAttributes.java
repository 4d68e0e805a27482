package dev.roster.users.boundary;

import jakarta.enterprise.context.RequestScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The attributes of this request that no schema of the tenant defines: ignored, and named in the
 * provisioning log so that an admin can see them and define them (docs/custom-attributes.md).
 */
@RequestScoped
public class DroppedAttributes {

  /** The most names one log record lists; the rest are counted. */
  static final int NAMED = 20;

  private final Set<String> names = new LinkedHashSet<>();

  void add(String name) {
    names.add(name);
  }

  /** The log's note, or null when nothing was dropped. */
  String note() {
    if (names.isEmpty()) {
      return null;
    }
    StringBuilder note =
        new StringBuilder("Ignored attributes that no schema of this tenant defines: ");
    names.stream().limit(NAMED).forEach(n -> note.append(n).append(", "));
    note.setLength(note.length() - 2);
    if (names.size() > NAMED) {
      note.append(" and ").append(names.size() - NAMED).append(" more");
    }
    return note.append(". Define them to keep them (tenant page, Custom attributes).").toString();
  }
}
