// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";
  function focusFirstError(root) {
    var summary = (root || document).querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { focusFirstError(document); });
  document.addEventListener("htmx:afterSwap", function (event) { focusFirstError(event.target); });
})();
// The menu's "Mer" closes on a click elsewhere or on Escape (it opens and closes without this too).
(function () {
  "use strict";
  function closeMore(except) {
    document.querySelectorAll("details.main-nav__more[open]").forEach(function (d) {
      if (d !== except) { d.removeAttribute("open"); }
    });
  }
  document.addEventListener("click", function (event) {
    closeMore(event.target.closest ? event.target.closest("details.main-nav__more") : null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.querySelector("details.main-nav__more[open]");
    if (open) { open.removeAttribute("open"); open.querySelector("summary").focus(); }
  });
})();
