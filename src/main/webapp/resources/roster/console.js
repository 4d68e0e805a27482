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
