"""`folio serve`: an open page reloads by itself after its chapter file is edited."""

import subprocess

from selenium.webdriver.common.by import By

from browser_support import LineReader, folio_binary, make_six_language_project, open_page, tool_environment, wait


def test_the_preview_reloads_after_an_edit(browser, tmp_path):
    project = make_six_language_project(tmp_path / "preview")
    server = subprocess.Popen([str(folio_binary()), "serve", str(project), "--port", "0"], env=tool_environment(),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output = LineReader(server.stdout)
        url = output.wait_for(r"Serving the draft site at (http://\S+/)").group(1)
        open_page(browser, url + "en/introduction/index.html")
        assert not browser.find_elements(By.ID, "site-search-input"), "the preview has no search box"
        browser.execute_script("window.folioTestMark = 'before the edit';")
        sentence = "Cities that plan for all ages plan for everyone."
        assert sentence not in browser.find_element(By.TAG_NAME, "main").text

        chapter = project / "Content" / "en" / "01-introduction.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\n" + sentence + "\n", encoding="utf-8")

        # No refresh from here: the page's live-reload script must bring the new text.
        wait(browser, 60).until(lambda d: sentence in d.find_element(By.TAG_NAME, "main").text)
        assert browser.execute_script("return window.folioTestMark") is None, "the page itself reloaded"
    finally:
        server.terminate()
        server.wait(timeout=15)
