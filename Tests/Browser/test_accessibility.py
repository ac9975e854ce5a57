"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any kind of page, in light and dark mode and on
a phone, with both engines (see browser_support.axe_engines)."""

import pytest
from selenium.webdriver.common.by import By

from browser_support import PHONE, axe_engines, emulate_media, open_page, run_axe, set_viewport, wait

PAGE_TYPES = {
    "language chooser": "bundled/index.html",
    "home": "bundled/en/index.html",
    "chapter with KPI figures": "bundled/en/cities-in-the-unece-region/index.html",
    "untranslated chapter (fallback)": "bundled/fr/urban-planning/index.html",
    "KPI index": "bundled/en/kpis/index.html",
    "status dashboard": "bundled/status/index.html",
    "search with results": "bundled/fr/search/index.html?q=logement",
    "Arabic home": "six/ar/index.html",
    "Arabic chapter with a KPI figure": "six/ar/digital-connectivity/index.html",
    "Arabic chapter with a box and cross-references": "six/ar/introduction/index.html",
    "lists of figures, tables and boxes": "bundled/en/lists/index.html",
    "terminology": "bundled/ru/terms/index.html",
    "reference list (Russian)": "bundled/ru/references/index.html",
    "Chinese chapter": "six/zh/introduction/index.html",
    "changes since the review": "bundled/en/governance/changes/index.html",
    "reviewers' comments": "bundled/status/comments/index.html",
    "front matter (executive summary, Russian)": "bundled/ru/executive-summary/index.html",
    "annex": "bundled/en/methodology/index.html",
    "acronyms (Russian)": "bundled/ru/acronyms/index.html",
    "imprint": "bundled/en/imprint/index.html",
    "page not found": "bundled/404.html",
}
ENGINES = axe_engines()
VERSIONS = {}


def load(browser, sites, page):
    open_page(browser, sites.url + page)
    if "search" in page:
        wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result"))


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_wcag_violations(browser, sites, page_type, scheme, engine):
    emulate_media(browser, color_scheme=scheme)
    load(browser, sites, PAGE_TYPES[page_type])
    version, violations = run_axe(browser, ENGINES[engine])
    VERSIONS[engine] = version
    assert violations == [], f"axe {version}, {page_type}, {scheme}: {violations}"


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_wcag_violations_on_a_phone(browser, sites, page_type):
    set_viewport(browser, *PHONE)
    load(browser, sites, PAGE_TYPES[page_type])
    version, violations = run_axe(browser, ENGINES["axe-core-4"])
    assert violations == [], f"axe {version}, {page_type}, phone: {violations}"


def test_the_current_engine_is_axe_core_4(browser, sites):
    open_page(browser, sites.bundled("en/index.html"))
    version, _ = run_axe(browser, ENGINES["axe-core-4"])
    assert int(version.split(".")[0]) >= 4


def test_charts_have_text_alternatives_and_tables_have_headers(browser, sites):
    open_page(browser, sites.bundled("en/cities-in-the-unece-region/index.html"))
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.kpi-chart")
    assert charts
    for chart in charts:
        assert chart.get_attribute("role") == "img"
        names = chart.get_attribute("aria-labelledby").split()
        texts = [browser.find_element(By.ID, name).get_attribute("textContent") for name in names]
        assert all(text.strip() for text in texts)
        assert "Karmøy" in texts[1], "the description gives the values"
    for table in browser.find_elements(By.CSS_SELECTOR, "main table"):
        assert table.find_elements(By.CSS_SELECTOR, "thead th[scope='col']")


def test_fallback_content_declares_its_language(browser, sites):
    open_page(browser, sites.bundled("fr/urban-planning/index.html"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert browser.find_element(By.CSS_SELECTOR, ".chapter-body").get_attribute("lang") == "en"
    assert browser.find_element(By.CSS_SELECTOR, ".chapter-header").get_attribute("lang") == "en"
    assert browser.find_element(By.CSS_SELECTOR, ".notice-untranslated").get_attribute("lang") in (None, "", "fr")


# axe's best-practice rules for the structure the brief asks for: landmarks, one main, a heading one,
# headings in order, a working skip link.
STRUCTURE_RULES = ["region", "landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner",
                   "landmark-no-duplicate-contentinfo", "page-has-heading-one", "heading-order", "skip-link"]


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_landmarks_and_headings_are_in_order(browser, sites, page_type):
    load(browser, sites, PAGE_TYPES[page_type])
    version, violations = run_axe(browser, ENGINES["axe-core-4"], rules=STRUCTURE_RULES)
    assert violations == [], f"axe {version}, {page_type}: {violations}"


def test_the_changes_page_marks_the_round_and_says_how(browser, sites):
    """The bundled chapter 5's changes since the UNECE review: a legend naming both marks, a summary,
    and insertions and deletions in the text, each readable (contrast checked by axe above)."""
    open_page(browser, sites.bundled("en/governance/changes/index.html"))
    title = browser.find_element(By.TAG_NAME, "h1").text
    assert title.startswith("Changes since Review by UNECE units and subprogrammes (UNECE Economic Cooperation and Trade Division")
    legend = browser.find_elements(By.CSS_SELECTOR, ".changes-legend ins, .changes-legend del")
    assert [element.tag_name for element in legend] == ["ins", "del"]
    inserted = [element.text for element in browser.find_elements(By.CSS_SELECTOR, ".redline ins")]
    assert "and on staff with the skills to use them" in inserted
    assert "words inserted" in browser.find_element(By.CSS_SELECTOR, ".changes-summary").text
    browser.find_element(By.CSS_SELECTOR, ".changes-back a").click()
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".changes-link a"))
    assert browser.find_element(By.CSS_SELECTOR, ".changes-link a").text == title
