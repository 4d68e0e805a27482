package dev.roster.scim.patch;

import static dev.roster.scim.patch.Elements.edited;
import static dev.roster.scim.patch.Elements.elements;
import static dev.roster.scim.patch.Elements.putElements;
import static dev.roster.scim.patch.Elements.sameKey;

import dev.roster.scim.filter.Filter;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceValidator;
import dev.roster.scim.schema.Schema;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code remove} (RFC 7644 §3.5.2.2): the target goes. With a value list, a multi-valued complex
 * attribute loses only the listed values (Entra's member removal). Removing what is not there
 * changes nothing.
 */
record Remove(ResourceValidator validator, JsonValue value) implements Edit {

  @Override
  public void wholeExtension(WorkingCopy resource, Schema extension) {
    resource.removeExtension(extension.id());
  }

  @Override
  public void attribute(WorkingCopy resource, ResolvedPath path) {
    Attribute attribute = path.attribute();
    resource.edit(
        path,
        container -> {
          if (hasValue() && attribute.multiValued() && attribute.type() == Attribute.Type.COMPLEX) {
            removeListed(container, attribute);
          } else {
            container.remove(attribute.name());
          }
        });
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
                  ? sameKey(valueSub, element.asJsonObject().get("value"), goneObject.get("value"))
                  : element.equals(gone));
    }
    putElements(container, attribute.name(), elements);
  }

  @Override
  public void subAttribute(WorkingCopy resource, ResolvedPath path) {
    resource.setSubAttribute(path, Optional.empty());
  }

  @Override
  public void filtered(WorkingCopy resource, ResolvedPath path, Filter filter, Attribute sub) {
    WorkingCopy.Selection selection = resource.select(path, filter);
    selection.reduce(element -> sub == null ? null : edited(element, sub.name(), Optional.empty()));
    selection.store();
  }
}
