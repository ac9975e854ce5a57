"""`folio serve`'s print view: the print edition's pages as images that a chapter edit updates in place
(only the changed pages are fetched again, as the server's request log shows), links from the text to
its page and back, and the "follow edits" toggle."""

import re
import subprocess
import time

from selenium.webdriver.common.by import By

from browser_support import LineReader, folio_binary, make_six_language_project, open_page, tool_environment, wait

PAGE_REQUEST = re.compile(r"GET /__folio/print/en/pages/([0-9a-f]{16})\.svg 200")


def save(path, text):
    """An editor's atomic save."""
    temporary = path.with_suffix(".tmp-save")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def shown_pages(browser):
    return browser.execute_script("""
        return Array.prototype.map.call(document.querySelectorAll('figure.folio-page'), function (f) {
          var img = f.querySelector('img');
          return {page: Number(f.getAttribute('data-page')), hash: f.getAttribute('data-hash'), alt: img.alt,
                  src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0};
        });""")


def version(browser):
    return int(browser.execute_script("return document.body.getAttribute('data-version') || '0'"))


def page_with(browser, words):
    return next((p for p in shown_pages(browser) if words in p["alt"]), None)


def test_the_print_view_updates_only_the_changed_pages(browser, tmp_path):
    project = make_six_language_project(tmp_path / "print-preview")
    # New pages are rendered from the PDF by poppler, as a long book's edits are (this short one's would
    # otherwise take Typst's export of every page, which is cheaper at its size).
    environment = dict(tool_environment(), FOLIO_PRINT_RENDERER="poppler")
    server = subprocess.Popen([str(folio_binary()), "serve", str(project), "--port", "0", "--verbose"],
                              env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output = LineReader(server.stdout)
        url = output.wait_for(r"Serving the draft site at (http://\S+/)").group(1)

        # From the text to the page: the chapter page links its sections to the print view.
        open_page(browser, url + "en/introduction/")
        link = browser.find_element(By.XPATH, "//h2[@id='why-it-matters']"
                                              "/a[@class='folio-show-in-print']")
        assert "/__folio/print/en/?at=" in link.get_attribute("href")
        link.click()
        wait(browser, 180).until(lambda d: version(d) >= 1)
        section = page_with(browser, "Why it matters")
        assert section, shown_pages(browser)
        wait(browser).until(lambda d: d.execute_script("return location.hash") == f"#page-{section['page']}")
        assert output.wait_for(r"Started the en print compiler \(pid \d+\)")

        # And back: the page's caption links to the section on the draft site.
        back = browser.find_element(By.CSS_SELECTOR, f"#page-{section['page']} figcaption a.folio-back-to-text[href$='#why-it-matters']")
        assert back.get_attribute("href").endswith("/en/introduction/#why-it-matters")

        browser.execute_script("document.getElementById(arguments[0]).scrollIntoView()", f"page-{section['page']}")
        wait(browser).until(lambda d: page_with(d, "Why it matters")["loaded"])
        before = {p["page"]: p["hash"] for p in shown_pages(browser)}
        before_version = version(browser)
        browser.execute_script("window.folioTestMark = 'no reload';")
        mark = len(output.lines)

        # The edit: a section's title changes.
        chapter = project / "Content" / "en" / "01-introduction.md"
        renamed = "Why it matters to every resident"
        save(chapter, chapter.read_text(encoding="utf-8").replace("## Why it matters", "## " + renamed))

        wait(browser, 60).until(lambda d: version(d) > before_version and page_with(d, renamed)
                                and page_with(d, renamed)["loaded"])
        assert browser.execute_script("return window.folioTestMark") == "no reload", "the view reloaded"
        edited = page_with(browser, renamed)
        assert edited["hash"] != before[edited["page"]], "the changed page has a new image"
        assert edited["src"].endswith(edited["hash"] + ".svg")
        after = {p["page"]: p["hash"] for p in shown_pages(browser)}
        changed = {page for page, digest in after.items() if before.get(page) != digest}
        assert edited["page"] in changed
        assert len(changed) < len(after), "an edit in one chapter does not change every page"

        # The server's request log: after the edit, only changed pages' images were fetched, the edited one among them.
        fetched = {m.group(1) for m in map(PAGE_REQUEST.search, output.lines[mark:]) if m}
        assert edited["hash"] in fetched, output.lines[mark:]
        unchanged = {after[page] for page in after if page not in changed}
        assert not (fetched & unchanged), f"unchanged pages fetched again: {fetched & unchanged}"
        assert fetched <= {after[page] for page in changed}
        # serve's log of that compile: only the changed pages were rendered.
        compile_line = re.compile(r"^print en: .* by poppler.*, (\d+) changed.*, (\d+) written")
        deadline = time.monotonic() + 10
        while not (rendered := next(filter(None, map(compile_line.search, output.lines[mark:])), None)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert rendered, output.lines[mark:]
        assert 1 <= int(rendered.group(2)) <= int(rendered.group(1)) < len(after), rendered.group(0)

        # Follow edits: with the toggle on, an edit further on scrolls the view to its first changed page.
        browser.find_element(By.ID, "folio-print-follow").click()
        browser.execute_script("window.scrollTo(0, 0)")
        before_version = version(browser)
        second = project / "Content" / "en" / "02-digital-connectivity.md"
        text = second.read_text(encoding="utf-8")
        heading = re.search(r"^## (.+)$", text, re.MULTILINE).group(1)
        save(second, text.replace("## " + heading, "## " + heading + " in practice", 1))
        wait(browser, 60).until(lambda d: version(d) > before_version)
        first_changed = browser.execute_script(
            "var f = document.querySelector('figure.folio-changed'); return f ? Number(f.getAttribute('data-page')) : null;")
        assert first_changed and first_changed > 1
        wait(browser).until(lambda d: d.execute_script(
            "var r = document.getElementById(arguments[0]).getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0;",
            f"page-{first_changed}"))
        assert browser.execute_script("return window.scrollY") > 0

        # A Typst error (an image it cannot read) shows in the overlay at the chapter's line; the pages stay.
        shown = shown_pages(browser)
        (project / "Content" / "media").mkdir(exist_ok=True)
        (project / "Content" / "media" / "broken.png").write_text("not a PNG", encoding="utf-8")
        text = chapter.read_text(encoding="utf-8")
        lines = text.split("\n")
        line = lines.index("## " + renamed) + 1
        save(chapter, text.replace("## " + renamed, "![A map Typst cannot read](../media/broken.png)\n\n## " + renamed, 1))
        overlay = wait(browser, 60).until(lambda d: d.find_elements(By.ID, "folio-error-overlay"))[0]
        assert f"Content/en/01-introduction.md:{line}:1: error: the English print edition" in overlay.text, overlay.text
        assert "failed to decode image" in overlay.text
        assert shown_pages(browser) == shown, "the last good pages stay"
    finally:
        server.terminate()
        server.wait(timeout=15)
