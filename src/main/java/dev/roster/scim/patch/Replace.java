package dev.roster.scim.patch;

import static dev.roster.scim.patch.Elements.edited;

import dev.roster.scim.ScimException;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceValidator;
import dev.roster.scim.schema.Schema;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * {@code replace} (RFC 7644 §3.5.2.3): the value takes the place of what is there; a complex value
 * is merged into the one there. An empty value clears the target. Through a value filter, the
 * matching elements are replaced whole, and a filter that matches nothing is 400 {@code noTarget}
 * (unless the value is empty, which then changes nothing).
 */
record Replace(ResourceValidator validator, JsonValue value) implements Edit {

  @Override
  public void wholeExtension(WorkingCopy resource, Schema extension) {
    eachAttribute(resource, extension, v -> new Replace(validator, v));
  }

  @Override
  public void attribute(WorkingCopy resource, ResolvedPath path) {
    resource.set(path, validator.value(path.attribute(), value, path.canonical()), false);
  }

  @Override
  public void subAttribute(WorkingCopy resource, ResolvedPath path) {
    resource.setSubAttribute(path, validator.value(path.subAttribute(), value, path.canonical()));
  }

  @Override
  public void filtered(WorkingCopy resource, ResolvedPath path, Filter filter, Attribute sub) {
    WorkingCopy.Selection selection = resource.select(path, filter);
    Optional<JsonValue> canonical = Edit.filteredValue(validator, value, path, sub);
    if (selection.isEmpty()) {
      if (canonical.isEmpty()) {
        return; // clearing what is not there
      }
      throw ScimException.noTarget(
          "No value of '" + path.attribute().name() + "' matches [" + filter + "].");
    }
    // RFC 7644 §3.5.2.3: "all matching record values SHALL be replaced"
    selection.change(
        element -> sub != null ? edited(element, sub.name(), canonical) : canonical.orElse(null));
    selection.store();
  }
}
