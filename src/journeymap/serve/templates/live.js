// journeymap serve: reload this page when the site changes. Served pages only; the
// static `render` output never carries it. The server sends, on connecting and after
// every rebuild, the fingerprint of each page; a page reloads only when its own changed.
(function () {
  "use strict";
  var me = document.currentScript;
  var mine = me ? me.getAttribute("data-etag") || "" : "";
  var path = location.pathname.replace(/^\/+/, "");
  var name = decodeURIComponent(path === "" || /\/$/.test(path) ? path + "index.html" : path);
  var source = new EventSource("/__journeymap/events");
  source.addEventListener("site", function (event) {
    var pages = JSON.parse(event.data).pages;
    var now = Object.prototype.hasOwnProperty.call(pages, name) ? pages[name] : "";
    if (now !== mine) {
      source.close();
      location.reload();
    }
  });
})();
