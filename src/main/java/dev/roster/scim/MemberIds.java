package dev.roster.scim;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The member ids a group request names, read leniently from the body as sent (RFC 7644 §3.5.2):
 * {@code members} of a POST or PUT, and the values and {@code members[value eq "…"]} paths of a
 * PATCH's operations. For the provisioning log: a user's timeline and the names beside ids.
 */
public final class MemberIds {

  /** The most ids read from one body. */
  public static final int MAX = 100;

  private static final Pattern MEMBER_FILTER =
      Pattern.compile("(?i)^\\s*members\\s*\\[\\s*value\\s+eq\\s+\"([^\"]+)\"\\s*\\]\\s*$");

  private MemberIds() {}

  /**
   * The ids a group request named as members, in order and at most {@value #MAX}: {@code members}
   * of a POST or PUT, and the values and {@code members[value eq "…"]} paths of a PATCH's
   * operations.
   */
  public static List<String> of(JsonObject body) {
    Set<String> ids = new LinkedHashSet<>();
    if (body == null) {
      return List.of();
    }
    collectMembers(body, ids);
    if (body.get("Operations") instanceof JsonArray operations) {
      for (JsonValue value : operations) {
        if (!(value instanceof JsonObject operation)) {
          continue;
        }
        String path = operation.get("path") instanceof JsonString p ? p.getString() : null;
        JsonValue operand = operation.get("value");
        if (path == null) {
          if (operand instanceof JsonObject values) {
            collectMembers(values, ids);
          }
        } else if (path.trim().toLowerCase(Locale.ROOT).startsWith("members")) {
          Matcher filter = MEMBER_FILTER.matcher(path);
          if (filter.matches()) {
            ids.add(filter.group(1));
          }
          if (operand instanceof JsonArray array) {
            values(array, ids);
          } else if (operand instanceof JsonObject one
              && one.get("value") instanceof JsonString v) {
            ids.add(v.getString());
          }
        }
      }
    }
    List<String> list = new ArrayList<>(ids);
    return list.size() > MAX ? list.subList(0, MAX) : list;
  }

  private static void collectMembers(JsonObject object, Set<String> ids) {
    for (String key : object.keySet()) {
      if (key.equalsIgnoreCase("members") && object.get(key) instanceof JsonArray array) {
        values(array, ids);
      }
    }
  }

  private static void values(JsonArray array, Set<String> ids) {
    for (JsonValue member : array) {
      if (member instanceof JsonObject m && m.get("value") instanceof JsonString v) {
        ids.add(v.getString());
      }
    }
  }
}
