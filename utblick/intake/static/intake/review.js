// Review screen: clicking a proposal highlights the passages it cites and scrolls the
// document pane to them, leaving the proposals where they are. Without JavaScript the
// "Källa i dokumentet" links still jump to the passage, highlighted by CSS :target.
(function () {
  "use strict";
  var ACTIVE = "passage--active";
  var CURRENT = "proposal--current";

  function clear() {
    document.querySelectorAll("." + ACTIVE + ", ." + CURRENT).forEach(function (el) {
      el.classList.remove(ACTIVE, CURRENT);
    });
  }

  function reveal(passage) {
    var pane = passage.closest(".doc");
    if (!pane) { return; }
    var box = pane.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight) {
      pane.scrollIntoView({ block: "start" });  // narrow screens: the pane is above
    }
    var offset = passage.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    pane.scrollTop = Math.max(0, pane.scrollTop + offset - pane.clientHeight / 4);
  }

  function highlight(ids, proposal) {
    var passages = ids
      .map(function (id) { return document.getElementById(id); })
      .filter(function (el) { return el !== null; });
    if (passages.length === 0) { return null; }
    clear();
    passages.forEach(function (el) { el.classList.add(ACTIVE); });
    proposal.classList.add(CURRENT);
    reveal(passages[0]);
    return passages[0];
  }

  document.addEventListener("click", function (event) {
    var proposal = event.target.closest(".proposal[data-passages]");
    if (!proposal) { return; }
    var link = event.target.closest(".source a[href^='#passage-']");
    if (!link && event.target.closest("a, button, input, select, textarea, label, summary")) {
      return;  // the proposal's own controls do what they say
    }
    var ids = link
      ? [link.getAttribute("href").slice(1)]
      : proposal.getAttribute("data-passages").split(" ").filter(Boolean);
    var first = highlight(ids, proposal);
    if (first && link) {
      event.preventDefault();
      first.focus({ preventScroll: true });  // a followed link moves focus, as without JS
    }
  });
})();
