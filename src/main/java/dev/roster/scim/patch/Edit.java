package dev.roster.scim.patch;

import dev.roster.scim.ScimException;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.patch.PatchOperation.Op;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceValidator;
import dev.roster.scim.schema.Schema;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One operation kind with its value ({@link Add}, {@link Replace}, {@link Remove}), applied to one
 * target of the resource. Each kind says what it does to each kind of {@link Target}; finding the
 * target, and reading and writing the resource, they share.
 */
sealed interface Edit permits Add, Replace, Remove {

  /** The operation's value, or {@code null} when it has none. */
  JsonValue value();

  /** The value's validator, which also turns it into canonical form. */
  ResourceValidator validator();

  /** The edit of an operation kind with that value. */
  static Edit of(Op op, JsonValue value, ResourceValidator validator) {
    return switch (op) {
      case ADD -> new Add(validator, value);
      case REPLACE -> new Replace(validator, value);
      case REMOVE -> new Remove(validator, value);
    };
  }

  /** Whether the value is there and not null: a null value clears the target (Entra P11). */
  default boolean hasValue() {
    return value() != null && value().getValueType() != JsonValue.ValueType.NULL;
  }

  default void apply(WorkingCopy resource, Target target) {
    ResolvedPath resolved = target.resolved();
    if (resolved.isWholeExtension()) {
      wholeExtension(resource, resolved.schema());
    } else if (target.filter() != null) {
      filtered(resource, resolved, target.filter(), target.afterFilter());
    } else if (resolved.subAttribute() != null) {
      subAttribute(resource, resolved);
    } else {
      attribute(resource, resolved);
    }
  }

  /** The path is an extension's URN: the value is an object of that extension's attributes. */
  void wholeExtension(WorkingCopy resource, Schema extension);

  /** {@code attribute}: the whole attribute, single or multi-valued. */
  void attribute(WorkingCopy resource, ResolvedPath path);

  /** {@code attribute.sub}: in the complex value, or in every element of a multi-valued one. */
  void subAttribute(WorkingCopy resource, ResolvedPath path);

  /** {@code attribute[filter]}, or {@code attribute[filter].sub} when {@code sub} is given. */
  void filtered(WorkingCopy resource, ResolvedPath path, Filter filter, Attribute sub);

  /**
   * An {@code add} or {@code replace} of a whole extension: no value removes the extension;
   * otherwise each writable attribute the value names gets its value, through the same kind of edit
   * ({@code withValue}). Names the extension does not have are ignored, as in a POST.
   */
  default void eachAttribute(
      WorkingCopy resource, Schema extension, Function<JsonValue, Edit> withValue) {
    if (!hasValue()) {
      resource.removeExtension(extension.id());
      return;
    }
    if (!(value() instanceof JsonObject object)) {
      throw ScimException.invalidValue(
          "The value for '" + extension.id() + "' must be a JSON object.");
    }
    for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
      Optional<Attribute> attribute = extension.attribute(entry.getKey());
      if (attribute.isEmpty() || attribute.get().mutability() == Attribute.Mutability.READ_ONLY) {
        continue;
      }
      withValue
          .apply(entry.getValue())
          .attribute(resource, new ResolvedPath(extension, attribute.get(), null, extension.id()));
    }
  }

  /**
   * The canonical value of an {@code add} or {@code replace} through a value filter: a value of the
   * sub-attribute after the filter, or else one element.
   */
  static Optional<JsonValue> filteredValue(
      ResourceValidator validator, JsonValue value, ResolvedPath path, Attribute sub) {
    if (sub != null) {
      return validator.value(sub, value, path.canonical() + "." + sub.name());
    }
    Attribute attribute = path.attribute();
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
}
