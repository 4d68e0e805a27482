package dev.roster.scim.patch;

import static dev.roster.scim.patch.Elements.edited;
import static dev.roster.scim.patch.Elements.toObject;

import dev.roster.scim.ScimException;
import dev.roster.scim.filter.Filter;
import dev.roster.scim.filter.Operator;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ResolvedPath;
import dev.roster.scim.schema.ResourceValidator;
import dev.roster.scim.schema.Schema;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code add} (RFC 7644 §3.5.2.1): sets a single value, merges into a complex one, and appends to a
 * multi-valued attribute the values that are not there yet. Adding nothing ({@code []}, {@code ""})
 * to a multi-valued attribute changes nothing; through a value filter that matches nothing, it
 * creates the element the filter describes.
 */
record Add(ResourceValidator validator, JsonValue value) implements Edit {

  @Override
  public void wholeExtension(WorkingCopy resource, Schema extension) {
    eachAttribute(resource, extension, v -> new Add(validator, v));
  }

  @Override
  public void attribute(WorkingCopy resource, ResolvedPath path) {
    Optional<JsonValue> canonical = validator.value(path.attribute(), value, path.canonical());
    if (canonical.isEmpty() && path.attribute().multiValued()) {
      return; // adding nothing
    }
    resource.set(path, canonical, true);
  }

  @Override
  public void subAttribute(WorkingCopy resource, ResolvedPath path) {
    Optional<JsonValue> canonical = validator.value(path.subAttribute(), value, path.canonical());
    if (path.attribute().multiValued() && canonical.isEmpty()) {
      return; // adding nothing to every element
    }
    resource.setSubAttribute(path, canonical);
  }

  /**
   * Merges into the matching elements. When none matches, creates {@code {"type": "work", "value":
   * …}} from the filter's {@code eq} terms, so that successive adds on the same filter fill one
   * element, in any order of sub-attributes.
   */
  @Override
  public void filtered(WorkingCopy resource, ResolvedPath path, Filter filter, Attribute sub) {
    WorkingCopy.Selection selection = resource.select(path, filter);
    Optional<JsonValue> canonical = Edit.filteredValue(validator, value, path, sub);
    if (selection.isEmpty()) {
      if (canonical.isEmpty()) {
        return; // clearing what is not there
      }
      Map<String, JsonValue> created = termsOf(path.attribute(), filter);
      if (sub != null) {
        created.put(sub.name(), canonical.get());
      } else {
        created.putAll(canonical.get().asJsonObject());
      }
      selection.append(toObject(created));
    } else {
      selection.change(
          element ->
              sub != null
                  ? edited(element, sub.name(), canonical)
                  : canonical.isEmpty()
                      ? null
                      : WorkingCopy.merged(element, canonical.get().asJsonObject()));
    }
    selection.store();
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
      v.ifPresent(term -> terms.put(sub.name(), term));
      return v.isPresent();
    }
    return false;
  }
}
