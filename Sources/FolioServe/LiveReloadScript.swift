/// The script injected into served pages (never into Public/): it listens to the server's events,
/// reloads after a rebuild, swaps the stylesheet after a stylesheet-only change, and shows the build's
/// diagnostics over the page while the content has errors.
enum LiveReloadScript {
    static let path = "/__folio/live.js"
    static let eventsPath = "/__folio/events"

    /// Inserted before `</body>`.
    static let tag = "<script src=\"\(path)\" defer></script>"

    /// The error overlay, shared with the print view: `folioOverlay.show(lines, title)`, `folioOverlay.hide()`.
    static let overlay = """
      var folioOverlay = (function () {
        var overlayId = "folio-error-overlay";
        function hide() {
          var old = document.getElementById(overlayId);
          if (old) { old.remove(); }
        }
        function show(lines, heading) {
          hide();
          var box = document.createElement("div");
          box.id = overlayId;
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;" +
            "background:#2b0b0b;color:#ffecec;border:2px solid #ff6b6b;border-radius:6px;padding:1rem 1.25rem;" +
            "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 8px 30px rgba(0,0,0,.4);direction:ltr;text-align:left";
          var title = document.createElement("strong");
          title.textContent = heading;
          box.appendChild(title);
          var list = document.createElement("pre");
          list.style.cssText = "margin:.75rem 0 0;white-space:pre-wrap";
          list.textContent = lines.join("\\n");
          box.appendChild(list);
          document.body.appendChild(box);
        }
        return { show: show, hide: hide };
      })();
      var folioSiteErrorTitle = "folio: the last change has errors \\u2014 this is the last good version of the site.";
    """

    static let source = """
    (function () {
      "use strict";
    \(overlay)
      function swapStylesheet(path) {
        var links = document.querySelectorAll('link[rel="stylesheet"]');
        for (var i = 0; i < links.length; i++) { links[i].href = "/" + path; }
      }
    \(PrintViewPage.draftLinks)
      var source = new EventSource("\(eventsPath)");
      source.addEventListener("reload", function () { location.reload(); });
      source.addEventListener("stylesheet", function (event) { swapStylesheet(event.data); folioOverlay.hide(); });
      source.addEventListener("errors", function (event) { folioOverlay.show(JSON.parse(event.data), folioSiteErrorTitle); });
    })();
    """
}
