"""What the browser tests share: building and serving the sites, driving Chromium, running axe-core."""

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "Tests" / "Fixtures" / "browser-six-languages"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# Waits return as soon as their condition holds; the limit only matters on a very loaded machine.
WAIT_SECONDS = 45

DESKTOP = (1280, 900)
PHONE = (390, 844)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def book_parts(language: str) -> list:
    """The parts of the bundled book in a language's folder: front matter, chapters and annexes."""
    return [p for p in sorted((REPO / "Content" / language).glob("*.md")) if p.name != "_index.md"]


def folio_binary() -> Path:
    path = Path(os.environ.get("FOLIO", REPO / ".build" / "release" / "folio"))
    assert path.is_file(), f"{path} is missing: build it with `make release`"
    return path


def tool_environment() -> dict:
    """The environment for folio: the Python running the tests (a venv holding Pagefind) first on PATH,
    so that folio finds `python3 -m pagefind`."""
    environment = dict(os.environ)
    environment["PATH"] = str(Path(sys.executable).parent) + os.pathsep + environment.get("PATH", "")
    return environment


def make_six_language_project(destination: Path) -> Path:
    """The six-language fixture, on folio's built-in templates and KPI catalogue."""
    shutil.copytree(FIXTURE / "Content", destination / "Content")
    return destination


def build_site(project: Path, output: Path) -> str:
    """`folio build` with search; returns its diagnostics (standard error)."""
    run = subprocess.run([str(folio_binary()), "build", str(project), "--output", str(output)],
                         env=tool_environment(), capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert (output / "pagefind" / "pagefind-entry.json").is_file(), "Pagefind did not run:\n" + run.stderr
    return run.stderr


class LineReader:
    """Reads a child process's output in a thread (so its pipe never fills) and waits for a line."""

    def __init__(self, stream):
        self.lines = []
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self.thread.start()

    def _pump(self, stream):
        for line in stream:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, pattern: str, timeout: float = WAIT_SECONDS) -> re.Match:
        expression = re.compile(pattern)
        with self.changed:
            found = None

            def match():
                nonlocal found
                found = next((m for m in map(expression.search, self.lines) if m), None)
                return found is not None

            assert self.changed.wait_for(match, timeout), f"no line matching {pattern!r} in:\n{''.join(self.lines)}"
            return found


class StaticServer:
    """`python3 -m http.server` on 127.0.0.1, on a port the system chooses."""

    def __init__(self, folder: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(folder)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.output = LineReader(self.process.stdout)
        port = self.output.wait_for(r"port (\d+)").group(1)
        self.url = f"http://127.0.0.1:{port}/"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def start_chromium(javascript: bool = True) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}", "--hide-scrollbars", "--force-color-profile=srgb",
                     "--lang=en-GB", "--font-render-hinting=none"]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(90)
    driver.set_script_timeout(180)
    return driver


def wait(driver, seconds: float = WAIT_SECONDS) -> WebDriverWait:
    # A live reload can replace the page between finding an element and reading it: try again.
    return WebDriverWait(driver, seconds, poll_frequency=0.1, ignored_exceptions=[StaleElementReferenceException])


def set_viewport(driver, width: int, height: int):
    """An exact CSS viewport (the window's size would include the browser's own frame)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def emulate_media(driver, media: str = "", color_scheme: str = "light"):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": media, "features": [{"name": "prefers-color-scheme", "value": color_scheme}]})


def open_page(driver, url: str):
    """Loads a page and waits until it is complete (its deferred scripts have run)."""
    driver.get(url)
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    wait(driver).until(lambda d: d.find_element(By.TAG_NAME, "main"))


def computed(driver, selector: str, property_name: str) -> str:
    return driver.execute_script(
        "var e = document.querySelector(arguments[0]); return e ? getComputedStyle(e).getPropertyValue(arguments[1]) : null;",
        selector, property_name)


def active_element_description(driver) -> dict:
    return driver.execute_script("""
        var e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), id: e.id, className: String(e.className || ''),
                href: e.getAttribute('href') || '', text: (e.textContent || '').trim(),
                rel: e.getAttribute('rel') || '', inSwitcher: !!e.closest('#language-switcher'),
                inMain: !!e.closest('main'),
                outline: getComputedStyle(e).outlineStyle, outlineWidth: parseFloat(getComputedStyle(e).outlineWidth)};
    """)


# axe-core engines: the one axe-selenium-python bundles, and a current axe-core 4 that `make test`
# installs beside it (see the Makefile), so the WCAG 2.1 rules of today's axe run too.
def axe_engines() -> dict:
    import axe_selenium_python

    bundled = Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
    current = Path(os.environ.get("AXE_CORE_4", REPO / ".tools" / "axe-core-4" / "axe_selenium_python"
                                  / "node_modules" / "axe-core" / "axe.min.js"))
    return {"axe-selenium-python": bundled, "axe-core-4": current}


def run_axe(driver, script: Path, rules=None) -> tuple:
    """Runs axe-core's WCAG 2.0/2.1 A and AA rules (or the named rules) on the page; returns
    (axe version, violations)."""
    from axe_selenium_python import Axe

    assert script.is_file(), f"{script} is missing: run `make test` to install the axe-core engines"
    Axe(driver, script_url=str(script)).inject()
    outcome = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        // Older engines (axe-core 3) do not know the wcag21 tags yet: ask for the tags this one has.
        var known = {};
        axe.getRules().forEach(function (rule) { rule.tags.forEach(function (tag) { known[tag] = true; }); });
        var tags = arguments[0].filter(function (tag) { return known[tag]; });
        var only = arguments[1] ? {type: 'rule', values: arguments[1]} : {type: 'tag', values: tags};
        axe.run(document, {runOnly: only, resultTypes: ['violations']})
          .then(function (r) {
            done({version: axe.version, violations: r.violations.map(function (v) {
              return {id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' ') + ' — ' + (n.failureSummary || ''); })};
            })});
          }, function (e) { done({version: axe.version, error: String(e)}); });
    """, WCAG_TAGS, rules)
    assert "error" not in outcome, outcome.get("error")
    return outcome["version"], outcome["violations"]


def png_size(data: bytes) -> tuple:
    """Width and height from a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
