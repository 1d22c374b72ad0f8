// The register's bulk bar, as progressive enhancement: without JavaScript "Välj alla"
// still means every row of the page (the server reads it), and each row has its own box.
(function () {
  "use strict";
  function rows(form) { return form.querySelectorAll("[data-select-row]"); }
  function update(form) {
    var all = form.querySelector("[data-select-all]");
    var count = form.querySelector("[data-selected-count]");
    var boxes = rows(form);
    var ticked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
    if (all) {
      all.checked = boxes.length > 0 && ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
    if (count) { count.textContent = ticked ? count.dataset.template.replace("%s", ticked) : ""; }
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    var form = target.form;
    // (form.id would be the inputs named "id": ask for the attribute.)
    if (!form || form.getAttribute("id") !== "bulk") { return; }
    if (target.hasAttribute("data-select-all")) {
      rows(form).forEach(function (b) { b.checked = target.checked; });
    }
    update(form);
  });
})();
