package dev.roster.scim.patch;

import static dev.roster.scim.JsonProviders.JSON;
import static dev.roster.scim.patch.Elements.demoteOtherPrimaries;
import static dev.roster.scim.patch.Elements.edited;
import static dev.roster.scim.patch.Elements.elements;
import static dev.roster.scim.patch.Elements.indexOfSame;
import static dev.roster.scim.patch.Elements.object;
import static dev.roster.scim.patch.Elements.putElements;
import static dev.roster.scim.patch.Elements.putObject;
import static dev.roster.scim.patch.Elements.setOrRemove;
import static dev.roster.scim.patch.Elements.toObject;

import dev.roster.scim.filter.Filter;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ElementMatcher;
import dev.roster.scim.schema.ResolvedPath;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The resource a PATCH request changes: a copy of its members, which the operations edit in order,
 * and the changes that more than one operation kind makes. An attribute lives in a container: the
 * resource itself, or the object of the extension it belongs to.
 */
final class WorkingCopy {

  private final Map<String, JsonValue> document;

  WorkingCopy(JsonObject resource) {
    this.document = new LinkedHashMap<>(resource);
  }

  JsonObject toJson() {
    return toObject(document);
  }

  void removeExtension(String urn) {
    document.remove(urn);
  }

  /**
   * Edits the container of the path's attribute: the resource, or a copy of its extension object,
   * which then takes the place of the old one (or goes, when nothing is left in it).
   */
  void edit(ResolvedPath path, Consumer<Map<String, JsonValue>> edit) {
    Map<String, JsonValue> container =
        path.container() == null ? document : object(document.get(path.container()));
    edit.accept(container);
    if (path.container() != null) {
      putObject(document, path.container(), container);
    }
  }

  /**
   * Sets an attribute to a canonical value, or clears it when there is none. Values of a
   * multi-valued attribute that are there already (see {@link Elements#indexOfSame}) are merged
   * rather than added again; {@code append} keeps the values there were, as an {@code add} does.
   */
  void set(ResolvedPath path, Optional<JsonValue> canonical, boolean append) {
    Attribute attribute = path.attribute();
    String name = attribute.name();
    edit(
        path,
        container -> {
          if (canonical.isEmpty()) {
            container.remove(name);
          } else if (attribute.multiValued()) {
            List<JsonValue> elements = append ? elements(container, name) : new ArrayList<>();
            List<JsonValue> touched = new ArrayList<>();
            for (JsonValue element : canonical.get().asJsonArray()) {
              int same = indexOfSame(attribute, elements, element);
              if (same < 0) {
                elements.add(element);
                touched.add(element);
              } else {
                JsonObject merged = merged(elements.get(same), element.asJsonObject());
                if (!merged.equals(elements.get(same))) {
                  elements.set(same, merged);
                  touched.add(merged);
                }
              }
            }
            putElements(container, name, demoteOtherPrimaries(elements, touched));
          } else if (attribute.type() == Attribute.Type.COMPLEX) {
            JsonObject given = canonical.get().asJsonObject();
            container.put(
                name,
                isNewReference(attribute, given) ? given : merged(container.get(name), given));
          } else {
            container.put(name, canonical.get());
          }
        });
  }

  /**
   * Sets or removes a sub-attribute: in the complex value, or in every element of a multi-valued
   * one (an element left with only labels goes). A multi-valued attribute with no elements gets
   * one.
   */
  void setSubAttribute(ResolvedPath path, Optional<JsonValue> canonical) {
    Attribute attribute = path.attribute();
    String sub = path.subAttribute().name();
    edit(
        path,
        container -> {
          if (!attribute.multiValued()) {
            Map<String, JsonValue> object = object(container.get(attribute.name()));
            setOrRemove(object, sub, canonical);
            putObject(container, attribute.name(), object);
            return;
          }
          List<JsonValue> elements = elements(container, attribute.name());
          if (elements.isEmpty() && canonical.isPresent()) {
            elements.add(JSON.createObjectBuilder().add(sub, canonical.get()).build());
          } else {
            elements.replaceAll(e -> edited(e, sub, canonical));
            elements.removeIf(e -> e == null);
          }
          putElements(container, attribute.name(), elements);
        });
  }

  /** The values of {@code attribute[filter]}, to be edited and then stored. */
  Selection select(ResolvedPath path, Filter filter) {
    ElementMatcher.check(path.attribute(), filter);
    return new Selection(path, filter);
  }

  /**
   * The values of an attribute, and which of them a value filter matches. A single complex
   * attribute ({@code manager[value eq "…"]}) is a list of its one value.
   */
  final class Selection {
    private final ResolvedPath path;
    private final Attribute attribute;
    private final Map<String, JsonValue> container;
    private final List<JsonValue> elements;
    private final List<Integer> matched = new ArrayList<>();

    /** The values added or changed: a primary one among them demotes the others. */
    private final List<JsonValue> touched = new ArrayList<>();

    private Selection(ResolvedPath path, Filter filter) {
      this.path = path;
      this.attribute = path.attribute();
      this.container = path.container() == null ? document : object(document.get(path.container()));
      this.elements =
          attribute.multiValued()
              ? elements(container, attribute.name())
              : container.containsKey(attribute.name())
                  ? new ArrayList<>(List.of(container.get(attribute.name())))
                  : new ArrayList<>();
      for (int i = 0; i < elements.size(); i++) {
        if (ElementMatcher.matches(attribute, filter, elements.get(i).asJsonObject())) {
          matched.add(i);
        }
      }
    }

    boolean isEmpty() {
      return matched.isEmpty();
    }

    void append(JsonObject element) {
      elements.add(element);
      touched.add(element);
    }

    /** Replaces each matching value with what {@code edit} makes of it; {@code null} removes it. */
    void change(UnaryOperator<JsonValue> edit) {
      for (int index : matched) {
        JsonValue edited = edit.apply(elements.get(index));
        elements.set(index, edited);
        if (edited != null) {
          touched.add(edited);
        }
      }
      elements.removeIf(e -> e == null);
    }

    /** The same, for a removal: what is left of a value does not count as changed. */
    void reduce(UnaryOperator<JsonValue> edit) {
      for (int index : matched) {
        elements.set(index, edit.apply(elements.get(index)));
      }
      elements.removeIf(e -> e == null);
    }

    /** Puts the values back into the resource. */
    void store() {
      if (attribute.multiValued()) {
        putElements(container, attribute.name(), demoteOtherPrimaries(elements, touched));
      } else if (elements.isEmpty()) {
        container.remove(attribute.name());
      } else {
        container.put(attribute.name(), elements.get(0));
      }
      if (path.container() != null) {
        putObject(document, path.container(), container);
      }
    }
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

  /** The object with the given sub-attributes set over its own. */
  static JsonObject merged(JsonValue object, JsonObject given) {
    Map<String, JsonValue> merged = object(object);
    merged.putAll(given);
    return toObject(merged);
  }
}
