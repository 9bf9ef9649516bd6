// Persona filter: dims what the chosen person does not meet and shows their own emotion
// lines. The choice lives in the address (#persona=ID), so the index can link to a
// persona's view of a map and a view can be shared. Without JavaScript the filter stays
// hidden and the full map reads as is; "show each person's line" works without it.
(function () {
  "use strict";
  var toggles = document.querySelectorAll("input.show-personas");
  toggles.forEach(function (t) {
    t.addEventListener("change", function () {
      toggles.forEach(function (other) { other.checked = t.checked; });
    });
  });
  var bar = document.getElementById("persona-filter");
  if (!bar) { return; }
  bar.hidden = false;
  var buttons = bar.querySelectorAll("button[data-filter]");
  var known = {};
  var meets = {};
  document.querySelectorAll(".col[data-meets]").forEach(function (el) {
    meets[el.getAttribute("data-tp")] = (el.getAttribute("data-meets") || "").split(" ");
  });
  buttons.forEach(function (b) { known[b.getAttribute("data-filter")] = true; });
  function apply(persona, remember) {
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-filter") === persona));
    });
    document.querySelectorAll("[data-personas]").forEach(function (el) {
      var who = (el.getAttribute("data-personas") || "").split(" ");
      el.classList.toggle("dim", persona !== "" && who.indexOf(persona) < 0);
    });
    // every lane's column of a touchpoint follows who meets it (said once, on its card's column)
    document.querySelectorAll(".col[data-tp]").forEach(function (el) {
      var who = meets[el.getAttribute("data-tp")] || [];
      el.classList.toggle("dim", persona !== "" && who.indexOf(persona) < 0);
    });
    document.querySelectorAll(".per-persona[data-persona]").forEach(function (el) {
      el.classList.toggle("chosen", persona !== "" && el.getAttribute("data-persona") === persona);
    });
    document.body.setAttribute("data-persona-filter", persona);
    if (remember && window.history && window.history.replaceState) {
      var bare = window.location.href.split("#")[0];
      window.history.replaceState(null, "", persona ? bare + "#persona=" + persona : bare);
    }
  }
  function fromAddress() {
    var found = /^#persona=([a-z0-9_-]+)$/.exec(window.location.hash);
    apply(found && known[found[1]] ? found[1] : "", false);
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { apply(b.getAttribute("data-filter"), true); });
  });
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
