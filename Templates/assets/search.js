// The search page: starts Pagefind's search UI over this language's index (Pagefind picks the index and
// its interface language from <html lang>). Pagefind loads its index with fetch() and import(), which
// browsers refuse to pages opened from files: there, the page says that search needs a web server.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) { return; }
  if (location.protocol === "file:" || typeof window.PagefindUI !== "function") {
    var notice = document.getElementById("search-offline");
    if (notice) { notice.hidden = false; }
    return;
  }
  // Found from this page's own address, so the site also works from a sub-path of a web server.
  var root = new URL(box.getAttribute("data-root") || "./", location.href).pathname;
  var ui = new window.PagefindUI({
    element: "#search",
    bundlePath: root + "pagefind/",
    baseUrl: root,
    showSubResults: true,
    showImages: false,
    autofocus: true
  });
  // The header's search box sends its words here as ?q=.
  var query = new URLSearchParams(location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
