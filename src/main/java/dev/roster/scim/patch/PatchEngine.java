package dev.roster.scim.patch;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.ScimException;
import dev.roster.scim.ScimType;
import dev.roster.scim.filter.AttributePath;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.filter.Operator;
import dev.roster.scim.filter.PatchPath;
import dev.roster.scim.patch.PatchOperation.Op;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.AttributeValues;
import dev.roster.scim.schema.ElementMatcher;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceType;
import dev.roster.scim.schema.ResourceValidator;
import dev.roster.scim.schema.Schema;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to the canonical JSON of a resource, in order, and
 * validates the result like a PUT. It works on a copy, so a request applies all of its operations
 * or none.
 *
 * <p>Besides the RFC, it accepts every shape Entra ID and Okta send (see {@code
 * reference/entra-id.md} §1.4 and {@code okta-and-peers.md} A.2):
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
 *   <li>A new manager id replaces the whole {@code manager} (see {@link #isNewReference}).
 * </ul>
 *
 * Where RFC 7644 is explicit and no client needs otherwise, the RFC holds: {@code replace} through
 * a value filter that matches nothing is 400 {@code noTarget} (unless the value is empty, which is
 * then a no-op), and {@code replace} of {@code attribute[filter]} replaces the matching elements
 * whole (§3.5.2.3), while {@code add} merges into them.
 *
 * <p>Adding a value that is already there (see {@link #indexOfSame}), adding nothing, or removing a
 * value that is not there changes nothing and is not an error. When a value marked primary is
 * added, others lose {@code primary} (RFC 7644 §3.5.2).
 */
public final class PatchEngine {

  /**
   * Sub-attributes that only describe an element; an element that a removal leaves with only these
   * is dropped.
   */
  private static final Set<String> LABELS = Set.of("type", "primary", "display");

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
    Map<String, JsonValue> document = new LinkedHashMap<>(resource);
    for (int i = 0; i < operations.size(); i++) {
      PatchOperation operation = operations.get(i);
      try {
        applyOne(document, operation);
      } catch (ScimException e) {
        throw operation.failed(i + 1, e);
      }
    }
    JsonObjectBuilder result = JSON.createObjectBuilder();
    document.forEach(result::add);
    return validator.validate(result.build());
  }

  private void applyOne(Map<String, JsonValue> document, PatchOperation operation) {
    if (operation.op() != Op.REMOVE && operation.value() == null) {
      // A null value clears (Entra P11); a missing one is a malformed add or replace.
      throw ScimException.invalidValue(
          "An "
              + operation.op().name().toLowerCase(java.util.Locale.ROOT)
              + " operation needs a 'value' (RFC 7644 §3.5.2.1, §3.5.2.3).");
    }
    if (operation.path() == null) {
      applyWithoutPath(document, operation);
      return;
    }
    Target target = pathTarget(operation.path());
    if (target.readOnly()) {
      throw ScimException.mutability("'" + target.resolved().canonical() + "' is read-only.");
    }
    new Edit(document, operation.op(), operation.value(), operation.hasValue()).apply(target);
  }

  /**
   * What a path points at: the attribute (and sub-attribute) it resolves to, its value filter, and
   * the sub-attribute after the filter.
   */
  private record Target(ResolvedPath resolved, Filter filter, Attribute afterFilter) {

    boolean readOnly() {
      Attribute target = afterFilter != null ? afterFilter : resolved.target();
      return resolved.attribute().mutability() == Attribute.Mutability.READ_ONLY
          || target.mutability() == Attribute.Mutability.READ_ONLY;
    }

    /** Whether the target is, or is inside, an attribute that is never returned (password). */
    boolean neverReturned() {
      return Stream.of(resolved.attribute(), resolved.target(), afterFilter)
          .anyMatch(a -> a != null && a.returned() == Attribute.Returned.NEVER);
    }
  }

  /** The engines of every resource type, for {@link #namesNeverReturned}. */
  private static final List<PatchEngine> EVERY_TYPE =
      List.of(new PatchEngine(ResourceType.USER), new PatchEngine(ResourceType.GROUP));

  /**
   * The names of the attributes and sub-attributes that are never returned, in lower case: a path
   * that mentions none of them needs no parsing, which the provisioning log asks of every member
   * name of every body.
   */
  private static final Set<String> NEVER_RETURNED =
      EVERY_TYPE.stream()
          .flatMap(
              engine ->
                  Stream.concat(Stream.of(engine.type.schema()), engine.type.extensions().stream()))
          .flatMap(schema -> schema.attributes().stream())
          .flatMap(a -> Stream.concat(Stream.of(a), a.subAttributes().stream()))
          .filter(a -> a.returned() == Attribute.Returned.NEVER)
          .map(a -> a.name().toLowerCase(Locale.ROOT))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

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
    for (PatchEngine engine : EVERY_TYPE) {
      Optional<Target> asPath;
      try {
        asPath = path == null ? Optional.empty() : Optional.of(engine.pathTarget(path));
      } catch (ScimException namesNothing) {
        asPath = Optional.empty();
      }
      Optional<Target> asKey;
      try {
        asKey = engine.keyTarget(pathOrKey);
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

  /** The target of an operation's path, which {@link PatchOperation#pathText} has read. */
  private Target pathTarget(String path) {
    return target(PatchPath.parse(path));
  }

  /**
   * Resolves a parsed path against the resource type.
   *
   * @throws ScimException invalidPath when the path names nothing the type has, or puts a value
   *     filter on an attribute that is not complex
   */
  private Target target(PatchPath path) {
    ResolvedPath resolved =
        type.resolve(path.attribute())
            .orElseThrow(
                () ->
                    ScimException.invalidPath("There is no attribute '" + path.attribute() + "'."));
    Attribute afterFilter = null;
    if (path.valueFilter() != null) {
      if (resolved.subAttribute() != null
          || resolved.attribute().type() != Attribute.Type.COMPLEX) {
        throw ScimException.invalidPath(
            "A value filter needs a complex attribute, and '" + path.attribute() + "' is not one.");
      }
      if (path.subAttribute() != null) {
        afterFilter =
            resolved
                .attribute()
                .subAttribute(path.subAttribute())
                .orElseThrow(
                    () ->
                        ScimException.invalidPath(
                            "'"
                                + resolved.attribute().name()
                                + "' has no sub-attribute '"
                                + path.subAttribute()
                                + "'."));
      }
    }
    return new Target(resolved, path.valueFilter(), afterFilter);
  }

  /**
   * Path-less {@code add} and {@code replace}: each key of the value is an attribute or a path, and
   * is applied as if it were the operation's path (RFC 7644 §3.5.2.1, and Entra's dotted keys, Q5).
   * A key may even carry a value filter ({@code emails[type eq "work"].value}). Keys that name
   * nothing, or something read-only, are ignored as in a POST: Okta sends the resource's {@code
   * id}.
   */
  private void applyWithoutPath(Map<String, JsonValue> document, PatchOperation operation) {
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
      Optional<Target> target = keyTarget(key);
      if (target.isEmpty() || target.get().readOnly()) {
        continue;
      }
      JsonValue v = entry.getValue();
      new Edit(document, operation.op(), v, v.getValueType() != JsonValue.ValueType.NULL)
          .apply(target.get());
    }
  }

  /** A key of a path-less value as a target, or empty when it names nothing this type has. */
  private Optional<Target> keyTarget(String key) {
    Optional<Schema> extension = type.extension(key);
    if (extension.isPresent()) {
      Schema ext = extension.get();
      return Optional.of(
          new Target(
              new ResolvedPath(ext, ResourceType.wholeExtension(ext), null, null), null, null));
    }
    if (key.indexOf('[') < 0) {
      return Optional.ofNullable(AttributePath.parseOrNull(key))
          .flatMap(type::resolve)
          .map(resolved -> new Target(resolved, null, null));
    }
    try {
      return Optional.of(target(PatchPath.parse(key)));
    } catch (ScimException e) {
      if (e.scimType().orElse(null) == ScimType.INVALID_PATH) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** One operation on one target of the document. */
  private final class Edit {
    final Map<String, JsonValue> document;
    final Op op;
    final JsonValue value;
    final boolean hasValue;

    Edit(Map<String, JsonValue> document, Op op, JsonValue value, boolean hasValue) {
      this.document = document;
      this.op = op;
      this.value = value;
      this.hasValue = hasValue;
    }

    void apply(Target target) {
      ResolvedPath resolved = target.resolved();
      if (resolved.isWholeExtension()) {
        wholeExtension(resolved.schema());
      } else if (target.filter() != null) {
        filtered(resolved, target.filter(), target.afterFilter());
      } else if (resolved.subAttribute() != null) {
        subAttribute(resolved);
      } else {
        attribute(resolved);
      }
    }

    /**
     * The path is an extension's URN: its value is an object of that extension's attributes. A null
     * value clears the extension, like any other complex attribute.
     */
    void wholeExtension(Schema extension) {
      if (op == Op.REMOVE || !hasValue) {
        document.remove(extension.id());
        return;
      }
      if (!(value instanceof JsonObject object)) {
        throw ScimException.invalidValue(
            "The value for '" + extension.id() + "' must be a JSON object.");
      }
      for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
        Optional<Attribute> attribute = extension.attribute(entry.getKey());
        if (attribute.isEmpty() || attribute.get().mutability() == Attribute.Mutability.READ_ONLY) {
          continue;
        }
        JsonValue v = entry.getValue();
        new Edit(document, op, v, v.getValueType() != JsonValue.ValueType.NULL)
            .attribute(new ResolvedPath(extension, attribute.get(), null, extension.id()));
      }
    }

    /**
     * {@code attribute}: set, merge, append or remove the whole attribute. An {@code add} to a
     * multi-valued attribute appends the values that are not there yet and merges those that are
     * (see {@link #indexOfSame}); adding nothing ({@code []}, {@code ""}, null) changes nothing.
     */
    void attribute(ResolvedPath path) {
      Attribute attribute = path.attribute();
      Map<String, JsonValue> container = container(path);
      String name = attribute.name();
      if (op == Op.REMOVE) {
        if (hasValue && attribute.multiValued() && attribute.type() == Attribute.Type.COMPLEX) {
          removeListed(container, attribute);
        } else {
          container.remove(name);
        }
        store(path, container);
        return;
      }
      Optional<JsonValue> canonical = validator.value(attribute, value, path.canonical());
      if (canonical.isEmpty()) {
        if (op == Op.ADD && attribute.multiValued()) {
          return;
        }
        container.remove(name);
      } else if (attribute.multiValued()) {
        List<JsonValue> elements = op == Op.ADD ? elements(container, name) : new ArrayList<>();
        List<JsonValue> touched = new ArrayList<>();
        for (JsonValue element : canonical.get().asJsonArray()) {
          int same = indexOfSame(attribute, elements, element);
          if (same < 0) {
            elements.add(element);
            touched.add(element);
          } else {
            Map<String, JsonValue> merged = object(elements.get(same));
            merged.putAll(element.asJsonObject());
            JsonObject mergedElement = toObject(merged);
            if (!mergedElement.equals(elements.get(same))) {
              elements.set(same, mergedElement);
              touched.add(mergedElement);
            }
          }
        }
        putElements(container, name, demoteOtherPrimaries(elements, touched));
      } else if (attribute.type() == Attribute.Type.COMPLEX) {
        JsonObject given = canonical.get().asJsonObject();
        Map<String, JsonValue> merged =
            isNewReference(attribute, given) ? new LinkedHashMap<>() : object(container.get(name));
        merged.putAll(given);
        container.put(name, toObject(merged));
      } else {
        container.put(name, canonical.get());
      }
      store(path, container);
    }

    /** Entra's remove of {@code members} with a value list: remove only those values. */
    private void removeListed(Map<String, JsonValue> container, Attribute attribute) {
      Optional<JsonValue> listed = validator.value(attribute, value, attribute.name());
      if (listed.isEmpty()) {
        return;
      }
      Attribute valueSub = attribute.subAttribute("value").orElse(null);
      List<JsonValue> elements = elements(container, attribute.name());
      for (JsonValue gone : listed.get().asJsonArray()) {
        JsonObject goneObject = gone.asJsonObject();
        elements.removeIf(
            element ->
                valueSub != null && goneObject.containsKey("value")
                    ? sameKey(
                        valueSub, element.asJsonObject().get("value"), goneObject.get("value"))
                    : element.equals(gone));
      }
      putElements(container, attribute.name(), elements);
    }

    /** {@code attribute.sub}: in the complex value, or in every element of a multi-valued one. */
    void subAttribute(ResolvedPath path) {
      Attribute attribute = path.attribute();
      Attribute sub = path.subAttribute();
      Map<String, JsonValue> container = container(path);
      Optional<JsonValue> canonical =
          op == Op.REMOVE ? Optional.empty() : validator.value(sub, value, path.canonical());
      if (attribute.multiValued() && op == Op.ADD && canonical.isEmpty()) {
        return; // adding nothing to every element
      }
      if (!attribute.multiValued()) {
        Map<String, JsonValue> object = object(container.get(attribute.name()));
        setOrRemove(object, sub.name(), canonical);
        putObject(container, attribute.name(), object);
      } else {
        List<JsonValue> elements = elements(container, attribute.name());
        if (elements.isEmpty() && canonical.isPresent()) {
          elements.add(JSON.createObjectBuilder().add(sub.name(), canonical.get()).build());
        } else {
          elements.replaceAll(e -> edited(e, sub.name(), canonical));
          elements.removeIf(e -> e == null);
        }
        putElements(container, attribute.name(), elements);
      }
      store(path, container);
    }

    /** {@code attribute[filter]} and {@code attribute[filter].sub}. */
    void filtered(ResolvedPath path, Filter filter, Attribute sub) {
      Attribute attribute = path.attribute();
      ElementMatcher.check(attribute, filter);
      Map<String, JsonValue> container = container(path);
      List<JsonValue> elements =
          attribute.multiValued()
              ? elements(container, attribute.name())
              : container.containsKey(attribute.name())
                  ? new ArrayList<>(List.of(container.get(attribute.name())))
                  : new ArrayList<>();
      List<Integer> matched = new ArrayList<>();
      for (int i = 0; i < elements.size(); i++) {
        if (ElementMatcher.matches(attribute, filter, elements.get(i).asJsonObject())) {
          matched.add(i);
        }
      }
      List<JsonValue> touched = new ArrayList<>();
      if (op == Op.REMOVE) {
        for (int i = matched.size() - 1; i >= 0; i--) {
          int index = matched.get(i);
          if (sub == null) {
            elements.remove(index);
          } else {
            JsonValue edited = edited(elements.get(index), sub.name(), Optional.empty());
            if (edited == null) {
              elements.remove(index);
            } else {
              elements.set(index, edited);
            }
          }
        }
      } else {
        Optional<JsonValue> canonical =
            sub != null
                ? validator.value(sub, value, path.canonical() + "." + sub.name())
                : elementValue(attribute, path);
        if (matched.isEmpty()) {
          if (canonical.isEmpty()) {
            return; // clearing what is not there
          }
          if (op == Op.REPLACE) {
            throw ScimException.noTarget(
                "No value of '" + attribute.name() + "' matches [" + filter + "].");
          }
          Map<String, JsonValue> created = termsOf(attribute, filter);
          if (sub != null) {
            created.put(sub.name(), canonical.get());
          } else {
            created.putAll(canonical.get().asJsonObject());
          }
          JsonObject element = toObject(created);
          elements.add(element);
          touched.add(element);
        } else {
          for (int index : matched) {
            JsonValue edited;
            if (sub != null) {
              edited = edited(elements.get(index), sub.name(), canonical);
            } else if (canonical.isEmpty()) {
              edited = null;
            } else if (op == Op.REPLACE) {
              // RFC 7644 §3.5.2.3: "all matching record values SHALL be replaced"
              edited = canonical.get();
            } else {
              Map<String, JsonValue> merged = object(elements.get(index));
              merged.putAll(canonical.get().asJsonObject());
              edited = toObject(merged);
            }
            if (edited == null) {
              elements.set(index, null);
            } else {
              elements.set(index, edited);
              touched.add(edited);
            }
          }
          elements.removeIf(e -> e == null);
        }
      }
      if (attribute.multiValued()) {
        putElements(container, attribute.name(), demoteOtherPrimaries(elements, touched));
      } else if (elements.isEmpty()) {
        container.remove(attribute.name());
      } else {
        container.put(attribute.name(), elements.get(0));
      }
      store(path, container);
    }

    /** The value of a filtered operation without a sub-attribute: one element. */
    private Optional<JsonValue> elementValue(Attribute attribute, ResolvedPath path) {
      Optional<JsonValue> canonical = validator.value(attribute, value, path.canonical());
      if (canonical.isEmpty() || !attribute.multiValued()) {
        return canonical;
      }
      JsonArray array = canonical.get().asJsonArray();
      if (array.size() != 1) {
        throw ScimException.invalidValue(
            "A value filter selects elements; give one element as the value.");
      }
      return Optional.of(array.get(0));
    }

    private Map<String, JsonValue> container(ResolvedPath path) {
      if (path.container() == null) {
        return document;
      }
      return object(document.get(path.container()));
    }

    private void store(ResolvedPath path, Map<String, JsonValue> container) {
      if (path.container() != null) {
        putObject(document, path.container(), container);
      }
    }
  }

  /**
   * The element a filter describes, for an {@code add} that matched nothing: its {@code eq}
   * comparisons joined by {@code and}, such as {@code type eq "work"}.
   */
  private Map<String, JsonValue> termsOf(Attribute attribute, Filter filter) {
    Map<String, JsonValue> terms = new LinkedHashMap<>();
    if (!collectTerms(attribute, filter, terms)) {
      throw ScimException.noTarget(
          "No value of '"
              + attribute.name()
              + "' matches ["
              + filter
              + "], and the filter does not describe a value to add.");
    }
    return terms;
  }

  private boolean collectTerms(Attribute attribute, Filter filter, Map<String, JsonValue> terms) {
    if (filter instanceof Filter.And and) {
      return collectTerms(attribute, and.left(), terms)
          && collectTerms(attribute, and.right(), terms);
    }
    if (filter instanceof Filter.Comparison c && c.operator() == Operator.EQ) {
      Attribute sub = attribute.subAttribute(c.path().attribute()).orElse(null);
      if (sub == null) {
        return false;
      }
      Optional<JsonValue> v = validator.value(sub, c.value(), attribute.name() + "." + sub.name());
      v.ifPresent(value -> terms.put(sub.name(), value));
      return v.isPresent();
    }
    return false;
  }

  /**
   * A single complex attribute that refers to a resource ({@code manager}) names one resource: a
   * value with a new {@code value} replaces the whole object rather than merging into it, so the
   * previous manager's {@code $ref} does not stay next to the new id. RFC 7644 §3.5.2.3 merges
   * sub-attributes of a complex attribute; Entra ID sends only the id (P6), which would leave a
   * {@code $ref} pointing at the old manager.
   */
  private static boolean isNewReference(Attribute attribute, JsonObject given) {
    return attribute.subAttribute("value").isPresent() && given.containsKey("value");
  }

  /**
   * The index of the element that {@code element} is another copy of, or -1. Elements are the same
   * when they are equal, or when their {@code value}s are equal (by the sub-attribute's caseExact)
   * and their {@code type}s do not differ: a member given as {@code {"value": id}} is the member
   * stored with its {@code display} (G1, "duplicates are no-ops"), and an email given without
   * {@code primary} is the stored primary one. The same address as {@code work} and as {@code home}
   * are two values. RFC 7644 §3.5.2.1 says only that a value already there is not added again.
   */
  private static int indexOfSame(Attribute attribute, List<JsonValue> elements, JsonValue element) {
    Attribute valueSub = attribute.subAttribute("value").orElse(null);
    Attribute typeSub = attribute.subAttribute("type").orElse(null);
    for (int i = 0; i < elements.size(); i++) {
      JsonValue existing = elements.get(i);
      if (existing.equals(element)) {
        return i;
      }
      if (valueSub != null
          && existing instanceof JsonObject old
          && element instanceof JsonObject given
          && sameKey(valueSub, old.get("value"), given.get("value"))
          && (typeSub == null
              || !old.containsKey("type")
              || !given.containsKey("type")
              || sameKey(typeSub, old.get("type"), given.get("type")))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean sameKey(Attribute attribute, JsonValue a, JsonValue b) {
    if (a == null || b == null) {
      return false;
    }
    Optional<String> ka = AttributeValues.key(attribute, a);
    return ka.isPresent() && ka.equals(AttributeValues.key(attribute, b));
  }

  /**
   * An element with a sub-attribute set or removed, or {@code null} when a removal leaves nothing
   * but labels. Only a removal drops the element: Entra's validator adds {@code roles[primary eq
   * "True"].display} and {@code .type} before {@code .value}, and the element being built is all
   * labels until the value arrives.
   */
  private static JsonValue edited(JsonValue element, String sub, Optional<JsonValue> value) {
    Map<String, JsonValue> object = object(element);
    setOrRemove(object, sub, value);
    if (value.isEmpty() && object.keySet().stream().allMatch(LABELS::contains)) {
      return null;
    }
    return toObject(object);
  }

  /** After primary values were added or changed, no other value stays primary (§3.5.2). */
  private static List<JsonValue> demoteOtherPrimaries(
      List<JsonValue> elements, List<JsonValue> touched) {
    boolean newPrimary =
        touched.stream()
            .anyMatch(e -> e instanceof JsonObject o && o.get("primary") == JsonValue.TRUE);
    if (!newPrimary) {
      return elements;
    }
    JsonValue keep =
        touched.stream()
            .filter(e -> e instanceof JsonObject o && o.get("primary") == JsonValue.TRUE)
            .reduce((a, b) -> b)
            .orElseThrow();
    List<JsonValue> result = new ArrayList<>();
    boolean kept = false;
    for (JsonValue element : elements) {
      if (element instanceof JsonObject o
          && o.get("primary") == JsonValue.TRUE
          && (kept || !element.equals(keep))) {
        Map<String, JsonValue> demoted = object(o);
        demoted.put("primary", JsonValue.FALSE);
        result.add(toObject(demoted));
      } else {
        if (element.equals(keep)) {
          kept = true;
        }
        result.add(element);
      }
    }
    return result;
  }

  private static void setOrRemove(
      Map<String, JsonValue> object, String name, Optional<JsonValue> value) {
    if (value.isPresent()) {
      object.put(name, value.get());
    } else {
      object.remove(name);
    }
  }

  private static Map<String, JsonValue> object(JsonValue value) {
    return value instanceof JsonObject o ? new LinkedHashMap<>(o) : new LinkedHashMap<>();
  }

  private static JsonObject toObject(Map<String, JsonValue> map) {
    JsonObjectBuilder builder = JSON.createObjectBuilder();
    map.forEach(builder::add);
    return builder.build();
  }

  private static List<JsonValue> elements(Map<String, JsonValue> container, String name) {
    JsonValue value = container.get(name);
    return value instanceof JsonArray array ? new ArrayList<>(array) : new ArrayList<>();
  }

  private static void putElements(
      Map<String, JsonValue> container, String name, List<JsonValue> elements) {
    if (elements.isEmpty()) {
      container.remove(name);
    } else {
      container.put(name, JSON.createArrayBuilder(elements).build());
    }
  }

  private static void putObject(
      Map<String, JsonValue> container, String name, Map<String, JsonValue> object) {
    if (object.isEmpty()) {
      container.remove(name);
    } else {
      container.put(name, toObject(object));
    }
  }
}
