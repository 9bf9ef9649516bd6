// Persona filter: dims what the chosen persona does not meet and shows only their
// emotion lines. Without JavaScript the filter stays hidden and the full map reads as is.
(function () {
  "use strict";
  var bar = document.getElementById("persona-filter");
  if (!bar) { return; }
  bar.hidden = false;
  var buttons = bar.querySelectorAll("button[data-filter]");
  function apply(persona) {
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-filter") === persona));
    });
    document.querySelectorAll("[data-personas]").forEach(function (el) {
      var who = (el.getAttribute("data-personas") || "").split(" ");
      el.classList.toggle("dim", persona !== "" && who.indexOf(persona) < 0);
    });
    document.querySelectorAll("[data-persona]").forEach(function (el) {
      var own = el.getAttribute("data-persona");
      // SVG elements have no .hidden property; the attribute works for both kinds
      el.toggleAttribute("hidden", persona !== "" && own !== "" && own !== persona);
    });
    document.body.setAttribute("data-persona-filter", persona);
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { apply(b.getAttribute("data-filter")); });
  });
  apply("");
})();
