package dev.roster.scim.schema;

import static dev.roster.scim.JsonProviders.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One attribute definition with the characteristics of RFC 7643 §2.2 and §7. Defaults are the
 * RFC's: not required, not case-exact, read-write, returned by default, not unique.
 *
 * <p>Definitions are built from the static factories and the modifiers, each of which returns a
 * changed copy, so a schema reads like the RFC's tables: {@code
 * string("userName").asRequired().unique()}.
 */
public record Attribute(
    String name,
    Type type,
    boolean multiValued,
    String description,
    boolean required,
    boolean caseExact,
    Mutability mutability,
    Returned returned,
    Uniqueness uniqueness,
    List<String> canonicalValues,
    List<String> referenceTypes,
    List<Attribute> subAttributes) {

  /** Attribute data types, RFC 7643 §2.3. */
  public enum Type {
    STRING("string"),
    BOOLEAN("boolean"),
    DECIMAL("decimal"),
    INTEGER("integer"),
    DATE_TIME("dateTime"),
    BINARY("binary"),
    REFERENCE("reference"),
    COMPLEX("complex");

    private final String keyword;

    Type(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }
  }

  /** RFC 7643 §7, "mutability". */
  public enum Mutability {
    READ_ONLY("readOnly"),
    READ_WRITE("readWrite"),
    IMMUTABLE("immutable"),
    WRITE_ONLY("writeOnly");

    private final String keyword;

    Mutability(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }
  }

  /** RFC 7643 §7, "returned". */
  public enum Returned {
    ALWAYS("always"),
    NEVER("never"),
    DEFAULT("default"),
    REQUEST("request");

    private final String keyword;

    Returned(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }
  }

  /** RFC 7643 §7, "uniqueness". */
  public enum Uniqueness {
    NONE("none"),
    SERVER("server"),
    GLOBAL("global");

    private final String keyword;

    Uniqueness(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }
  }

  public Attribute {
    canonicalValues = List.copyOf(canonicalValues);
    referenceTypes = List.copyOf(referenceTypes);
    subAttributes = List.copyOf(subAttributes);
  }

  private static Attribute of(String name, Type type) {
    return new Attribute(
        name,
        type,
        false,
        "",
        false,
        false,
        Mutability.READ_WRITE,
        Returned.DEFAULT,
        Uniqueness.NONE,
        List.of(),
        List.of(),
        List.of());
  }

  public static Attribute string(String name) {
    return of(name, Type.STRING);
  }

  public static Attribute bool(String name) {
    return of(name, Type.BOOLEAN);
  }

  public static Attribute dateTime(String name) {
    return of(name, Type.DATE_TIME);
  }

  public static Attribute binary(String name) {
    return of(name, Type.BINARY);
  }

  /** A reference to resources of the given types, or to {@code external} or {@code uri}. */
  public static Attribute reference(String name, String... referenceTypes) {
    return of(name, Type.REFERENCE).copy(d -> d.referenceTypes = List.of(referenceTypes));
  }

  public static Attribute complex(String name, Attribute... subAttributes) {
    return of(name, Type.COMPLEX).copy(d -> d.subAttributes = List.of(subAttributes));
  }

  public Attribute describedAs(String text) {
    return copy(d -> d.description = text);
  }

  public Attribute asMultiValued() {
    return copy(d -> d.multiValued = true);
  }

  public Attribute asRequired() {
    return copy(d -> d.required = true);
  }

  public Attribute asCaseExact() {
    return copy(d -> d.caseExact = true);
  }

  public Attribute readOnly() {
    return copy(d -> d.mutability = Mutability.READ_ONLY);
  }

  public Attribute immutable() {
    return copy(d -> d.mutability = Mutability.IMMUTABLE);
  }

  /** Write-only attributes are never returned (RFC 7643 §7). */
  public Attribute writeOnly() {
    return copy(
        d -> {
          d.mutability = Mutability.WRITE_ONLY;
          d.returned = Returned.NEVER;
        });
  }

  public Attribute returned(Returned value) {
    return copy(d -> d.returned = value);
  }

  /** Unique within the service provider; for Roster, within one tenant. */
  public Attribute unique() {
    return copy(d -> d.uniqueness = Uniqueness.SERVER);
  }

  public Attribute canonical(String... values) {
    return copy(d -> d.canonicalValues = List.of(values));
  }

  private Attribute copy(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** The mutable twin that the modifiers change; records have no withers. */
  private static final class Draft {
    String name;
    Type type;
    boolean multiValued;
    String description;
    boolean required;
    boolean caseExact;
    Mutability mutability;
    Returned returned;
    Uniqueness uniqueness;
    List<String> canonicalValues;
    List<String> referenceTypes;
    List<Attribute> subAttributes;

    Draft(Attribute a) {
      name = a.name;
      type = a.type;
      multiValued = a.multiValued;
      description = a.description;
      required = a.required;
      caseExact = a.caseExact;
      mutability = a.mutability;
      returned = a.returned;
      uniqueness = a.uniqueness;
      canonicalValues = a.canonicalValues;
      referenceTypes = a.referenceTypes;
      subAttributes = a.subAttributes;
    }

    Attribute build() {
      return new Attribute(
          name,
          type,
          multiValued,
          description,
          required,
          caseExact,
          mutability,
          returned,
          uniqueness,
          canonicalValues,
          referenceTypes,
          subAttributes);
    }
  }

  /** The sub-attribute of that name, ignoring case as SCIM attribute names do (RFC 7643 §2.1). */
  public Optional<Attribute> subAttribute(String subName) {
    return subAttributes.stream().filter(a -> a.name.equalsIgnoreCase(subName)).findFirst();
  }

  /** The attribute definition as RFC 7643 §7 represents it, without null values. */
  public JsonObject toJson() {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("name", name)
            .add("type", type.keyword())
            .add("multiValued", multiValued)
            .add("description", description)
            .add("required", required);
    if (type == Type.STRING || type == Type.REFERENCE || type == Type.BINARY) {
      json.add("caseExact", caseExact);
    }
    if (!canonicalValues.isEmpty()) {
      json.add("canonicalValues", JSON.createArrayBuilder(canonicalValues));
    }
    if (type == Type.REFERENCE) {
      json.add("referenceTypes", JSON.createArrayBuilder(referenceTypes));
    }
    if (type == Type.COMPLEX) {
      JsonArrayBuilder subs = JSON.createArrayBuilder();
      subAttributes.forEach(sub -> subs.add(sub.toJson()));
      json.add("subAttributes", subs);
    }
    return json.add("mutability", mutability.keyword())
        .add("returned", returned.keyword())
        .add("uniqueness", uniqueness.keyword())
        .build();
  }
}
