/// The print view (`/__folio/print/<lang>/`): the print edition's pages as images in one scrolling
/// column, each with its number and links back to the chapter sections it holds; the chapters as jump
/// links; a "follow edits" toggle. Its script replaces only the images of changed pages (the `print`
/// event names them), so the scroll position stays and unchanged pages are never fetched again.
/// Served from memory by `folio serve` only; nothing of it is ever written into `Public/`.
enum PrintViewPage {
    static let prefix = "/__folio/print/"
    static let scriptPath = "/__folio/print.js"

    static func html(language: String) -> String {
        let lang = escape(language)
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Print edition (\(lang)) · folio preview</title>
        <style>
        :root { color-scheme: light dark; }
        body { margin: 0; font: 15px/1.45 system-ui, sans-serif; background: #5f6368; color: #fff; }
        .folio-print-bar { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem;
          align-items: center; padding: .55rem 1rem; background: #202124; box-shadow: 0 2px 6px rgba(0,0,0,.35); }
        .folio-print-bar a { color: #8ab4f8; }
        .folio-print-bar nav { display: flex; flex-wrap: wrap; gap: .2rem .8rem; font-size: 13px; }
        #folio-print-status { font-size: 13px; color: #e8eaed; }
        #folio-print-pages { display: flex; flex-direction: column; align-items: center; gap: 1.2rem; padding: 1.2rem 0 4rem; }
        .folio-page { margin: 0; width: min(96vw, 794px); }
        .folio-page img { display: block; width: 100%; aspect-ratio: 210 / 297; object-fit: contain; background: #fff;
          box-shadow: 0 2px 10px rgba(0,0,0,.45); }
        .folio-page figcaption { display: flex; flex-wrap: wrap; gap: .2rem .9rem; padding: .3rem .2rem; font-size: 13px; }
        .folio-page figcaption a { color: #d2e3fc; }
        .folio-page.folio-changed img { outline: 3px solid #fdd663; outline-offset: 2px; }
        </style>
        </head>
        <body data-lang="\(lang)">
        <header class="folio-print-bar">
        <strong>Print edition · \(lang)</strong>
        <span id="folio-print-status" role="status">Typesetting…</span>
        <label><input type="checkbox" id="folio-print-follow"> Follow edits</label>
        <a href="/\(lang)/">Draft site</a>
        <nav id="folio-print-chapters" aria-label="Chapters"></nav>
        </header>
        <main id="folio-print-pages"></main>
        <script src="\(scriptPath)" defer></script>
        </body>
        </html>

        """
    }

    /// The view's script: state first (`state.json`), then the `print` events of its language.
    static let script = """
    (function () {
      "use strict";
    \(LiveReloadScript.overlay)
      var lang = document.body.getAttribute("data-lang");
      var base = "\(prefix)" + lang + "/";
      var pagesBox = document.getElementById("folio-print-pages");
      var statusBox = document.getElementById("folio-print-status");
      var chaptersBox = document.getElementById("folio-print-chapters");
      var follow = document.getElementById("folio-print-follow");
      var shown = { version: 0, pages: [], sections: [] };
      var target = new URLSearchParams(location.search).get("at");
      follow.checked = localStorage.getItem("folio-print-follow") === "1";
      follow.addEventListener("change", function () { localStorage.setItem("folio-print-follow", follow.checked ? "1" : "0"); });

      function sectionsOn(page, sections) {
        return sections.filter(function (s) { return s.page === page; });
      }
      function sectionAt(page, sections) {
        var found = null;
        sections.forEach(function (s) { if (s.page <= page) { found = s; } });
        return found;
      }
      function caption(figure, number, state) {
        var box = figure.querySelector("figcaption");
        box.textContent = "";
        var label = document.createElement("span");
        label.textContent = "Page " + number + " of " + state.pages.length;
        box.appendChild(label);
        var starting = sectionsOn(number, state.sections);
        var links = starting.length ? starting : [sectionAt(number, state.sections)].filter(Boolean);
        links.forEach(function (s) {
          var a = document.createElement("a");
          a.href = s.href;
          a.className = "folio-back-to-text";
          a.textContent = "\\u2190 " + s.title;
          a.title = "Show this section in the draft site";
          box.appendChild(a);
        });
        var titles = links.map(function (s) { return s.title; });
        figure.querySelector("img").alt = "Page " + number + (titles.length ? ": " + titles.join("; ") : "");
      }
      function figureFor(number) {
        var figure = document.getElementById("page-" + number);
        if (figure) { return figure; }
        figure = document.createElement("figure");
        figure.className = "folio-page";
        figure.id = "page-" + number;
        figure.setAttribute("data-page", String(number));
        var img = document.createElement("img");
        img.loading = "lazy";
        img.decoding = "async";
        figure.appendChild(img);
        figure.appendChild(document.createElement("figcaption"));
        pagesBox.appendChild(figure);
        return figure;
      }
      function chapters(state) {
        chaptersBox.textContent = "";
        state.sections.filter(function (s) { return s.level === 1; }).forEach(function (s) {
          var a = document.createElement("a");
          a.href = "#page-" + s.page;
          a.textContent = s.title;
          chaptersBox.appendChild(a);
        });
      }
      function apply(state, changed) {
        if (state.version <= shown.version) { return; }
        state.pages.forEach(function (hash, index) {
          var number = index + 1;
          var figure = figureFor(number);
          var img = figure.querySelector("img");
          var src = base + "pages/" + hash + ".svg";
          if (img.getAttribute("src") !== src) { img.setAttribute("src", src); }
          figure.setAttribute("data-hash", hash);
          figure.classList.toggle("folio-changed", changed.indexOf(number) >= 0 && shown.version > 0);
          caption(figure, number, state);
        });
        for (var n = state.pages.length + 1; document.getElementById("page-" + n); n++) {
          document.getElementById("page-" + n).remove();
        }
        chapters(state);
        var first = shown.version > 0 && changed.length ? changed[0] : null;
        shown = state;
        document.body.setAttribute("data-version", String(state.version));
        statusBox.textContent = state.pages.length + " pages" +
          (first ? " \\u00b7 changed: " + (changed.length > 8 ? changed.slice(0, 8).join(", ") + ", \\u2026" : changed.join(", ")) : "");
        if (state.errors && state.errors.length) {
          folioOverlay.show(state.errors, "folio: the print edition has errors \\u2014 these are its last good pages.");
        } else {
          folioOverlay.hide();
        }
        if (target) {
          var wanted = target.replace(/index\\.html(?=#|$)/, "");
          target = null;
          var match = state.sections.filter(function (s) { return s.href === wanted; })[0] ||
            state.sections.filter(function (s) { return s.level === 1 && wanted.indexOf(s.href) === 0; })[0];
          if (match) { document.getElementById("page-" + match.page).scrollIntoView(); history.replaceState(null, "", "#page-" + match.page); }
        } else if (first && follow.checked) {
          document.getElementById("page-" + first).scrollIntoView({ block: "start" });
        }
      }
      function load() {
        return fetch(base + "state.json", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (state) {
          if (state.pages.length) { apply(state, state.changed || []); }
          if (state.errors && state.errors.length && !state.pages.length) {
            folioOverlay.show(state.errors, "folio: the print edition has errors.");
          }
          if (state.compiling && !state.pages.length) { statusBox.textContent = "Typesetting\\u2026"; }
        });
      }
      var source = new EventSource("\(LiveReloadScript.eventsPath)");
      source.addEventListener("open", function () { load(); });
      source.addEventListener("print", function (event) {
        var state = JSON.parse(event.data);
        if (state.lang === lang) { apply(state, state.changed); }
      });
      source.addEventListener("print-errors", function (event) {
        var report = JSON.parse(event.data);
        if (report.lang !== lang) { return; }
        statusBox.textContent = shown.pages.length + " pages \\u00b7 errors";
        folioOverlay.show(report.errors, "folio: the print edition has errors \\u2014 these are its last good pages.");
      });
      source.addEventListener("errors", function (event) { folioOverlay.show(JSON.parse(event.data), folioSiteErrorTitle); });
      source.addEventListener("reload", function () { statusBox.textContent = shown.pages.length + " pages \\u00b7 typesetting\\u2026"; });
      // The view tells the server it is still open: a compiler no view has used for 10 minutes is stopped.
      setInterval(load, 60000);
    })();
    """

    /// For the draft pages (inside the live-reload script): a "Print view" link on every page, and on a
    /// chapter page a "show in print" link beside the title and each section heading.
    static let draftLinks = """
      (function () {
        var lang = location.pathname.split("/")[1];
        if (!lang || !/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(lang)) { return; }
        var view = "\(prefix)" + lang + "/?at=";
        var corner = document.createElement("a");
        corner.id = "folio-print-view-link";
        corner.href = view + encodeURIComponent(location.pathname);
        corner.textContent = "Print view";
        corner.style.cssText = "position:fixed;left:.75rem;bottom:.75rem;z-index:2147483646;padding:.3rem .7rem;border-radius:4px;" +
          "background:#202124;color:#fff;font:13px/1.4 system-ui,sans-serif;text-decoration:none;opacity:.85";
        document.body.appendChild(corner);
        var main = document.querySelector("main.chapter");
        if (!main) { return; }
        var headings = Array.prototype.slice.call(main.querySelectorAll(".chapter-header h1, .chapter-body h2[id], .chapter-body h3[id], .chapter-body h4[id]"));
        headings.forEach(function (h) {
          if (h.closest(".footnotes, .references")) { return; }
          var a = document.createElement("a");
          a.className = "folio-show-in-print";
          a.href = view + encodeURIComponent(h.id ? location.pathname + "#" + h.id : location.pathname);
          a.textContent = "show in print";
          a.style.cssText = "margin-inline-start:.6em;font:normal 0.8rem/1 system-ui,sans-serif;vertical-align:middle;white-space:nowrap";
          h.appendChild(a);
        });
      })();
    """

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
