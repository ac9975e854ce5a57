"""Session fixtures: the bundled publication and the six-language fixture, built once with the release
`folio` (with Pagefind), served side by side by `python3 -m http.server` under /bundled/ and /six/ (so
search is also tested from a sub-path), and one headless Chromium reset before each test."""

import pytest

from browser_support import (DESKTOP, REPO, StaticServer, build_site, emulate_media, make_six_language_project,
                             set_viewport, start_chromium)


class Sites:
    def __init__(self, root, url, six_warnings):
        self.root = root
        self.url = url
        self.six_warnings = six_warnings

    def bundled(self, path=""):
        return f"{self.url}bundled/{path}"

    def six(self, path=""):
        return f"{self.url}six/{path}"


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("sites")
    www = root / "www"
    build_site(REPO, www / "bundled")
    six_project = make_six_language_project(root / "six-project")
    six_warnings = build_site(six_project, www / "six")
    server = StaticServer(www)
    yield Sites(www, server.url, six_warnings)
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def browser(chromium):
    """The session's Chromium as a desktop screen in light mode, on a blank page."""
    chromium.get("about:blank")
    set_viewport(chromium, *DESKTOP)
    emulate_media(chromium)
    yield chromium
