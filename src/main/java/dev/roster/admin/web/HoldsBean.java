package dev.roster.admin.web;

import dev.roster.users.boundary.Deprovisionings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A tenant's held deprovisionings (docs/deprovisioning-hold.md): who, when, which request; release
 * or reject the ones ticked, or all; and the decisions made, with who made them. The tenant's id
 * travels as the {@code id} parameter; the ticked holds as {@code hold} checkboxes (plain fields,
 * not in the view state).
 */
@Named("holdsPage")
@RequestScoped
public class HoldsBean extends TenantSubpage {

  /** Decisions shown below what is held. */
  static final int HISTORY = 100;

  @Inject Deprovisionings deprovisionings;

  private List<Deprovisionings.Deprovisioning> held;
  private List<Deprovisionings.Deprovisioning> history;
  private Long heldCount;

  public List<Deprovisionings.Deprovisioning> getHeld() {
    if (held == null) {
      held = deprovisionings.list(getTenant().getId(), "held", 1000);
    }
    return held;
  }

  /** How many await review: counted once per request, though the page shows it several times. */
  public long getHeldCount() {
    if (heldCount == null) {
      heldCount = deprovisionings.countHeld(getTenant().getId());
    }
    return heldCount;
  }

  public List<Deprovisionings.Deprovisioning> getHistory() {
    if (history == null) {
      history =
          deprovisionings.list(getTenant().getId(), null, HISTORY + getHeld().size()).stream()
              .filter(d -> !d.state().equals("held"))
              .limit(HISTORY)
              .toList();
    }
    return history;
  }

  public void releaseSelected() throws IOException {
    decide(selected(), true);
  }

  public void rejectSelected() throws IOException {
    decide(selected(), false);
  }

  public void releaseAll() throws IOException {
    decideAll(true);
  }

  public void rejectAll() throws IOException {
    decideAll(false);
  }

  private List<String> selected() {
    String[] ticked = external().getRequestParameterValuesMap().get("hold");
    return ticked == null ? List.of() : Arrays.asList(ticked);
  }

  private void decide(List<String> ids, boolean release) throws IOException {
    if (getTenant() == null) {
      return;
    }
    if (ids.isEmpty()) {
      message("Tick the deprovisionings to " + (release ? "release" : "reject") + " first.");
      return;
    }
    int decided = 0;
    for (int from = 0; from < ids.size(); from += Deprovisionings.PART) {
      decided +=
          deprovisionings.decide(
              getTenant().getId(),
              ids.subList(from, Math.min(ids.size(), from + Deprovisionings.PART)),
              release,
              by());
    }
    done(decided, release);
  }

  private void decideAll(boolean release) throws IOException {
    if (getTenant() == null) {
      return;
    }
    int decided = 0;
    List<String> ids;
    while (!(ids = deprovisionings.heldIds(getTenant().getId())).isEmpty()) {
      int part = deprovisionings.decide(getTenant().getId(), ids, release, by());
      if (part == 0) {
        break;
      }
      decided += part;
    }
    done(decided, release);
  }

  private void done(int decided, boolean release) throws IOException {
    message(
        decided
            + (release
                ? " released: the product now gets their deactivations and deletions."
                : " rejected: the product keeps these users active."));
    Redirects.to(page("/admin/holds.xhtml"));
  }

  private String by() {
    return external().getUserPrincipal().getName();
  }

  private static void message(String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(text));
  }
}
