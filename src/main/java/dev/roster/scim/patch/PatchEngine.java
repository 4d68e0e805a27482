package dev.roster.scim.patch;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.filter.PatchPath;
import dev.roster.scim.patch.PatchOperation.Op;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.ResourceValidator;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to the canonical JSON of a resource, in order, and
 * validates the result like a PUT. It works on a copy, so a request applies all of its operations
 * or none. Each operation kind is a type of its own ({@code Add}, {@code Replace}, {@code Remove}),
 * which says what it does to each kind of {@code Target} a path names.
 *
 * <p>Besides the RFC, it accepts every shape Entra ID and Okta send (see docs/request-shapes.md,
 * P1–P11, G1–G7 and #okta-flow):
 *
 * <ul>
 *   <li>Path-less {@code add}/{@code replace} whose value keys are paths ({@code "name.givenName"},
 *       {@code "urn:…:User:employeeNumber"}, even {@code "emails[type eq \"work\"].value"}) or
 *       plain attributes ({@code {"active": false}}); read-only and unknown keys, such as Okta's
 *       {@code id}, are ignored.
 *   <li>{@code add} to {@code emails[type eq "work"].value} when no work email exists creates
 *       {@code {"type": "work", "value": …}} from the filter's {@code eq} terms; successive adds on
 *       the same filter fill that one element, in any order of sub-attributes.
 *   <li>{@code remove} of a multi-valued attribute with a {@code value} list removes only the
 *       listed values (Entra's member removal); without a value it removes the attribute.
 *   <li>A value that is null, {@code ""} or {@code {"value": ""}} clears the target (Entra P7,
 *       P11). A missing {@code value} on {@code add} or {@code replace} is an error.
 *   <li>A value filter on a single complex attribute ({@code manager[value eq "…"]}) is tolerated.
 *   <li>A new manager id replaces the whole {@code manager} (see {@code
 *       WorkingCopy.isNewReference}).
 * </ul>
 *
 * Where RFC 7644 is explicit and no client needs otherwise, the RFC holds: {@code replace} through
 * a value filter that matches nothing is 400 {@code noTarget} (unless the value is empty, which is
 * then a no-op), and {@code replace} of {@code attribute[filter]} replaces the matching elements
 * whole (§3.5.2.3), while {@code add} merges into them.
 *
 * <p>Adding a value that is already there (see {@link Elements#indexOfSame}), adding nothing, or
 * removing a value that is not there changes nothing and is not an error. When a value marked
 * primary is added, others lose {@code primary} (RFC 7644 §3.5.2).
 */
public final class PatchEngine {

  private final ResourceType type;
  private final ResourceValidator validator;

  public PatchEngine(ResourceType type) {
    this.type = type;
    this.validator = new ResourceValidator(type);
  }

  /**
   * The resource after the operations.
   *
   * @param resource the canonical writable resource (as {@link ResourceValidator#validate} returns
   *     it)
   * @throws ScimException invalidPath, noTarget, invalidValue or mutability for the first operation
   *     that cannot be applied, naming it
   */
  public JsonObject apply(JsonObject resource, List<PatchOperation> operations) {
    return apply(resource, operations, dropped -> {});
  }

  /**
   * As {@link #apply(JsonObject, List)}, telling {@code dropped} each attribute no schema of the
   * type defines, which an operation names by its URN-qualified path ({@code
   * urn:…:acme:2.0:User:costCentre}, Entra ID's custom attributes) or a key of its value: such an
   * operation is skipped, not failed (docs/custom-attributes.md). An unqualified unknown path is
   * still 400 invalidPath: a typo in a core attribute's name, not data of an undefined extension.
   */
  public JsonObject apply(
      JsonObject resource, List<PatchOperation> operations, Consumer<String> dropped) {
    WorkingCopy copy = new WorkingCopy(resource);
    for (int i = 0; i < operations.size(); i++) {
      PatchOperation operation = operations.get(i);
      try {
        applyOne(copy, operation, dropped);
      } catch (ScimException e) {
        throw operation.failed(i + 1, e);
      }
    }
    return validator.validate(copy.toJson(), dropped);
  }

  /** Whether a path that names nothing is an attribute of an extension this type lacks. */
  private boolean ofUndefinedExtension(String path) {
    AttributePath attribute;
    try {
      attribute = PatchPath.parse(path).attribute();
    } catch (ScimException malformed) {
      return false;
    }
    return attribute.schemaUrn() != null
        && !attribute.schemaUrn().equalsIgnoreCase(type.schema().id())
        && attribute.schemaUrn().regionMatches(true, 0, "urn:", 0, 4)
        && type.resolve(new AttributePath(attribute.schemaUrn(), attribute.attribute(), null))
            .isEmpty();
  }

  private void applyOne(WorkingCopy copy, PatchOperation operation, Consumer<String> dropped) {
    if (operation.op() != Op.REMOVE && operation.value() == null) {
      // A null value clears (Entra P11); a missing one is a malformed add or replace.
      throw ScimException.invalidValue(
          "An "
              + operation.op().name().toLowerCase(Locale.ROOT)
              + " operation needs a 'value' (RFC 7644 §3.5.2.1, §3.5.2.3).");
    }
    if (operation.path() == null) {
      applyWithoutPath(copy, operation, dropped);
      return;
    }
    Target target;
    try {
      target = Target.ofPath(type, operation.path());
    } catch (ScimException e) {
      if (e.scimType().orElse(null) == ScimType.INVALID_PATH
          && ofUndefinedExtension(operation.path())) {
        dropped.accept(PatchOperation.pathText(operation.path()));
        return;
      }
      throw e;
    }
    if (target.readOnly()) {
      throw ScimException.mutability("'" + target.resolved().canonical() + "' is read-only.");
    }
    Edit.of(operation.op(), operation.value(), validator).apply(copy, target);
  }

  /**
   * Path-less {@code add} and {@code replace}: each key of the value is an attribute or a path, and
   * is applied as if it were the operation's path (RFC 7644 §3.5.2.1, and Entra's dotted keys, Q5).
   * A key may even carry a value filter ({@code emails[type eq "work"].value}). Keys that name
   * nothing, or something read-only, are ignored as in a POST: Okta sends the resource's {@code
   * id}.
   */
  private void applyWithoutPath(
      WorkingCopy copy, PatchOperation operation, Consumer<String> dropped) {
    if (operation.op() == Op.REMOVE) {
      throw ScimException.noTarget("A remove operation needs a path (RFC 7644 §3.5.2.2).");
    }
    if (!(operation.value() instanceof JsonObject value)) {
      throw ScimException.invalidValue(
          "An operation without a path needs a JSON object of attributes as its value.");
    }
    for (Map.Entry<String, JsonValue> entry : value.entrySet()) {
      String key = entry.getKey();
      if (key.equalsIgnoreCase("schemas")) {
        continue;
      }
      Optional<Target> target = Target.ofKey(type, key);
      if (target.isEmpty()) {
        dropped.accept(key);
        continue;
      }
      if (target.get().readOnly()) {
        continue;
      }
      Edit.of(operation.op(), entry.getValue(), validator).apply(copy, target.get());
    }
  }

  /** Every resource type, for {@link #namesNeverReturned}. */
  private static final List<ResourceType> EVERY_TYPE =
      List.of(ResourceType.USER, ResourceType.GROUP);

  /**
   * The names of the attributes and sub-attributes that are never returned, in lower case: a path
   * that mentions none of them needs no parsing, which the provisioning log asks of every member
   * name of every body.
   */
  private static final Set<String> NEVER_RETURNED =
      EVERY_TYPE.stream()
          .flatMap(type -> Stream.concat(Stream.of(type.schema()), type.extensions().stream()))
          .flatMap(schema -> schema.attributes().stream())
          .flatMap(a -> Stream.concat(Stream.of(a), a.subAttributes().stream()))
          .filter(a -> a.returned() == Attribute.Returned.NEVER)
          .map(a -> a.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());

  /**
   * Whether an operation's {@code path} as a client sent it, or a key of a path-less operation's
   * value, names an attribute that is never returned ({@code password}) of any resource type, or
   * something inside one: read exactly as the engine reads it to apply the operation (trimmed, in
   * any case, URN-qualified or not, with or without a value filter). The provisioning log redacts
   * the values of such operations through this, so that what is applied is what is redacted.
   */
  public static boolean namesNeverReturned(String pathOrKey) {
    String folded = foldCase(pathOrKey);
    if (NEVER_RETURNED.stream().noneMatch(folded::contains)) {
      return false;
    }
    String path = PatchOperation.pathText(pathOrKey);
    for (ResourceType type : EVERY_TYPE) {
      Optional<Target> asPath;
      try {
        asPath = path == null ? Optional.empty() : Optional.of(Target.ofPath(type, path));
      } catch (ScimException namesNothing) {
        asPath = Optional.empty();
      }
      Optional<Target> asKey;
      try {
        asKey = Target.ofKey(type, pathOrKey);
      } catch (ScimException namesNothing) {
        asKey = Optional.empty();
      }
      if (Stream.of(asPath, asKey).flatMap(Optional::stream).anyMatch(Target::neverReturned)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text in lower case as {@link String#equalsIgnoreCase}, which resolves attribute names,
   * compares it: through upper case, so that U+017F (long s) is an s, as in {@code "paſſword"}.
   */
  public static String foldCase(String text) {
    StringBuilder folded = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      folded.append(Character.toLowerCase(Character.toUpperCase(text.charAt(i))));
    }
    return folded.toString();
  }
}
