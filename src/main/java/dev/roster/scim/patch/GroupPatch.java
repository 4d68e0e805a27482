package dev.roster.scim.patch;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.ScimException;
import dev.roster.scim.Unicode;
import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.filter.Operator;
import dev.roster.scim.filter.PatchPath;
import dev.roster.scim.patch.MemberChange.Member;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.ResourceValidator;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A PATCH of a group, split in two: the operations on the group's own attributes ({@code
 * displayName}, {@code externalId}), which {@link PatchEngine} applies as it does for users, and
 * the changes to {@code members}, which the store applies as set operations in the database.
 *
 * <p>What each shape of operation on {@code members} means (RFC 7644 §3.5.2, and what Entra ID and
 * Okta send, see README "Groups"):
 *
 * <ul>
 *   <li>{@code add members} with one member, a list, or a bare id string (Microsoft's collection):
 *       adds those not there yet. {@code $ref} and {@code type} may be missing or null.
 *   <li>{@code remove members} <em>with</em> a value removes only the listed members (Entra ID);
 *       only {@code remove members} without a value removes them all.
 *   <li>{@code remove members[filter]} removes the members that match (Entra ID's flag mode, Okta).
 *   <li>{@code replace members} makes the list exactly the value (Okta's "Push Now").
 *   <li>{@code replace members[filter]} removes the matching members and adds the value.
 *   <li>{@code add members[value eq "id"]} adds that member.
 *   <li>A path-less operation's {@code members} key is the same operation with path {@code
 *       members}; its other keys ({@code displayName}, and Okta's {@code id}) go to the engine.
 *   <li>A member's sub-attributes are immutable: paths such as {@code members[value eq
 *       "x"].display} are refused with {@code mutability}.
 * </ul>
 *
 * Operations apply in order; the attribute and member changes are independent of each other.
 *
 * @param attributeOperations the operations on everything but {@code members}, for the engine
 * @param memberChanges the changes to {@code members}, in order
 */
public record GroupPatch(
    List<PatchOperation> attributeOperations, List<MemberChange> memberChanges) {

  private static final ResourceType TYPE = ResourceType.GROUP;
  private static final Attribute MEMBERS = TYPE.schema().attribute("members").orElseThrow();

  /**
   * Splits the operations of a PatchOp message.
   *
   * @throws ScimException invalidPath, invalidFilter, invalidValue or mutability for an operation
   *     on {@code members} that cannot be applied, naming it
   */
  public static GroupPatch of(List<PatchOperation> operations) {
    List<PatchOperation> attributeOperations = new ArrayList<>();
    List<MemberChange> memberChanges = new ArrayList<>();
    for (int i = 0; i < operations.size(); i++) {
      PatchOperation operation = operations.get(i);
      try {
        split(operation, attributeOperations, memberChanges);
      } catch (ScimException e) {
        throw operation.failed(i + 1, e);
      }
    }
    return new GroupPatch(List.copyOf(attributeOperations), List.copyOf(memberChanges));
  }

  private static void split(
      PatchOperation operation,
      List<PatchOperation> attributeOperations,
      List<MemberChange> memberChanges) {
    if (operation.path() == null) {
      if (!(operation.value() instanceof JsonObject value)) {
        attributeOperations.add(operation); // the engine says what is wrong with it
        return;
      }
      JsonObjectBuilder rest = JSON.createObjectBuilder();
      boolean namesMembers = false;
      for (Map.Entry<String, JsonValue> entry : value.entrySet()) {
        PatchPath key = membersPathOrNull(entry.getKey());
        if (key != null) {
          namesMembers = true;
          memberChanges.addAll(changes(operation.op(), key, entry.getValue()));
        } else {
          rest.add(entry.getKey(), entry.getValue());
        }
      }
      JsonObject others = rest.build();
      if (!others.isEmpty() || !namesMembers) {
        attributeOperations.add(new PatchOperation(operation.op(), null, others));
      }
      return;
    }
    PatchPath path = PatchPath.parse(operation.path());
    if (!isMembers(path.attribute())) {
      attributeOperations.add(operation);
      return;
    }
    memberChanges.addAll(changes(operation.op(), path, operation.value()));
  }

  private static PatchPath membersPathOrNull(String key) {
    AttributePath path = AttributePath.parseOrNull(key);
    return path != null && isMembers(path) ? new PatchPath(path, null, null) : null;
  }

  /** Whether the path's attribute is {@code members}, whatever its sub-attribute. */
  private static boolean isMembers(AttributePath path) {
    return TYPE.resolve(new AttributePath(path.schemaUrn(), path.attribute(), null))
        .map(ResolvedPath::attribute)
        .filter(a -> a.name().equals("members"))
        .isPresent();
  }

  private static List<MemberChange> changes(PatchOperation.Op op, PatchPath path, JsonValue value) {
    String sub =
        path.subAttribute() != null ? path.subAttribute() : path.attribute().subAttribute();
    if (sub != null) {
      Attribute attribute =
          MEMBERS
              .subAttribute(sub)
              .orElseThrow(
                  () -> ScimException.invalidPath("A member has no sub-attribute '" + sub + "'."));
      throw ScimException.mutability(
          "'members."
              + attribute.name()
              + "' cannot be changed: remove the member and add it again.");
    }
    boolean hasValue = value != null && value.getValueType() != JsonValue.ValueType.NULL;
    Filter filter = path.valueFilter();
    if (filter != null) {
      requireMemberFilter(filter);
    }
    return switch (op) {
      case ADD -> {
        if (filter == null) {
          yield List.of(new MemberChange.Add(members(requireValue(op, value, hasValue))));
        }
        if (hasValue) {
          yield List.of(new MemberChange.Add(members(value)));
        }
        String id = singleValueId(filter);
        if (id == null) {
          throw ScimException.invalidPath(
              "An add to 'members[...]' without a value needs a filter 'value eq \"<id>\"'.");
        }
        yield List.of(new MemberChange.Add(List.of(new Member(id, null))));
      }
      case REMOVE -> {
        if (filter != null) {
          yield List.of(removeMatching(filter));
        }
        if (!hasValue) {
          yield List.of(new MemberChange.RemoveAll());
        }
        Set<String> ids = new LinkedHashSet<>();
        members(value).forEach(m -> ids.add(m.value()));
        yield List.of(new MemberChange.Remove(ids));
      }
      case REPLACE -> {
        List<Member> members = members(requireValue(op, value, hasValue));
        if (filter == null) {
          yield List.of(new MemberChange.ReplaceAll(members));
        }
        yield List.of(removeMatching(filter), new MemberChange.Add(members));
      }
    };
  }

  private static JsonValue requireValue(PatchOperation.Op op, JsonValue value, boolean hasValue) {
    if (!hasValue) {
      throw ScimException.invalidValue(
          "An "
              + op.name().toLowerCase(Locale.ROOT)
              + " of 'members' needs a value: a member, a list of members, or [] for none.");
    }
    return value;
  }

  /** {@code value eq "x" or value eq "y"} is a plain removal by id; anything else a filter. */
  private static MemberChange removeMatching(Filter filter) {
    Set<String> ids = new LinkedHashSet<>();
    return collectValueIds(filter, ids)
        ? new MemberChange.Remove(ids)
        : new MemberChange.RemoveMatching(filter);
  }

  private static boolean collectValueIds(Filter filter, Set<String> ids) {
    if (filter instanceof Filter.Or or) {
      return collectValueIds(or.left(), ids) && collectValueIds(or.right(), ids);
    }
    String id = singleValueId(filter);
    if (id == null) {
      return false;
    }
    ids.add(id);
    return true;
  }

  private static String singleValueId(Filter filter) {
    if (filter instanceof Filter.Comparison c
        && c.operator() == Operator.EQ
        && c.path().subAttribute() == null
        && c.path().attribute().equalsIgnoreCase("value")
        && c.value() instanceof JsonString id) {
      return id.getString();
    }
    return null;
  }

  /** The paths of a member filter are a member's sub-attributes; nothing else can match. */
  private static void requireMemberFilter(Filter filter) {
    filter.accept(
        new Filter.Visitor<Void>() {
          @Override
          public Void comparison(Filter.Comparison comparison) {
            requireSub(comparison.path());
            return null;
          }

          @Override
          public Void present(Filter.Present present) {
            requireSub(present.path());
            return null;
          }

          @Override
          public Void and(Filter.And and) {
            and.left().accept(this);
            return and.right().accept(this);
          }

          @Override
          public Void or(Filter.Or or) {
            or.left().accept(this);
            return or.right().accept(this);
          }

          @Override
          public Void not(Filter.Not not) {
            return not.filter().accept(this);
          }

          @Override
          public Void valuePath(Filter.ValuePath valuePath) {
            throw ScimException.invalidFilter("A member filter cannot contain another [filter].");
          }
        });
  }

  private static void requireSub(AttributePath path) {
    if (path.schemaUrn() != null
        || path.subAttribute() != null
        || MEMBERS.subAttribute(path.attribute()).isEmpty()) {
      throw ScimException.invalidFilter(
          "'" + path + "' is not a sub-attribute of a member (value, display, type, $ref).");
    }
  }

  /**
   * The members a value names: one member object, a list of them, or bare id strings (Microsoft's
   * collection sends {@code "value": "string id 1"}). Keys are matched without regard to case;
   * {@code displayName} stands for {@code display}; {@code type} and {@code $ref} are ignored,
   * since the server knows what each id is. A member named twice counts once.
   */
  public static List<Member> members(JsonValue value) {
    Map<String, Member> members = new LinkedHashMap<>();
    if (value instanceof JsonArray array) {
      for (JsonValue element : array) {
        Member member = member(element);
        members.putIfAbsent(member.value(), member);
      }
    } else if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
      Member member = member(value);
      members.put(member.value(), member);
    }
    return List.copyOf(members.values());
  }

  private static Member member(JsonValue element) {
    if (element instanceof JsonString id) {
      return new Member(requireId(id.getString()), null);
    }
    if (!(element instanceof JsonObject object)) {
      throw ScimException.invalidValue(
          "A member is an object with a 'value' (the member's id), not " + element + ".");
    }
    JsonValue id = PatchOperation.member(object, "value");
    if (!(id instanceof JsonString idText)) {
      throw ScimException.invalidValue(
          "A member needs a 'value' that is the member's id, as a string: " + object + ".");
    }
    JsonValue display = PatchOperation.member(object, "display");
    if (display == null || display.getValueType() == JsonValue.ValueType.NULL) {
      display = PatchOperation.member(object, "displayName");
    }
    String displayText = null;
    if (display instanceof JsonString text) {
      displayText = text.getString();
      if (Unicode.length(displayText) > ResourceValidator.MAX_STRING_LENGTH
          || ResourceValidator.tooManyBytes(displayText)) {
        throw ScimException.invalidValue(
            "A member's display is at most "
                + ResourceValidator.MAX_STRING_LENGTH
                + " characters and "
                + ResourceValidator.MAX_STRING_BYTES
                + " bytes of UTF-8, as every value.");
      }
    } else if (display != null && display.getValueType() != JsonValue.ValueType.NULL) {
      throw ScimException.invalidValue("A member's display must be a string.");
    }
    return new Member(requireId(idText.getString()), displayText);
  }

  private static String requireId(String id) {
    String trimmed = id.trim();
    if (trimmed.isEmpty()) {
      throw ScimException.invalidValue("A member's 'value' (its id) cannot be empty.");
    }
    return trimmed;
  }
}
