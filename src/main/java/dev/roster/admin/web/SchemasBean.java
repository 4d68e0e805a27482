package dev.roster.admin.web;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.ScimException;
import dev.roster.scim.schema.Attribute;
import dev.roster.scim.schema.ExtensionDefinition;
import dev.roster.scim.schema.Schema;
import dev.roster.users.boundary.TenantSchemas;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * A tenant's custom attributes (docs/custom-attributes.md): its user extension schemas, an
 * attribute added (its schema made when new) or removed, a schema removed. The tenant's id travels
 * as the {@code id} parameter; the attribute a row's Remove names as plain {@code urn} and {@code
 * attribute} fields.
 */
@Named("schemasPage")
@RequestScoped
public class SchemasBean extends TenantSubpage {

  @Inject TenantSchemas schemas;

  private List<Schema> list;

  private String urn;
  private String name;
  private String type = "string";
  private boolean multiValued;
  private boolean caseExact;
  private boolean required;

  public List<Schema> getSchemas() {
    if (list == null) {
      list = schemas.list(getTenant().getId());
    }
    return list;
  }

  /** What Entra ID's custom attributes of this tenant would be called: its own extension's URN. */
  public String getSuggestedUrn() {
    String name = getTenant().getId().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    return "urn:ietf:params:scim:schemas:extension:"
        + (name.isEmpty() ? "custom" : name)
        + ":2.0:User";
  }

  /** Adds the form's attribute to its schema, which is made when it is new. */
  public void add() throws IOException {
    if (getTenant() == null) {
      return;
    }
    String schemaUrn = urn == null || urn.isBlank() ? getSuggestedUrn() : urn.strip();
    Schema existing =
        getSchemas().stream()
            .filter(s -> s.id().equalsIgnoreCase(schemaUrn))
            .findFirst()
            .orElse(null);
    JsonArrayBuilder attributes = JSON.createArrayBuilder();
    String schemaName = null;
    String description = "";
    if (existing != null) {
      JsonObject definition = ExtensionDefinition.toJson(existing);
      definition.getJsonArray("attributes").forEach(attributes::add);
      schemaName = existing.name();
      description = existing.description();
    }
    attributes.add(
        JSON.createObjectBuilder()
            .add("name", name == null ? "" : name.strip())
            .add("type", type)
            .add("multiValued", multiValued)
            .add("caseExact", caseExact)
            .add("required", required));
    var definition =
        JSON.createObjectBuilder().add("attributes", attributes).add("description", description);
    if (schemaName != null) {
      definition.add("name", schemaName);
    }
    try {
      schemas.put(
          getTenant().getId(), existing != null ? existing.id() : schemaUrn, definition.build());
    } catch (ScimException e) {
      error(e.detail());
      return;
    }
    info("Attribute " + name.strip() + " added to " + schemaUrn + ".");
    Redirects.to(page("/admin/schemas.xhtml"));
  }

  /** Removes the attribute the row names; a schema left without attributes goes with it. */
  public void remove() throws IOException {
    if (getTenant() == null) {
      return;
    }
    String schemaUrn = external().getRequestParameterMap().get("urn");
    String attribute = external().getRequestParameterMap().get("attribute");
    Schema schema =
        getSchemas().stream().filter(s -> s.id().equals(schemaUrn)).findFirst().orElse(null);
    if (schema == null) {
      error("There is no schema '" + schemaUrn + "'.");
      return;
    }
    List<Attribute> left =
        schema.attributes().stream().filter(a -> !a.name().equals(attribute)).toList();
    try {
      if (left.isEmpty()) {
        schemas.delete(getTenant().getId(), schema.id());
      } else {
        JsonObject definition =
            ExtensionDefinition.toJson(
                new Schema(schema.id(), schema.name(), schema.description(), left));
        schemas.put(getTenant().getId(), schema.id(), definition);
      }
    } catch (ScimException e) {
      error(e.detail());
      return;
    }
    info("Attribute " + attribute + " removed: values users have stay until each is next written.");
    Redirects.to(page("/admin/schemas.xhtml"));
  }

  public String getUrn() {
    return urn;
  }

  public void setUrn(String urn) {
    this.urn = urn;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public boolean isMultiValued() {
    return multiValued;
  }

  public void setMultiValued(boolean multiValued) {
    this.multiValued = multiValued;
  }

  public boolean isCaseExact() {
    return caseExact;
  }

  public void setCaseExact(boolean caseExact) {
    this.caseExact = caseExact;
  }

  public boolean isRequired() {
    return required;
  }

  public void setRequired(boolean required) {
    this.required = required;
  }

  /** An attribute's type as RFC 7643 spells it. */
  public String typeOf(Attribute attribute) {
    return attribute.type().keyword();
  }

  private static void info(String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(text));
  }

  private static void error(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }
}
