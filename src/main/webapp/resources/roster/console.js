// Roster console behaviour, without inline script (the Content-Security-Policy forbids it).
// - data-copy="<element id>" on a button copies that element's text.
// - data-confirm="<question>" on a submit button asks before the form is sent.
document.addEventListener("click", function (event) {
  var copy = event.target.closest("[data-copy]");
  if (copy) {
    event.preventDefault();
    var source = document.getElementById(copy.getAttribute("data-copy"));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        copy.textContent = "Copied";
      });
    }
    return;
  }
  var confirming = event.target.closest("[data-confirm]");
  if (confirming && !window.confirm(confirming.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});

// - data-live="<url>" on an element reloads its content from the same element of that page every
//   data-live-seconds (default 5), until the reloaded element's own data-live is empty: the setup
//   guides follow what Roster has seen without reloading the page (which may show a token once).
(function () {
  function follow(element) {
    var url = element.getAttribute("data-live");
    if (!url) {
      return;
    }
    var seconds = parseInt(element.getAttribute("data-live-seconds") || "5", 10);
    window.setTimeout(function () {
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) {
            return;
          }
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(element.id);
          if (fresh) {
            element.innerHTML = fresh.innerHTML;
            element.setAttribute("data-live", fresh.getAttribute("data-live") || "");
          }
          follow(element);
        })
        .catch(function () { follow(element); });
    }, seconds * 1000);
  }
  document.querySelectorAll("[data-live]").forEach(follow);
})();
