package dev.roster.scim.boundary;

import jakarta.enterprise.context.RequestScoped;

/**
 * Whom a SCIM request was about and what it did to them, as the store that did it knows: the
 * userName or group displayName (also of a resource it deleted), and the action, such as {@code
 * deactivate} rather than a bare PATCH. The provisioning log records both; when a request fails
 * before its store knew, the log works them out from the request (docs/console.md).
 */
@RequestScoped
public class RequestSubject {

  private String name;
  private String action;

  /** The resource's name, as soon as the store has read it (a later failure keeps it). */
  public void named(String name) {
    this.name = name;
  }

  /** What the write did, once it is done. */
  public void did(String action) {
    this.action = action;
  }

  public String name() {
    return name;
  }

  public String action() {
    return action;
  }
}
