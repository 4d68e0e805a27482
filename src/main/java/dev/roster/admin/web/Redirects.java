package dev.roster.admin.web;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import java.io.IOException;

/**
 * How a form post that changed something ends: with a redirect to a page of the console
 * (Post/Redirect/Get), so that refreshing the page the browser lands on, or going back to it,
 * repeats nothing. The messages added so far travel along in the flash.
 */
final class Redirects {

  private Redirects() {}

  /**
   * @param path under the context root, with its query, e.g. {@code /admin/tenant.xhtml?id=acme}
   */
  static void to(String path) throws IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    external.getFlash().setKeepMessages(true);
    external.redirect(external.getRequestContextPath() + path);
  }
}
